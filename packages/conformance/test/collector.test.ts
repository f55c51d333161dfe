// What the runner says about errors vitest met outside a check (src/engine/collector.ts): every planned check that
// vitest never ran is failed with them, so they must carry the reason, which vitest keeps in the cause of its own error.
import { describe, expect, it } from 'vitest';
import type { CheckDefinition } from '../src/check.js';
import { Collector, errorText } from '../src/engine/collector.js';
import { Redactor } from '../src/redact.js';

/** A Node error as Node makes them: the code apart from the message. */
function nodeError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('errorText', () => {
  it("adds each cause to vitest's own error, a Node error with its code", () => {
    const start = new Error(
      '[vitest-pool]: Failed to start mlclose-threads worker for test files /x/suite.js.',
      {
        cause: nodeError(
          'ERR_WORKER_INVALID_EXEC_ARGV',
          'Initiated Worker with invalid execArgv flags: --cpu-prof-dir requires an argument',
        ),
      },
    );
    expect(errorText(start)).toBe(
      '[vitest-pool]: Failed to start mlclose-threads worker for test files /x/suite.js; caused by ' +
        'ERR_WORKER_INVALID_EXEC_ARGV: Initiated Worker with invalid execArgv flags: --cpu-prof-dir requires an argument',
    );
  });

  it('reads serialized errors (plain objects) and causes that are not errors', () => {
    expect(errorText({ message: 'outer', cause: { message: 'middle', cause: 'a string' } })).toBe(
      'outer; caused by middle; caused by a string',
    );
    expect(errorText({ name: 'Error', message: 'alone' })).toBe('alone');
    expect(errorText('thrown as a string')).toBe('thrown as a string');
  });

  it('leaves out a code the message already names, and parts with nothing to say', () => {
    expect(errorText(nodeError('ENOENT', 'ENOENT: no such file'))).toBe('ENOENT: no such file');
    expect(errorText({ type: 'Unhandled Error', cause: nodeError('ECONNRESET', 'socket hang up') })).toBe(
      'ECONNRESET: socket hang up',
    );
    expect(errorText({ type: 'Unhandled Error' })).toBe('an error without a message');
  });

  it('stops at a cause it has seen, and after five causes', () => {
    const loop: { message: string; cause?: unknown } = { message: 'a' };
    loop.cause = { message: 'b', cause: loop };
    expect(errorText(loop)).toBe('a; caused by b');
    let deep: unknown = 'bottom';
    for (let i = 9; i >= 0; i--) deep = { message: `e${i}`, cause: deep };
    expect(errorText(deep)).toBe('e0; caused by e1; caused by e2; caused by e3; caused by e4; caused by e5');
  });
});

describe('the collector', () => {
  const SECRET = 'key-s3cr3t-value';
  const check = { id: 'route/head', title: 'HEAD', requirements: ['CJ-ROUTE-001'], run: async () => {} };
  const collector = () =>
    new Collector({
      checks: new Map([[check.id, check as unknown as CheckDefinition]]),
      seed: 1,
      onResult: () => {},
      redact: (text) => new Redactor([SECRET]).text(text),
    });

  it('keeps the causes of the errors of a module and of the run, with the secrets masked', () => {
    const c = collector();
    const module = {
      meta: () => ({}),
      errors: () => [{ message: 'the suite module failed', cause: { message: `SyntaxError: ${SECRET}` } }],
    };
    c.onTestModuleEnd(module as unknown as Parameters<Collector['onTestModuleEnd']>[0]);
    const unhandled = new Error('Failed to start', { cause: nodeError('E_X', `why ${SECRET}`) });
    c.onTestRunEnd([], [unhandled as unknown as Parameters<Collector['onTestRunEnd']>[1][number]]);
    expect(c.errors).toEqual([
      'the suite module failed; caused by SyntaxError: [REDACTED]',
      'Failed to start; caused by E_X: why [REDACTED]',
    ]);
  });

  it("fails a check that vitest failed with vitest's error and its causes, the secrets masked", () => {
    const c = collector();
    const testCase = {
      name: check.id,
      meta: () => ({}),
      result: () => ({
        state: 'failed',
        errors: [{ message: `timed out after 10 ms at ${SECRET}`, cause: { message: `held by ${SECRET}` } }],
      }),
    };
    c.onTestCaseResult(testCase as unknown as Parameters<Collector['onTestCaseResult']>[0]);
    const result = c.results.get(check.id);
    expect(result?.status).toBe('failed');
    expect(result?.failures.map((f) => f.message)).toEqual([
      'the check did not finish: timed out after 10 ms at [REDACTED]; caused by held by [REDACTED]',
    ]);
  });
});
