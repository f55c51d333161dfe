// The vitest reporter of a conformance run, in the main process: turns each finished vitest test into the check's
// CheckResult (carried in the test's meta by ./suite.ts) and passes it on at once (live progress). A test that vitest
// failed itself (a timeout) becomes a failed check with vitest's error; the runner gives every planned check that got
// no result one afterwards (skipped when the run was interrupted or bailed, failed otherwise), so that a check is
// never silently dropped.
import type { Reporter as VitestReporter, SerializedError, TestCase, TestModule } from 'vitest/node';
import type { CheckDefinition } from '../check.js';
import type { CheckResult } from '../report/types.js';
import { deriveSeed } from '../seed.js';
import type { RunStats } from './plan.js';

export class Collector implements VitestReporter {
  readonly results = new Map<string, CheckResult>();
  stats: RunStats | undefined;
  /** Errors vitest met outside a test (the module failed to load, a hook failed, unhandled errors), redacted. */
  readonly errors: string[] = [];
  private readonly onResult: (result: CheckResult) => void;
  /** Masks the run's secrets in what vitest says: its errors are not the suite's, which redacts its own. */
  private readonly redact: (text: string) => string;
  private readonly checks: ReadonlyMap<string, CheckDefinition>;
  private readonly seed: number;

  constructor(options: {
    checks: ReadonlyMap<string, CheckDefinition>;
    seed: number;
    onResult: (result: CheckResult) => void;
    redact: (text: string) => string;
  }) {
    this.checks = options.checks;
    this.seed = options.seed;
    this.onResult = options.onResult;
    this.redact = options.redact;
  }

  onTestCaseResult(testCase: TestCase): void {
    const meta = testCase.meta().mlclose;
    const outcome = testCase.result();
    // A test that failed without a failed check result (the check outlived its timeout, ./suite.ts, or vitest failed
    // it) fails with that error. (A check in flight when the run is interrupted is not failed: vitest aborts it with
    // TestRunAbortError, which it marks skipped, and the runner reports it as interrupted.)
    if (outcome.state === 'failed' && meta?.status !== 'failed') {
      const reason = this.redact(
        (outcome.errors ?? []).map(errorText).join('; ') || 'vitest failed the test',
      );
      const result = this.synthetic(testCase.name, reason, true);
      if (result) this.record(result);
      return;
    }
    // No result at all: vitest never ran the check (a cancelled or bailed run, a module or hook that failed); the
    // runner decides what that means once the run is over.
    if (meta) this.record(meta);
  }

  onTestModuleEnd(testModule: TestModule): void {
    this.stats = testModule.meta().mlcloseRun;
    for (const error of testModule.errors()) this.errors.push(this.redact(errorText(error)));
  }

  onTestRunEnd(_modules: ReadonlyArray<TestModule>, unhandled: ReadonlyArray<SerializedError>): void {
    for (const error of unhandled) this.errors.push(this.redact(errorText(error)));
  }

  /** A result for a planned check that vitest did not run to its end. */
  synthetic(id: string, reason: string, failed: boolean): CheckResult | undefined {
    const check = this.checks.get(id);
    if (!check) return undefined;
    return {
      id,
      title: check.title,
      requirements: [...check.requirements],
      seed: deriveSeed(this.seed, id),
      durationMs: 0,
      notes: [],
      ...(failed
        ? {
            status: 'failed' as const,
            failures: [
              { requirements: [...check.requirements], message: `the check did not finish: ${reason}` },
            ],
          }
        : { status: 'skipped' as const, skipReason: reason, failures: [] }),
    };
  }

  record(result: CheckResult): void {
    if (this.results.has(result.id)) return;
    this.results.set(result.id, result);
    this.onResult(result);
  }
}

/** Causes followed at most, past the error itself: a chain is a few errors deep, and may loop. */
const MAX_CAUSES = 5;

/**
 * An error's message, then each of its causes: vitest wraps what went wrong in its own error ("Failed to start ...
 * worker"), and the reason is only in the cause. A Node error's code leads its message. Errors arrive as thrown or
 * serialized (plain objects with `message`, `code` and `cause`); anything else is its string.
 */
export function errorText(error: unknown): string {
  const parts: string[] = [];
  const seen = new Set<unknown>();
  let current = error;
  for (let depth = 0; depth <= MAX_CAUSES && !seen.has(current); depth++) {
    seen.add(current);
    if (typeof current !== 'object' || current === null) {
      parts.push(String(current));
      break;
    }
    const { message, code, cause } = current as Record<string, unknown>;
    const text = typeof message === 'string' ? message.trim().replace(/\.$/, '') : '';
    const prefix = typeof code === 'string' && !text.includes(code) ? code : '';
    const part = [prefix, text].filter(Boolean).join(': ');
    if (part) parts.push(part);
    if (cause === undefined || cause === null) break;
    current = cause;
  }
  return parts.join('; caused by ') || 'an error without a message';
}
