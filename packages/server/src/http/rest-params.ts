// Query and path parameters with Elasticsearch's "consumed" bookkeeping: whatever a handler never reads is
// rejected as unrecognized after it has prepared the request (BaseRestHandler.unrecognized; CJ-PARAM-001,
// CJ-PARAM-007).
import { parseQueryBoolean } from '../rules/booleans.js';
import { unrecognizedParametersMessage } from '../rules/did-you-mean.js';
import { illegalArgument } from '../rules/error-envelope.js';
import { parseTimeValue, type TimeValue } from '../rules/duration.js';
import { decodeComponent } from './url-decoding.js';

/** Read by the response channel and the controller for every request (CJ-PARAM-006). */
export const RESPONSE_PARAMS = ['format', 'filter_path', 'pretty', 'human', 'error_trace'] as const;

const RESPONSE_PARAM_SET: ReadonlySet<string> = new Set(RESPONSE_PARAMS);

export class RestParams {
  /** Parameters read so far, in first-read order (the response parameters count as read from the start). */
  private readonly consumed: string[] = [];

  constructor(
    /** The query string's parameters. */
    private readonly query: ReadonlyMap<string, string>,
    /** The route's path parameters, decoded: one wins over a query parameter of the same name. */
    private readonly pathNames: readonly string[],
    private readonly pathValues: readonly string[],
    /**
     * The raw path, decoded only for the unrecognized-parameter message: its parameters, the only segments that
     * can hold an escape, were decoded when the route was found.
     */
    private readonly rawPath: string,
  ) {}

  /** RestRequest.hasParam: does not consume. */
  has(name: string): boolean {
    return this.pathNames.includes(name) || this.query.has(name);
  }

  /** RestRequest.param: consumes, even when absent. */
  get(name: string): string | undefined {
    if (!this.consumed.includes(name)) this.consumed.push(name);
    const at = this.pathNames.indexOf(name);
    return at >= 0 ? this.pathValues[at] : this.query.get(name);
  }

  /** paramAsBoolean (CJ-BOOL-003, CJ-BOOL-004): consumes; empty means true, blank means the default. */
  boolean(name: string, defaultValue: boolean): boolean {
    return parseQueryBoolean(this.get(name), defaultValue);
  }

  /** paramAsTime: consumes; the setting name in messages is the parameter name. */
  time(name: string, defaultValue: TimeValue): TimeValue {
    const raw = this.get(name);
    return raw === undefined ? defaultValue : parseTimeValue(raw, name);
  }

  /** Throws the 400 of CJ-PARAM-001 and CJ-MODE-003 when any parameter was never read. */
  assertAllConsumed(): void {
    // No array unless a parameter is left: this runs for every request that reaches its handler.
    let unconsumed: string[] | undefined;
    for (const name of this.pathNames) {
      if (!this.unconsumed(name)) continue;
      unconsumed ??= [];
      unconsumed.push(name);
    }
    if (this.query.size > 0) {
      for (const name of this.query.keys()) {
        if (this.pathNames.includes(name) || !this.unconsumed(name)) continue;
        unconsumed ??= [];
        unconsumed.push(name);
      }
    }
    if (unconsumed === undefined) return;
    const all = new Set<string>(RESPONSE_PARAMS);
    for (const name of this.consumed) all.add(name);
    const candidates = [...all].filter((name) => !unconsumed.includes(name));
    throw illegalArgument(
      unrecognizedParametersMessage(decodeComponent(this.rawPath, true), unconsumed, candidates),
    );
  }

  private unconsumed(name: string): boolean {
    return !RESPONSE_PARAM_SET.has(name) && !this.consumed.includes(name);
  }
}
