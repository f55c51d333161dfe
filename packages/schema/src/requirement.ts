/** What a test needs to reach a requirement. */
export type RequirementReach = 'standard' | 'test-control' | 'security' | 'none';

/** One entry of the spec's requirement catalogue (`x-requirements`). */
export interface Requirement {
  /** Stable id, for example `CJ-EXPAND-004`. */
  readonly id: string;
  /** The normative statement, in one line. */
  readonly statement: string;
  /** Where it comes from: a section of the behaviour reference, Elastic's docs, or `supporting`. */
  readonly source: string;
  /** What a test needs to reach it. */
  readonly reach: RequirementReach;
  /** False when the behaviour reference derived it but did not observe it; conformance does not fail a server on it. */
  readonly verified: boolean;
}
