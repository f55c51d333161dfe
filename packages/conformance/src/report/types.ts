// The run report: what runConformance returns and what the JSON reporter writes. Its JSON Schema is
// ../../report-schema.json; keep the two in step (a package test validates real output against it).
import type { RequirementId, RequirementReach } from '@mlclose/schema';
import type { Failure } from '../check.js';
import type { CredentialKind } from '../credentials.js';
import type { Exchange } from '../http.js';

/** A check's outcome. `warned`: it failed only on requirements the catalogue marks `verified: false`. */
export type CheckStatus = 'passed' | 'failed' | 'warned' | 'skipped';

/**
 * A requirement's outcome. `inconclusive`: its checks failed on other requirements first; `not-covered`: no
 * check cites it (reach `none`); `not-run`: excluded by `only`.
 */
export type RequirementStatus =
  | 'passed'
  | 'failed'
  | 'warned'
  | 'skipped'
  | 'inconclusive'
  | 'not-covered'
  | 'not-run';

export interface CheckResult {
  id: string;
  title: string;
  requirements: RequirementId[];
  status: CheckStatus;
  durationMs: number;
  /** The check's own seed (derived from the run seed and the id). */
  seed: number;
  skipReason?: string;
  failures: Failure[];
  notes: string[];
  /** Request/response pairs, credentials redacted; kept for failed and warned checks. */
  transcript?: Exchange[];
  /** A command that replays this check alone. */
  replay?: string;
}

export interface RequirementResult {
  id: RequirementId;
  statement: string;
  reach: RequirementReach;
  verified: boolean;
  status: RequirementStatus;
  checks: Array<{ id: string; status: CheckStatus }>;
  /** Failure messages attributed to this requirement. */
  failures: string[];
}

export interface Tally {
  total: number;
  [status: string]: number;
}

/**
 * `conformant`: every planned check ran, at least one passed, none failed. `non-conformant`: a check or a
 * requirement failed (whether or not the run completed). `incomplete`: nothing failed, but the run was interrupted,
 * a planned check never ran, or no check passed (nothing selected, or everything skipped): nothing to pass on.
 */
export type Verdict = 'conformant' | 'non-conformant' | 'incomplete';

export interface RunReport {
  schemaVersion: 1;
  tool: { name: '@mlclose/conformance'; version: string };
  runId: string;
  seed: number;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  target: {
    url: string;
    embedded: boolean;
    version: string | null;
    testControl: boolean;
    capabilities: string[];
    credentials: CredentialKind;
  };
  options: { only: string[]; allowDestructive: boolean; shuffle: boolean; concurrency: number };
  verdict: Verdict;
  /** True when the run was aborted (Ctrl-C); the verdict is then at best `incomplete`. */
  interrupted: boolean;
  /** Planned checks that did not run: interrupted, stopped by bail, or never run by vitest. */
  notRun: number;
  summary: { checks: Tally; requirements: Tally };
  requests: { count: number; perSecond: number };
  requirements: RequirementResult[];
  checks: CheckResult[];
  cleanup: { jobs: number; datafeeds: number; errors: string[] };
  /** The command that replays the whole run. */
  replay: string;
}

/** Receives progress; every method is optional. */
export interface Reporter {
  onRunStart?(info: { runId: string; seed: number; target: RunReport['target']; checks: number }): void;
  onCheckEnd?(result: CheckResult, progress: { done: number; total: number }): void;
  onRunEnd?(report: RunReport): void | Promise<void>;
}
