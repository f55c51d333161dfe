// The suite runs on vitest: every check is one vitest test of src/engine/suite.ts, run by a programmatic vitest
// instance. These tests look at the run from vitest's side (its own reporters see the same outcomes as the report),
// and at the paths where vitest, not the check, decides: a check that outlives its timeout, bail, and a run whose
// checks never ran. The verdict is pinned for every way a run can end.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REQUIREMENTS } from '@mlclose/schema';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { Reporter as VitestReporter, TestCase } from 'vitest/node';
import { runConformance } from '../src/index.js';
import { startMissingAs400, startTamperProxy } from './support/tamper-proxy.js';
import { builtFile } from './support/fresh-dist.js';
import { runNodeScript } from './support/node-script.js';
import { startTarget, type Target } from './support/target.js';
import { describeFailures, expectConformant } from './support/verdict.js';

let server: Target;
// Answers 400 where the close API answers 404: breaks CJ-MATCH-001 and the route checks, leaves the rest alone.
let broken: Awaited<ReturnType<typeof startMissingAs400>>;

beforeAll(async () => {
  server = await startTarget();
  broken = await startMissingAs400(server.url);
});

afterAll(async () => {
  await broken.close();
  await server.close();
});

const MIXED = ['route', 'supporting/info', 'security/missing-credentials'];

/** vitest's JSON report: one assertion result per test. */
interface VitestJson {
  testResults: Array<{
    assertionResults: Array<{ title: string; status: string; failureMessages: string[] }>;
  }>;
}

describe('each check is a vitest test', () => {
  it("has the same outcome in vitest's own JSON report as in the conformance report", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlclose-engine-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const outputFile = join(dir, 'vitest.json');
    const seen: string[] = [];
    const probe: VitestReporter = {
      onTestCaseResult(testCase: TestCase) {
        seen.push(testCase.fullName);
      },
    };
    const report = await runConformance({
      target: broken.url,
      seed: 41,
      only: MIXED,
      vitestReporters: [['json', { outputFile }], probe],
    });
    const statuses = new Set(report.checks.map((check) => check.status));
    expect(statuses).toEqual(new Set(['passed', 'failed', 'skipped']));
    const vitest = JSON.parse(readFileSync(outputFile, 'utf8')) as VitestJson;
    const tests = vitest.testResults.flatMap((file) => file.assertionResults);
    expect(tests).toHaveLength(report.checks.length);
    const byId = new Map(tests.map((test) => [test.title, test]));
    for (const check of report.checks) {
      const test = byId.get(check.id);
      expect(test, check.id).toBeDefined();
      const expected = { passed: 'passed', warned: 'passed', failed: 'failed', skipped: 'skipped' }[
        check.status
      ];
      expect(test!.status, check.id).toBe(expected);
      if (check.status === 'failed') {
        // The test fails with the check's failures, requirement ids first, and the replay command.
        expect(test!.failureMessages.join('\n')).toContain(`[${check.failures[0]!.requirements.join(',')}]`);
        expect(test!.failureMessages.join('\n')).toContain(`--only ${check.id}`);
        // Without stack frames: the target failed, not the runner (and vitest reads a source map for every frame).
        expect(test!.failureMessages.join('\n')).not.toMatch(/^\s+at /m);
      }
    }
    // A reporter object given by the caller sees every test too, under its phase.
    expect(seen).toHaveLength(report.checks.length);
    expect(seen.some((name) => name.startsWith('parallel > '))).toBe(true);
    expect(seen).toContain('bystanders > safety/bystanders-untouched');
  }, 120_000);
});

describe('the order of the parallel phase', () => {
  it('starts the waiting checks first, outside the concurrency bound, and each group in the order of the seed', async () => {
    // Checks that need job_behaviour wait on slowed-down jobs: they start first and take no slot of the bound.
    const waiting = ['duration/printed/minus-one/-1s', 'timeout/default-waits', 'force/does-not-wait'];
    const waitingOrders = new Set<string>();
    const otherOrders = new Set<string>();
    for (const seed of [5, 6, 7]) {
      const started: string[] = [];
      let held = 0;
      let othersWhileHeld = 0;
      let open!: () => void;
      const gate = new Promise<void>((resolve) => (open = resolve));
      // Each waiting check slows its job down through test control; that call is held until another check sends a
      // request while all of them are held (the proxy sees it as it happens; vitest's reports come in batches).
      // Were the waiting checks inside the bound (concurrency 1), the first one would hold the only slot, no other
      // check could send anything, and the run would never finish.
      const gated = await startTamperProxy(server.url, () => undefined, {
        hold: (method, url) => {
          if (
            method === 'PUT' &&
            url.startsWith('/_mlclose/test/anomaly_detectors/') &&
            url.endsWith('/_behaviour')
          ) {
            held++;
            return gate;
          }
          if (held === waiting.length) {
            othersWhileHeld++;
            open();
          }
          return false;
        },
      });
      try {
        const report = await runConformance({
          target: gated.url,
          seed,
          only: [...waiting, 'route'],
          concurrency: 1,
          vitestReporters: [{ onTestCaseReady: (testCase) => void started.push(testCase.fullName) }],
        });
        expectConformant(report);
        expect(othersWhileHeld).toBeGreaterThan(0);
        const parallel = started
          .filter((name) => name.startsWith('parallel > '))
          .map((name) => name.slice(11));
        expect(parallel.length).toBeGreaterThan(waiting.length);
        expect(new Set(parallel.slice(0, waiting.length))).toEqual(new Set(waiting));
        waitingOrders.add(parallel.slice(0, waiting.length).join(' '));
        otherOrders.add(parallel.slice(waiting.length).join(' '));
      } finally {
        open();
        await gated.close();
      }
    }
    // The seed still shuffles each group: three seeds, more than one order of the waiting checks (three checks
    // have six orders, so three seeds give one order alone only if the shuffle ignores the seed, or 1 time in
    // 36 for a given catalogue) and three of the others.
    expect(waitingOrders.size).toBeGreaterThan(1);
    expect(otherOrders.size).toBe(3);
  }, 120_000);
});

describe('when vitest decides', () => {
  it('fails a check that outlives its timeout, with the timeout as its failure, and the verdict with it', async () => {
    // The target never answers the 500ms-timeout close of that one check: it hangs until vitest gives up on it.
    // The check timeout is far above what the run's hooks take, so it is the check, not a hook, that times out.
    const hanging = await startTamperProxy(server.url, () => undefined, {
      hold: (method, url) => method === 'POST' && url.includes('/_close') && url.includes('timeout=500ms'),
    });
    try {
      const report = await runConformance({
        target: hanging.url,
        seed: 42,
        only: ['timeout/expires/500ms'],
        // Room for the other checks of the run (the bystander check) on a loaded machine: only the hanging
        // check may time out.
        checkTimeoutMs: 30_000,
        requestTimeoutMs: 120_000,
      });
      const check = report.checks.find((c) => c.id === 'timeout/expires/500ms')!;
      expect(check.status).toBe('failed');
      expect(check.failures[0]!.message).toMatch(/^the check did not finish: timed out after 30000 ms/);
      expect(check.failures[0]!.requirements).toEqual(check.requirements);
      // The others ran to their end: only the hanging check failed.
      expect(
        report.checks.filter((c) => c.status === 'failed').map((c) => c.id),
        describeFailures(report),
      ).toEqual([check.id]);
      // A timed-out check ran (and failed): it is a failure, not a check that did not run.
      expect(report.notRun).toBe(0);
      expect(report.verdict).toBe('non-conformant');
    } finally {
      await hanging.close();
    }
  }, 180_000);

  it('times a check from when it gets a slot, not while it waits for one', async () => {
    // Three waiting checks run outside the one slot, so vitest starts bounded checks beside them, and those queue
    // for the slot. Each bounded check takes about 2 s (its close is held). With vitest's clock, the last of them
    // would count its wait for the slot (about 4 s) against the 5 s timeout and fail.
    const held = /(UPPER|a%2Fb|a%20b|-x)\/_close/;
    const slow = await startTamperProxy(server.url, () => undefined, {
      hold: (method, url) =>
        method === 'POST' && held.test(url) ? new Promise((resolve) => setTimeout(resolve, 2_000)) : false,
    });
    try {
      const bounded = ['UPPER', 'a~2f~b', 'a~20~b', '-x'].map((local) => `route/not-validated/${local}`);
      const report = await runConformance({
        target: slow.url,
        seed: 7,
        only: [...bounded, 'duration/printed/minus-one/-1s', 'timeout/default-waits', 'force/does-not-wait'],
        concurrency: 1,
        checkTimeoutMs: 5_000,
      });
      const byId = new Map(report.checks.map((check) => [check.id, check]));
      for (const id of bounded) expect([id, byId.get(id)?.status]).toEqual([id, 'passed']);
      expectConformant(report);
    } finally {
      await slow.close();
    }
  }, 120_000);

  it('stops at the first failure with bail, reports the rest as not run, and still cleans up', async () => {
    const report = await runConformance({
      target: broken.url,
      seed: 43,
      only: MIXED,
      concurrency: 1,
      bail: true,
    });
    const failed = report.checks.filter((check) => check.status === 'failed');
    const notRun = report.checks.filter((check) => check.skipReason?.includes('bail'));
    expect(failed.length).toBeGreaterThanOrEqual(1);
    expect(notRun.length).toBeGreaterThan(0);
    expect(report.notRun).toBe(notRun.length);
    expect(report.verdict).toBe('non-conformant');
    // Every selected check is accounted for.
    const full = await runConformance({ target: broken.url, seed: 43, only: MIXED });
    expect(report.checks.map((c) => c.id).sort()).toEqual(full.checks.map((c) => c.id).sort());
    const left = await fetch(`${server.url}/_ml/anomaly_detectors/mlc-${report.runId}-*?allow_no_match=true`);
    expect(((await left.json()) as { count: number }).count).toBe(0);
  }, 180_000);

  it('reports every check as interrupted when the signal is already aborted, and runs none', async () => {
    const controller = new AbortController();
    controller.abort();
    const report = await runConformance({
      target: server.url,
      seed: 44,
      only: ['route'],
      signal: controller.signal,
    });
    expect(report.interrupted).toBe(true);
    expect(report.checks.length).toBeGreaterThan(0);
    expect(report.checks.every((check) => check.skipReason === 'the run was interrupted')).toBe(true);
    // 0 checks ran: nothing to pass on.
    expect(report.notRun).toBe(report.checks.length);
    expect(report.verdict).toBe('incomplete');
  }, 120_000);
});

describe('the verdict, for every way a run can end', () => {
  it('conformant: a complete run where every planned check ran and none failed', async () => {
    const report = await runConformance({ target: server.url, seed: 46, only: ['route'] });
    expect(report.interrupted).toBe(false);
    expect(report.notRun).toBe(0);
    expect(report.checks.filter((check) => check.status === 'passed').length).toBeGreaterThan(1);
    expectConformant(report);
  }, 120_000);

  it('incomplete: interrupted after the first check result, with nothing failed', async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    const aborted = new Promise<void>((resolve) =>
      controller.signal.addEventListener('abort', () => resolve()),
    );
    // The waiting check's close is held until the run is interrupted, so that a check is still in flight then,
    // however fast the others end. Aborts on an event, the first finished check: no clock decides anything.
    const held = await startTamperProxy(server.url, () => undefined, {
      hold: (method, url) =>
        method === 'POST' && url.includes('/_close') && url.includes('timeout=500ms') && aborted,
    });
    try {
      const report = await runConformance({
        target: held.url,
        seed: 47,
        only: ['route', 'timeout/expires/500ms'],
        concurrency: 1,
        reporters: [
          {
            onCheckEnd(result) {
              seen.push(result.id);
              controller.abort();
            },
          },
        ],
        signal: controller.signal,
      });
      expect(seen.length).toBeGreaterThanOrEqual(1);
      expect(report.interrupted).toBe(true);
      expect(report.checks.some((check) => check.status === 'failed')).toBe(false);
      expect(report.checks.find((check) => check.id === 'timeout/expires/500ms')?.skipReason).toBe(
        'the run was interrupted',
      );
      expect(report.notRun).toBeGreaterThan(0);
      expect(report.notRun).toBe(
        report.checks.filter((c) => c.skipReason === 'the run was interrupted').length,
      );
      expect(report.verdict).toBe('incomplete');
    } finally {
      controller.abort();
      await held.close();
    }
  }, 120_000);

  it('non-conformant: interrupted after a failure (a failure is evidence whatever else happened)', async () => {
    const controller = new AbortController();
    const report = await runConformance({
      target: broken.url,
      seed: 48,
      only: MIXED,
      concurrency: 1,
      reporters: [{ onCheckEnd: (result) => void (result.status === 'failed' && controller.abort()) }],
      signal: controller.signal,
    });
    expect(report.interrupted).toBe(true);
    expect(report.checks.some((check) => check.status === 'failed')).toBe(true);
    expect(report.verdict).toBe('non-conformant');
  }, 120_000);

  it('incomplete: nothing selected (a requirement no check cites; only the bystander guard runs)', async () => {
    const uncovered = REQUIREMENTS.find((requirement) => requirement.reach === 'none')!;
    const report = await runConformance({ target: server.url, seed: 49, only: [uncovered.id] });
    expect(report.checks.map((check) => check.id)).toEqual(['safety/bystanders-untouched']);
    expect(report.notRun).toBe(0);
    expect(report.verdict).toBe('incomplete');
  }, 120_000);

  it('incomplete: every selected check skipped itself (security checks without credentials)', async () => {
    const report = await runConformance({ target: server.url, seed: 50, only: ['security'] });
    const own = report.checks.filter((check) => check.id.startsWith('security/'));
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((check) => check.status === 'skipped')).toBe(true);
    expect(report.notRun).toBe(0);
    expect(report.verdict).toBe('incomplete');
  }, 120_000);
});

describe("the caller's process", () => {
  it('is left as it was: environment, exit code and signal handlers (vitest changes all three)', async () => {
    // In a fresh process, since this test file itself runs inside vitest.
    const index = builtFile('index.js');
    const script = `
      const { runConformance } = await import(${JSON.stringify(pathToFileURL(index).href)});
      const env = { ...process.env };
      const handlers = () => ['SIGINT', 'SIGTERM', 'exit', 'unhandledRejection'].map((e) => process.listenerCount(e));
      const before = handlers();
      const run = (seed, reporters = []) =>
        runConformance({ target: ${JSON.stringify(broken.url)}, seed, only: ['route'], reporters });
      const state = (reports) => ({ verdicts: reports.map((r) => r.verdict), exitCode: process.exitCode ?? null,
        added: Object.keys(process.env).filter((k) => !(k in env)),
        changed: Object.keys(env).filter((k) => process.env[k] !== env[k]), handlers: [before, handlers()] });
      const one = state([await run(45)]);
      // Runs that overlap in one process (the test suite runs several at once): the second starts while the first's
      // vitest is running, so it finds vitest's changes in place; the first to end must not undo the second's, and
      // the last to end puts the caller's state back.
      let second;
      const first = run(46, [{ onCheckEnd: () => void (second ??= run(47)) }]);
      const overlapping = state([await first, await second]);
      console.log(JSON.stringify([one, overlapping]));
    `;
    const [one, overlapping] = (await runNodeScript(script)) as Record<string, unknown>[];
    // The runs failed checks (vitest would have set exitCode 1), yet nothing of vitest's is left behind.
    expect(one).toMatchObject({ verdicts: ['non-conformant'], exitCode: null, added: [], changed: [] });
    expect(overlapping).toMatchObject({
      verdicts: ['non-conformant', 'non-conformant'],
      exitCode: null,
      added: [],
      changed: [],
    });
    for (const result of [one, overlapping]) {
      const [before, after] = result!.handlers as [number[], number[]];
      expect(after).toEqual(before);
    }
  }, 120_000);
});
