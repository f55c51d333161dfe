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
  /** Errors vitest met outside a test (the module failed to load, a hook failed, unhandled errors). */
  readonly errors: string[] = [];
  private readonly onResult: (result: CheckResult) => void;
  private readonly checks: ReadonlyMap<string, CheckDefinition>;
  private readonly seed: number;

  constructor(options: {
    checks: ReadonlyMap<string, CheckDefinition>;
    seed: number;
    onResult: (result: CheckResult) => void;
  }) {
    this.checks = options.checks;
    this.seed = options.seed;
    this.onResult = options.onResult;
  }

  onTestCaseResult(testCase: TestCase): void {
    const meta = testCase.meta().mlclose;
    const outcome = testCase.result();
    // A test that failed without a failed check result (the check outlived its timeout, ./suite.ts, or vitest failed
    // it) fails with that error. (A check in flight when the run is interrupted is not failed: vitest aborts it with
    // TestRunAbortError, which it marks skipped, and the runner reports it as interrupted.)
    if (outcome.state === 'failed' && meta?.status !== 'failed') {
      const reason =
        (outcome.errors ?? []).map((error) => error.message).join('; ') || 'vitest failed the test';
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
    for (const error of testModule.errors()) this.errors.push(error.message);
  }

  onTestRunEnd(_modules: ReadonlyArray<TestModule>, unhandled: ReadonlyArray<SerializedError>): void {
    for (const error of unhandled) this.errors.push(error.message);
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
