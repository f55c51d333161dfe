// The suite against the embedded faithful reference server: a full run passes, its report matches the documented
// schema, and the suite fails a broken server on the requirement that is broken.
import { REQUIREMENTS } from '@mlclose/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConformance, toHtml, toJson, toJunit, type RunReport } from '../src/index.js';
import { validateReport } from './support/report-schema.js';
import { startTamperProxy } from './support/tamper-proxy.js';
import { startTarget, type Target } from './support/target.js';
import { expectConformant } from './support/verdict.js';

let full: RunReport;

beforeAll(async () => {
  full = await runConformance({ seed: 20261129 });
}, 180_000);

describe('a full run against the embedded reference server', () => {
  it('is conformant, with no failed or warned check', () => {
    const bad = full.checks.filter((check) => check.status === 'failed' || check.status === 'warned');
    expect(bad.map((check) => `${check.id}: ${check.failures.map((f) => f.message).join('; ')}`)).toEqual([]);
    expectConformant(full);
  });

  it('skips only the security checks (no credentials were given), each with a reason', () => {
    const skipped = full.checks.filter((check) => check.status === 'skipped');
    expect(skipped.every((check) => check.id.startsWith('security/') && check.skipReason)).toBe(true);
  });

  it('reports every requirement; all but reach none and security are passed', () => {
    expect(full.requirements.map((r) => r.id)).toEqual(REQUIREMENTS.map((r) => r.id));
    for (const requirement of full.requirements) {
      const expected =
        requirement.reach === 'none'
          ? 'not-covered'
          : requirement.reach === 'security'
            ? 'skipped'
            : 'passed';
      expect(requirement.status, requirement.id).toBe(expected);
    }
  });

  it('counts requests and records the seed and the run id', () => {
    expect(full.requests.count).toBeGreaterThan(1000);
    expect(full.seed).toBe(20261129);
    expect(full.runId).toMatch(/^[a-z0-9]{6}$/);
    expect(full.cleanup.errors).toEqual([]);
  });

  it('writes a JSON report that matches report-schema.json', () => {
    const result = validateReport(JSON.parse(toJson(full)));
    expect(result.errors).toEqual([]);
  });

  it('writes JUnit XML with one testcase per check and a self-contained HTML page', () => {
    const junit = toJunit(full);
    expect(junit.match(/<testcase /g)?.length).toBe(full.checks.length);
    expect(junit).toContain(`<property name="seed" value="${full.seed}"/>`);
    const html = toHtml(full);
    expect(html).toContain('CJ-EXPAND-004');
    expect(html).not.toMatch(/<script|<link /);
  });
});

describe('the report schema', () => {
  it('rejects a report with an unknown verdict or a check without requirements', () => {
    const broken = JSON.parse(toJson(full)) as RunReport;
    (broken as { verdict: string }).verdict = 'maybe';
    expect(validateReport(broken).valid).toBe(false);
    const noRequirements = JSON.parse(toJson(full)) as RunReport;
    noRequirements.checks[0]!.requirements = [];
    expect(validateReport(noRequirements).valid).toBe(false);
  });
});

describe('a broken server', () => {
  let server: Target;
  beforeAll(async () => {
    server = await startTarget();
  });
  afterAll(async () => {
    await server.close();
  });

  it('that refuses to create the bystander jobs fails the bystander check with the reason', async () => {
    const proxy = await startTamperProxy(server.url, (exchange) =>
      exchange.method === 'PUT' && exchange.url.includes('bystander') ? { status: 503 } : undefined,
    );
    try {
      const report = await runConformance({
        target: proxy.url,
        seed: 7,
        only: ['safety/bystanders-untouched'],
      });
      const check = report.checks.find((candidate) => candidate.id === 'safety/bystanders-untouched');
      expect(check?.status).toBe('failed');
      expect(check?.failures.map((failure) => failure.message)).toEqual([
        expect.stringMatching(/^the bystander jobs could not be created: .*503/),
      ]);
    } finally {
      await proxy.close();
    }
  }, 60_000);

  it('that lists only the first unmatched token fails CJ-MATCH-004 and nothing unrelated', async () => {
    const proxy = await startTamperProxy(server.url, (exchange) => {
      if (!exchange.url.includes('/_close') || exchange.status !== 404) return undefined;
      // "No known job with id 'a,b'" becomes "... 'a'".
      return {
        responseBody: exchange.responseBody.replace(
          /No known job with id '([^',]*),[^']*'/g,
          "No known job with id '$1'",
        ),
      };
    });
    try {
      const report = await runConformance({
        target: proxy.url,
        seed: 7,
        only: ['CJ-MATCH-004', 'CJ-BODY-002'],
      });
      expect(report.verdict).toBe('non-conformant');
      const failed = report.requirements.filter((r) => r.status === 'failed').map((r) => r.id);
      expect(failed).toContain('CJ-MATCH-004');
      expect(failed).not.toContain('CJ-BODY-002');
      const failedCheck = report.checks.find((check) => check.status === 'failed')!;
      expect(failedCheck.replay).toMatch(
        /^mlclose-conformance --target http:\/\/127\.0\.0\.1:\d+ --seed 7 --only \S+$/,
      );
      expect(failedCheck.transcript?.length).toBeGreaterThan(0);
      // A report with failures and transcripts matches the schema too.
      expect(validateReport(JSON.parse(toJson(report))).errors).toEqual([]);
    } finally {
      await proxy.close();
    }
  }, 120_000);

  it('that answers 200 {"closed":false} fails CJ-RESP-001', async () => {
    const proxy = await startTamperProxy(server.url, (exchange) =>
      exchange.url.includes('/_close') && exchange.status === 200 && exchange.method === 'POST'
        ? { responseBody: '{"closed":false}' }
        : undefined,
    );
    try {
      const report = await runConformance({ target: proxy.url, seed: 8, only: ['body/empty-object'] });
      expect(report.requirements.find((r) => r.id === 'CJ-RESP-001')?.status).toBe('failed');
    } finally {
      await proxy.close();
    }
  }, 120_000);

  it('that answers 200 instead of 404 is caught by the random-fleet property, with a counterexample', async () => {
    const proxy = await startTamperProxy(server.url, (exchange) =>
      exchange.url.includes('/_close') && exchange.status === 404
        ? { status: 200, responseBody: '{"closed":true}' }
        : undefined,
    );
    try {
      const report = await runConformance({ target: proxy.url, seed: 10, only: ['model/random-fleets'] });
      const check = report.checks.find((c) => c.id === 'model/random-fleets')!;
      expect(check.status).toBe('failed');
      expect(
        check.failures.some(
          (f) => f.requirements.includes('CJ-MATCH-001') || f.requirements.includes('CJ-MATCH-002'),
        ),
      ).toBe(true);
      expect(check.notes.some((note) => note.startsWith('fast-check counterexample (seed '))).toBe(true);
    } finally {
      await proxy.close();
    }
  }, 120_000);

  it('whose failure is only on an unverified requirement is warned, and the run still passes', async () => {
    const proxy = await startTamperProxy(server.url, (exchange) =>
      exchange.method === 'HEAD' && exchange.url.includes('/_close') ? { status: 404 } : undefined,
    );
    try {
      const report = await runConformance({ target: proxy.url, seed: 9, only: ['route/head'] });
      expect(report.checks.find((c) => c.id === 'route/head')?.status).toBe('warned');
      expect(report.requirements.find((r) => r.id === 'CJ-ROUTE-006')?.status).toBe('warned');
      expectConformant(report);
    } finally {
      await proxy.close();
    }
  }, 120_000);
});
