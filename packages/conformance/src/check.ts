// What a check is, and what it may ask of its context. Checks live in ./checks/*.ts; each cites requirement ids
// from the spec's catalogue and attributes every failed assertion to one or more of them.
import type { DatafeedBehaviour, JobBehaviour, RequirementId } from '@mlclose/schema';
import type { CredentialKind } from './credentials.js';
import type { HttpRequest, HttpResponse } from './http.js';
import type { ModelJob, ModelJobState } from './model/close-model.js';

/** Something a check needs beyond standard Elasticsearch APIs. Missing needs make the check SKIPPED. */
export type Need =
  | 'fail_job'
  | 'job_behaviour'
  | 'release_job'
  | 'datafeed_behaviour'
  | 'upgrade_mode'
  | 'credentials'
  | 'viewer_credentials'
  | 'destructive'
  | 'empty_target';

/** When a check runs: with others in parallel, alone after the parallel phase, or last of all. */
export type Phase = 'parallel' | 'exclusive' | 'bystanders';

export interface CheckDefinition {
  /** Stable id, used by `--only` and in replay commands. */
  readonly id: string;
  /** One line: what the check proves. */
  readonly title: string;
  /** Requirement ids this check gives evidence for. */
  readonly requirements: readonly RequirementId[];
  readonly needs?: readonly Need[];
  /** @default 'parallel' */
  readonly phase?: Phase;
  run(ctx: CheckContext): Promise<void>;
}

/** One failed assertion, attributed to requirements. */
export interface Failure {
  readonly requirements: readonly RequirementId[];
  readonly message: string;
  readonly expected?: unknown;
  readonly actual?: unknown;
}

/** Thrown to stop a check after a failure that makes the rest meaningless. */
export class CheckAbort extends Error {
  override name = 'CheckAbort';
}

/** Thrown to skip a check at run time (a need discovered late). */
export class CheckSkip extends Error {
  override name = 'CheckSkip';
}

/** What the suite learnt about the target before the checks. */
export interface TargetInfo {
  readonly url: string;
  readonly version: string | undefined;
  readonly embedded: boolean;
  readonly testControl: boolean;
  readonly capabilities: ReadonlySet<string>;
  readonly hasCredentials: boolean;
  readonly credentialKind: CredentialKind;
  readonly username: string | undefined;
  readonly hasViewer: boolean;
  /** The Authorization value of the viewer credentials (never reported). */
  readonly viewerAuthorization?: string;
  /** Jobs on the target that this run did not create, when the run started. */
  readonly foreignJobs: number;
  readonly allowDestructive: boolean;
}

/** How a response is validated against @mlclose/schema before any behavioural assertion. */
export type Validation =
  | { readonly operationId: string }
  | { readonly schema: 'SimpleErrorResponse' }
  | { readonly none: string };

/** Options of a close request. */
export interface CloseOptions {
  /** Query string without `?`, sent verbatim (already encoded), or an object of raw values to encode. */
  readonly query?: string | Readonly<Record<string, string | boolean>>;
  /** A body: an object is JSON-encoded; a string is sent verbatim. */
  readonly body?: string | object;
  /** @default 'application/json' when there is a body; `null` sends none. */
  readonly contentType?: string | null;
  readonly headers?: Readonly<Record<string, string>>;
  /** @default 'POST' */
  readonly method?: string;
  /** Encode the expression for the path. @default true */
  readonly encode?: boolean;
  readonly auth?: HttpRequest['auth'];
  /** Skip the Content-Type/X-elastic-product header assertions (for Accept, OPTIONS, HEAD cases). */
  readonly skipHeaderChecks?: boolean;
  /** Skip schema validation, with the reason (filter_path bodies are not CloseJobResponse). */
  readonly skipValidation?: string;
  /** Requirements a schema failure of this response is attributed to. Default: the check's requirements. */
  readonly attribute?: readonly RequirementId[];
}

/** A job of a fleet to create. */
export interface JobSpec {
  /** Local name; the job id is the check prefix plus this. */
  readonly name: string;
  /** Local group names. */
  readonly groups?: readonly string[];
  /** @default 'closed' */
  readonly state?: 'closed' | 'opened' | 'failed';
  /** Give the job a datafeed, stopped or started (the job must then be opened). */
  readonly datafeed?: 'stopped' | 'started';
}

/** A created fleet. */
export interface Fleet {
  /** Local name → job id. */
  readonly ids: Readonly<Record<string, string>>;
  /** Local name → datafeed id. */
  readonly datafeeds: Readonly<Record<string, string>>;
  /** The jobs as the model sees them (full ids and group names). */
  readonly jobs: readonly ModelJob[];
}

/** Expected error. */
export interface ErrorExpectation {
  readonly status: number;
  readonly type?: string;
  /** Exact reason, or a RegExp. */
  readonly reason?: string | RegExp;
  /** Simple envelope `{"error":"...","status"?:N}`: the string, exact or RegExp. */
  readonly simple?: string | RegExp;
  /** Whether the simple envelope has `status`. @default true */
  readonly simpleHasStatus?: boolean;
  readonly causedBy?: { readonly type: string; readonly reason?: string | RegExp } | null;
  readonly rootCauseType?: string;
}

export interface CheckContext {
  readonly checkId: string;
  readonly seed: number;
  readonly random: () => number;
  /** This check's prefix; every resource it creates starts with it. */
  readonly prefix: string;
  /** The run prefix `mlc-<runid>-`. */
  readonly runPrefix: string;
  readonly target: TargetInfo;
  readonly signal: AbortSignal;
  /** prefix + local. */
  name(local: string): string;

  /** Sends a request and validates the response. */
  send(
    request: HttpRequest,
    validation: Validation,
    attribute?: readonly RequirementId[],
  ): Promise<HttpResponse>;
  /** POST (or another method) on the close route with `expression` as the path's job_id. */
  close(expression: string, options?: CloseOptions): Promise<HttpResponse>;

  /** Creates jobs (and datafeeds) in the requested states, then verifies them. */
  fleet(specs: readonly JobSpec[]): Promise<Fleet>;
  /** Job states by id for a job expression (allow_no_match=true). */
  jobStates(expression: string): Promise<Map<string, ModelJobState>>;
  /** Job stats entries by id. */
  jobStats(expression: string): Promise<Map<string, Record<string, unknown>>>;
  /** Datafeed states by id. */
  datafeedStates(expression: string): Promise<Map<string, string>>;
  openJob(id: string): Promise<HttpResponse>;
  /** Test control (fails the check as SKIPPED when the capability is missing). */
  failJob(id: string): Promise<void>;
  jobBehaviour(id: string, behaviour: JobBehaviour): Promise<void>;
  /** Ends the job's hold_close / hold_open and finishes the transition they held. */
  releaseJob(id: string): Promise<void>;
  datafeedBehaviour(id: string, behaviour: DatafeedBehaviour): Promise<void>;
  upgradeMode(enabled: boolean): Promise<void>;
  /** Polls until `done` returns true, at most `attempts` times. */
  poll(what: string, done: () => Promise<boolean>, attempts?: number, intervalMs?: number): Promise<boolean>;

  /** Records a failure unless `ok`; returns `ok`. */
  verify(
    requirements: readonly RequirementId[],
    ok: boolean,
    message: string,
    expected?: unknown,
    actual?: unknown,
  ): boolean;
  /** Records a failure and stops the check unless `ok`. */
  must(
    requirements: readonly RequirementId[],
    ok: boolean,
    message: string,
    expected?: unknown,
    actual?: unknown,
  ): void;
  /** Deep-equality assertion. */
  equal(requirements: readonly RequirementId[], actual: unknown, expected: unknown, message: string): boolean;
  /** Asserts an error response; returns whether every part matched. */
  expectError(
    response: HttpResponse,
    expected: ErrorExpectation,
    requirements: readonly RequirementId[],
  ): boolean;
  /** Asserts 200 `{"closed":true}`. */
  expectClosed(response: HttpResponse, requirements: readonly RequirementId[]): boolean;
  /** Asserts every job's state. */
  expectStates(
    expected: ReadonlyMap<string, ModelJobState>,
    requirements: readonly RequirementId[],
    when: string,
  ): Promise<boolean>;
  /** How many failures the check has recorded so far (property checks compare before and after an iteration). */
  failureCount(): number;
  /** Skips the check with a reason. */
  skip(reason: string): never;
  /** Adds a line to the check's notes. */
  note(message: string): void;
}
