// What the main process hands to the vitest worker that runs the checks (through vitest's `provide`/`inject`), and
// what comes back (through each test's and the test module's `meta`). Everything here is structured-clone data.
import type { CredentialKind } from '../credentials.js';
import type { TlsOptions } from '../http.js';
import type { CheckResult } from '../report/types.js';

/** The `provide` key of the plan. */
export const PLAN_KEY = 'mlcloseConformancePlan';

/** The skip reason of a check that the interruption cut short or kept from running. */
export const INTERRUPTED = 'the run was interrupted';

/** The target as the checks see it (TargetInfo with the capability set as an array). */
export interface PlannedTarget {
  url: string;
  version: string | undefined;
  embedded: boolean;
  testControl: boolean;
  capabilities: string[];
  hasCredentials: boolean;
  credentialKind: CredentialKind;
  username: string | undefined;
  hasViewer: boolean;
  viewerAuthorization?: string;
  foreignJobs: number;
  allowDestructive: boolean;
}

export interface RunPlan {
  runId: string;
  seed: number;
  /** The target's URL as given (may hold credentials; never reported). */
  url: string;
  /** The Authorization header of the run's credentials. */
  authorization?: string;
  tls?: TlsOptions;
  /** Strings to redact from everything the run reports. */
  secrets: string[];
  requestTimeoutMs: number;
  target: PlannedTarget;
  /** Check ids per phase, in the order they are registered (already shuffled with the seed). */
  phases: { parallel: string[]; bystanders: string[]; exclusive: string[] };
  /** Checks in flight at once in the parallel phase, not counting the waiting checks. */
  concurrency: number;
  /**
   * Parallel checks that send a few requests and then wait on a job slowed down through test control: they run first
   * and outside the concurrency bound.
   */
  waiting: string[];
  /** How long one check may take, from when it may start (a bounded check: once it holds a slot). */
  checkTimeoutMs: number;
  /** The start of a command that replays one check (`--only <id>` is appended). */
  replayBase: string[];
}

/** What the worker reports once all checks ran, in the test module's `meta`. */
export interface RunStats {
  requests: number;
  tidied: { jobs: number; datafeeds: number };
  cleanup: { jobs: number; datafeeds: number; errors: string[] };
}

declare module 'vitest' {
  interface ProvidedContext {
    mlcloseConformancePlan: RunPlan;
  }
  interface TaskMeta {
    /** A check's outcome, in its test's meta. */
    mlclose?: CheckResult;
    mlcloseRun?: RunStats;
  }
}
