/** What a test needs to reach a requirement. */
export type RequirementReach = 'standard' | 'test-control' | 'security' | 'none';

/** One entry of the spec's requirement catalogue (`x-requirements`). */
export interface Requirement {
  /** Stable id, for example `CJ-EXPAND-004`. */
  readonly id: string;
  /** The normative statement, in one line. */
  readonly statement: string;
  /**
   * What it rests on: the Elasticsearch classes (and methods) that implement it, for example
   * `TimeValue.parseTimeValue`; or `docs` (Elastic's documentation), `supporting` (a supporting API), `mlclose`.
   */
  readonly source: string;
  /** What a test needs to reach it. */
  readonly reach: RequirementReach;
  /** False when it was derived from the source but not observed on a cluster; conformance does not fail a server on it. */
  readonly verified: boolean;
}
