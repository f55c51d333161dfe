// The conformance suite as a vitest test module: every planned check is one vitest test. The main process
// (../runner.ts) starts vitest on this file with the run's plan in `provide`; vitest collects the tests, runs the
// parallel phase concurrently (maxConcurrency), then the bystander check, then the exclusive checks one at a time,
// and reports each test to ./collector.ts. A check's outcome travels back in its test's `meta`:
// failed → the test fails with the failures (requirement ids first), skipped → `skip(reason)`, warned (a failure on an
// unverified requirement) → the test passes with a warning annotation.
import { afterAll, beforeAll, describe, inject, test, type RunnerTestFile, type TestContext } from 'vitest';
import type { TargetInfo } from '../check.js';
import type { CheckResult } from '../report/types.js';
import { PLAN_KEY } from './plan.js';
import { RunSession, toTargetInfo } from './session.js';
import { Slots } from './slots.js';

/** The error a failed check's test throws: one line per failure, requirement ids first. */
export class ConformanceFailure extends Error {
  override name = 'ConformanceFailure';
  constructor(message: string) {
    super(message);
    // No frames: the target failed, not this code, and the message says what failed and how to replay it. The frames
    // would only point into this module and vitest's runner, and vitest reads every frame's file for a source map on
    // each failed check. The broken-variant runs took 52.7 and 53.7 s of CPU without them, 56.0 and 58.8 s with.
    this.stack = `${this.name}: ${message}`;
  }
}

const plan = inject(PLAN_KEY);
const session = new RunSession(plan);
let target: TargetInfo = toTargetInfo(plan.target);
// Vitest lets `concurrency` + the waiting checks run at once (maxConcurrency); the others share `concurrency` slots.
const bounded = new Slots(plan.concurrency);
const waiting = new Set(plan.waiting);

async function runAsTest(id: string, t: TestContext): Promise<void> {
  const release = waiting.has(id) ? () => {} : await bounded.acquire();
  // The check's time starts now, with its slot: vitest's timeout (off for checks) would count the wait for one too.
  // When it runs out, the check's signal aborts its request in flight, and the test fails as vitest's timeout did.
  const timeout = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      timeout.abort();
      reject(new Error(`timed out after ${plan.checkTimeoutMs} ms`));
    }, plan.checkTimeoutMs);
  });
  let result: CheckResult;
  try {
    result = await Promise.race([
      session.runCheck(session.check(id), target, AbortSignal.any([t.signal, timeout.signal])),
      expired,
    ]);
  } finally {
    clearTimeout(timer);
    release();
  }
  t.task.meta.mlclose = result;
  for (const note of result.notes) await t.annotate(note, 'notice');
  if (result.status === 'skipped') t.skip(result.skipReason);
  const lines = result.failures.map((f) => `[${f.requirements.join(',')}] ${f.message}`);
  if (result.status === 'warned')
    await t.annotate(`unverified requirement(s), not failed: ${lines.join('; ')}`, 'warning');
  if (result.status === 'failed')
    throw new ConformanceFailure(`${lines.join('\n')}\nreplay: ${result.replay ?? ''}`);
}

function register(ids: readonly string[]): void {
  for (const id of ids) test(id, (t) => runAsTest(id, t));
}

let module: RunnerTestFile | undefined;
// Vitest's hooks take the test context first (destructured), the suite second.
// biome-ignore lint/correctness/noEmptyPattern: vitest reads this pattern to pick fixtures; `{}` asks for none.
beforeAll(async ({}, suite) => {
  module = suite.file;
  await session.setupBystanders(new AbortController().signal);
});
afterAll(async () => {
  await session.close();
  if (module) module.meta.mlcloseRun = session.stats();
});

describe('parallel', { concurrent: true }, () => register(plan.phases.parallel));
describe('bystanders', { sequential: true }, () => register(plan.phases.bystanders));
describe('exclusive', { sequential: true }, () => {
  beforeAll(async () => {
    if (plan.phases.exclusive.length > 0) target = await session.beforeExclusive(target);
  });
  register(plan.phases.exclusive);
});
