// The worker side of a run (src/engine/session.ts), driven directly: a RunSession with a plan, no vitest in between.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckDefinition, TargetInfo } from '../src/check.js';
import type { RunPlan } from '../src/engine/plan.js';
import { RunSession, unmetNeed } from '../src/engine/session.js';
import { allChecks } from '../src/index.js';
import { operation } from '../src/operations.js';
import { startTamperProxy } from './support/tamper-proxy.js';
import { startTarget, type Target } from './support/target.js';

let server: Target;

beforeAll(async () => {
  server = await startTarget();
});

afterAll(async () => {
  await server.close();
});

function planFor(url: string): RunPlan {
  return {
    runId: 'session',
    seed: 1,
    url,
    secrets: [],
    requestTimeoutMs: 30_000,
    target: {
      url,
      version: undefined,
      embedded: false,
      testControl: true,
      capabilities: [],
      hasCredentials: false,
      credentialKind: 'none',
      username: undefined,
      hasViewer: false,
      foreignJobs: 0,
      allowDestructive: false,
    },
    phases: { parallel: [], bystanders: [], exclusive: [] },
    concurrency: 1,
    waiting: [],
    checkTimeoutMs: 120_000,
    replayBase: [],
  };
}

/** A proxy in front of the server that holds `GET /` (with `hold`'s answer) and says when it arrived. */
async function holdingInfo(hold: true | Promise<void>) {
  let arrived!: () => void;
  const held = new Promise<void>((resolve) => (arrived = resolve));
  const proxy = await startTamperProxy(server.url, () => undefined, {
    hold: (method, url) => {
      if (method !== 'GET' || url !== '/') return false;
      arrived();
      return hold;
    },
  });
  return { proxy, held };
}

/** A check that sends `GET /` and expects 200. */
const infoCheck: CheckDefinition = {
  id: 'session/info',
  title: 'one request to GET /',
  requirements: ['CJ-SUP-001'],
  async run(ctx) {
    const response = await ctx.send(operation('info'), { operationId: 'info' }, ['CJ-SUP-001']);
    ctx.equal(['CJ-SUP-001'], response.status, 200, 'info answers 200');
  },
};

describe('RunSession.close', () => {
  it('waits for the checks still running, so that none fails on a connection closed under it', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // The check's request is held by the proxy while the session closes (as at the end of an interrupted run).
    const { proxy, held } = await holdingInfo(gate);
    try {
      const plan = planFor(proxy.url);
      const session = new RunSession(plan);
      const result = session.runCheck(
        infoCheck,
        { ...plan.target, capabilities: new Set() },
        new AbortController().signal,
      );
      await held;
      let closed = false;
      const closing = session.close().then(() => {
        closed = true;
      });
      await new Promise((resolve) => setImmediate(resolve));
      expect(closed).toBe(false);
      release();
      expect((await result).failures).toEqual([]);
      expect((await result).status).toBe('passed');
      await closing;
      expect(closed).toBe(true);
    } finally {
      release();
      await proxy.close();
    }
  });

  it('aborts the request in flight of an interrupted check: it ends as interrupted, and closing does not wait for the target', async () => {
    // The target never answers this check's request.
    const { proxy, held } = await holdingInfo(true);
    try {
      const plan = planFor(proxy.url);
      const session = new RunSession(plan);
      const controller = new AbortController();
      const result = session.runCheck(
        infoCheck,
        { ...plan.target, capabilities: new Set() },
        controller.signal,
      );
      await held;
      controller.abort();
      const ended = await result;
      expect(ended.status).toBe('skipped');
      expect(ended.skipReason).toBe('the run was interrupted');
      expect(ended.failures).toEqual([]);
      await session.close();
    } finally {
      await proxy.close();
    }
  }, 20_000);
});

describe('unmetNeed', () => {
  const target = (capabilities: string[]): TargetInfo => ({
    ...planFor('http://127.0.0.1:1').target,
    capabilities: new Set(capabilities),
  });

  it('asks for each test-control capability by name; the checks that hold a transition need release_job', () => {
    const capabilities = [
      'fail_job',
      'job_behaviour',
      'release_job',
      'datafeed_behaviour',
      'upgrade_mode',
    ] as const;
    for (const capability of capabilities) {
      const others = capabilities.filter((other) => other !== capability);
      expect([capability, unmetNeed(capability, target(others))]).toEqual([
        capability,
        `needs the test-control capability "${capability}", which the target does not offer`,
      ]);
      expect([capability, unmetNeed(capability, target([capability]))]).toEqual([capability, undefined]);
    }
    const holding = allChecks()
      .filter((check) => check.needs?.includes('release_job'))
      .map((check) => check.id);
    // The three that watch a held closing or opening, and every close that must time out (its close is held, so no
    // close delay decides whether the timeout comes first).
    expect(holding.filter((id) => !id.startsWith('timeout/expires/')).sort()).toEqual([
      'duration/printed/unicode-digits',
      'force/closing-job',
      'format/error-trace/timed-out',
      'state/closing-job-waited-for',
      'state/opening-job',
      'timeout/body-bounds-wait',
    ]);
    const expiring = allChecks().filter((check) => check.id.startsWith('timeout/expires/'));
    expect(expiring.length).toBeGreaterThan(10);
    expect(holding.filter((id) => id.startsWith('timeout/expires/'))).toHaveLength(expiring.length);
  });
});
