// The implementation of CheckContext: request helpers that validate every response against @mlclose/schema,
// fixtures built only from standard Elasticsearch APIs (plus test control where a check needs it), and
// assertions that attribute failures to requirement ids.
import { isDeepStrictEqual } from 'node:util';
import type { RequirementId } from '@mlclose/schema';
import { validateResponse, validateSchema } from '@mlclose/schema/validators';
import {
  CheckAbort,
  CheckSkip,
  type CheckContext,
  type CheckDefinition,
  type CloseOptions,
  type ErrorExpectation,
  type Failure,
  type Fleet,
  type JobSpec,
  type TargetInfo,
  type Validation,
} from './check.js';
import { header, type Exchange, type HttpRequest, type HttpResponse, type HttpTarget } from './http.js';
import type { ModelJob, ModelJobState } from './model/close-model.js';
import { deriveSeed, prng } from './seed.js';

/** The supporting requirement an operation's own failures are attributed to. */
const OPERATION_REQUIREMENT: Record<string, RequirementId> = {
  info: 'CJ-SUP-001',
  'ml-put-job': 'CJ-SUP-002',
  'ml-get-jobs': 'CJ-SUP-003',
  'ml-delete-job': 'CJ-SUP-004',
  'ml-open-job': 'CJ-SUP-005',
  'ml-get-job-stats': 'CJ-SUP-006',
  'ml-put-datafeed': 'CJ-SUP-007',
  'ml-delete-datafeed': 'CJ-SUP-008',
  'ml-start-datafeed': 'CJ-SUP-009',
  'ml-stop-datafeed': 'CJ-SUP-010',
  'ml-get-datafeed-stats': 'CJ-SUP-011',
  'indices-create': 'CJ-SUP-012',
  'indices-delete': 'CJ-SUP-012',
  'ml-post-data': 'CJ-SUP-013',
  'ml-flush-job': 'CJ-SUP-014',
  'ml-update-job': 'CJ-SUP-015',
  'ml-update-datafeed': 'CJ-SUP-015',
  'ml-get-datafeeds': 'CJ-SUP-015',
  'cluster-health': 'CJ-SUP-016',
  'cluster-put-settings': 'CJ-SUP-016',
  index: 'CJ-SUP-017',
  'index-auto-id': 'CJ-SUP-017',
  get: 'CJ-SUP-017',
  count: 'CJ-SUP-018',
  'indices-refresh': 'CJ-SUP-018',
  'indices-exists': 'CJ-SUP-018',
  'indices-exists-alias': 'CJ-SUP-018',
  'test-control-info': 'CJ-TC-001',
  'test-control-reset': 'CJ-TC-001',
  'test-control-upgrade-mode': 'CJ-UPG-001',
  'test-control-fail-job': 'CJ-STATE-004',
  'test-control-job-behaviour': 'CJ-TIMEOUT-002',
  'test-control-datafeed-behaviour': 'CJ-DATAFEED-003',
};

/**
 * The requirements a schema failure of an error body is attributed to: the part of the envelope it breaks
 * (behaviour §5.1), not the behaviour the check was after. root_cause entries → CJ-ENV-002, caused_by →
 * CJ-ENV-003, the envelope's own shape (status, error.type/reason/root_cause) → CJ-ENV-001, stack_trace →
 * CJ-FMT-004. Anything else (a success body, an undocumented status) stays with `fallback`.
 */
export function schemaAttribution(
  body: unknown,
  issues: readonly { readonly path: string; readonly message: string }[],
  fallback: readonly RequirementId[],
): readonly RequirementId[] {
  const error = (body as { error?: unknown } | undefined)?.error;
  if (typeof error !== 'object' || error === null) return fallback;
  // A detailed envelope fails the simple alternative of the oneOf too; that echo says nothing.
  const specific = issues.filter(
    (issue) =>
      !(issue.path === '/error' && issue.message === 'must be string') &&
      !(issue.path === '' && /oneOf|anyOf/.test(issue.message)),
  );
  const attributed = new Set<RequirementId>();
  for (const issue of specific) {
    if (/^\/error\/root_cause\/\d+/.test(issue.path)) attributed.add('CJ-ENV-002');
    else if (issue.path.startsWith('/error/caused_by')) attributed.add('CJ-ENV-003');
    else if (issue.path.startsWith('/error/stack_trace')) attributed.add('CJ-FMT-004');
    else if (
      (issue.path === '' && /required property|additional propert/.test(issue.message)) ||
      issue.path === '/status' ||
      issue.path === '/error' ||
      /^\/error\/(root_cause|type|reason)$/.test(issue.path)
    )
      attributed.add('CJ-ENV-001');
    else return fallback;
  }
  return attributed.size > 0 ? [...attributed] : fallback;
}

/** Encodes one path segment, keeping `,` and `*` readable (Elasticsearch decodes the segment either way). */
export function encodeSegment(value: string): string {
  return encodeURIComponent(value).replace(/%2C/gi, ',');
}

/** Encodes a query object the way a client would. */
export function encodeQuery(query: Readonly<Record<string, string | boolean>>): string {
  return Object.entries(query)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
    .join('&');
}

/** A small job config: what create-job needs, and a small memory limit. */
export function jobConfig(groups: readonly string[]): Record<string, unknown> {
  return {
    analysis_config: { bucket_span: '15m', detectors: [{ function: 'count' }] },
    data_description: { time_field: 'timestamp' },
    // A small memory reservation, so that many jobs can be open at once on a real ML node.
    analysis_limits: { model_memory_limit: '16mb' },
    ...(groups.length > 0 ? { groups } : {}),
  };
}

export interface RunShared {
  readonly http: HttpTarget;
  readonly target: TargetInfo;
  readonly runPrefix: string;
  readonly runSeed: number;
  /** The index datafeeds read; created on first use. */
  dataIndex(): Promise<string>;
  /** Called when upgrade mode is switched, so that cleanup can switch it off. */
  upgradeModeTouched(enabled: boolean): void;
}

export class Context implements CheckContext {
  readonly checkId: string;
  readonly seed: number;
  readonly random: () => number;
  readonly prefix: string;
  readonly runPrefix: string;
  readonly target: TargetInfo;
  readonly signal: AbortSignal;
  readonly failures: Failure[] = [];
  readonly notes: string[] = [];
  readonly exchanges: Exchange[] = [];
  private readonly shared: RunShared;
  private readonly check: CheckDefinition;

  constructor(check: CheckDefinition, shared: RunShared, sequence: number, signal: AbortSignal) {
    this.check = check;
    this.shared = shared;
    this.checkId = check.id;
    this.seed = deriveSeed(shared.runSeed, check.id);
    this.random = prng(this.seed);
    this.runPrefix = shared.runPrefix;
    this.prefix = `${shared.runPrefix}${sequence.toString(36)}-`;
    this.target = shared.target;
    this.signal = signal;
  }

  name(local: string): string {
    return `${this.prefix}${local}`;
  }

  private record = (exchange: Exchange): void => {
    // Keep transcripts bounded: the first 200 exchanges of a check are enough to read a failure.
    if (this.exchanges.length < 200) this.exchanges.push(exchange);
  };

  async send(
    request: HttpRequest,
    validation: Validation,
    attribute?: readonly RequirementId[],
  ): Promise<HttpResponse> {
    if (this.signal.aborted) throw new CheckAbort('the run was interrupted');
    const response = await this.shared.http.request(request, this.record);
    this.validate(response, validation, attribute ?? this.check.requirements);
    return response;
  }

  /** Schema validation first; a response that does not match its schema stops the check. */
  private validate(
    response: HttpResponse,
    validation: Validation,
    attribute: readonly RequirementId[],
  ): void {
    if ('none' in validation) return;
    if (response.text.length > 0 && !response.isJson) {
      this.must(
        attribute,
        false,
        `the ${response.status} response body is not JSON`,
        'JSON',
        response.text.slice(0, 200),
      );
    }
    const result =
      'schema' in validation
        ? validateSchema(validation.schema, response.json)
        : validateResponse(validation.operationId, response.status, response.json);
    if (!result.valid) {
      const what =
        'schema' in validation ? validation.schema : `${validation.operationId} ${response.status}`;
      this.must(
        schemaAttribution(response.json, result.errors, attribute),
        false,
        `the response does not match the schema (${what}): ${result.errors.map((e) => `${e.path || '/'} ${e.message}`).join('; ')}`,
        undefined,
        response.text.slice(0, 500),
      );
    }
  }

  async close(expression: string, options: CloseOptions = {}): Promise<HttpResponse> {
    const method = options.method ?? 'POST';
    const segment = options.encode === false ? expression : encodeSegment(expression);
    const query =
      options.query === undefined
        ? ''
        : typeof options.query === 'string'
          ? options.query
          : encodeQuery(options.query);
    const path = `/_ml/anomaly_detectors/${segment}/_close${query.length > 0 ? `?${query}` : ''}`;
    const headers: Record<string, string> = { ...options.headers };
    let body: string | undefined;
    if (options.body !== undefined) {
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      const contentType = options.contentType === undefined ? 'application/json' : options.contentType;
      if (contentType !== null) headers['Content-Type'] = contentType;
    } else if (options.contentType) {
      headers['Content-Type'] = options.contentType;
    }
    const attribute = options.attribute ?? this.check.requirements;
    const validation: Validation =
      options.skipValidation !== undefined
        ? { none: options.skipValidation }
        : method === 'HEAD' || method === 'OPTIONS'
          ? { none: `${method} has no JSON body` }
          : { operationId: 'ml-close-job' };
    const response = await this.send(
      {
        method,
        path,
        headers,
        ...(body !== undefined ? { body } : {}),
        ...(options.auth ? { auth: options.auth } : {}),
      },
      validation,
      attribute,
    );
    if (!options.skipHeaderChecks) this.closeHeaderChecks(response, method);
    return response;
  }

  /** Applied to every close-route response: CJ-RESP-001..003, CJ-ENV-001, CJ-ENV-004, CJ-SEC-005. */
  private closeHeaderChecks(response: HttpResponse, method: string): void {
    const product = header(response, 'x-elastic-product');
    if (response.status === 401 || response.status === 403) {
      this.verify(
        ['CJ-SEC-005'],
        product === undefined,
        `a ${response.status} must not carry X-elastic-product`,
        undefined,
        product,
      );
    } else {
      this.verify(
        ['CJ-RESP-003'],
        product === 'Elasticsearch',
        'X-elastic-product must be "Elasticsearch"',
        'Elasticsearch',
        product,
      );
    }
    if (method === 'HEAD' || method === 'OPTIONS' || response.text.length === 0) return;
    const contentType = header(response, 'content-type');
    this.verify(
      ['CJ-RESP-002'],
      contentType === 'application/json',
      'Content-Type must be application/json without a charset',
      'application/json',
      contentType,
    );
    const body = response.json as Record<string, unknown> | undefined;
    if (response.status === 200 && body && typeof body === 'object' && 'closed' in body) {
      this.verify(
        ['CJ-RESP-001'],
        body.closed === true,
        'a 200 body is exactly {"closed":true}',
        { closed: true },
        body,
      );
    }
    if (response.status >= 400 && body && typeof body === 'object') {
      if (typeof body.error === 'object' && body.error !== null) {
        this.verify(
          ['CJ-ENV-001'],
          body.status === response.status,
          'the envelope status equals the HTTP status',
          response.status,
          body.status,
        );
      } else if (typeof body.error === 'string' && 'status' in body) {
        this.verify(
          ['CJ-ENV-004'],
          body.status === response.status,
          'the simple envelope status equals the HTTP status',
          response.status,
          body.status,
        );
      }
    }
  }

  private async supporting(
    operationId: string,
    request: HttpRequest,
    expectStatus: number | readonly number[] = 200,
  ): Promise<HttpResponse> {
    const requirement = OPERATION_REQUIREMENT[operationId]!;
    const response = await this.send(request, { operationId }, [requirement]);
    const statuses = typeof expectStatus === 'number' ? [expectStatus] : expectStatus;
    this.must(
      [requirement],
      statuses.includes(response.status),
      `${operationId} (${request.method} ${request.path}) answered ${response.status}`,
      statuses,
      response.text.slice(0, 300),
    );
    return response;
  }

  private json(body: unknown): { headers: Record<string, string>; body: string } {
    return { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
  }

  async fleet(specs: readonly JobSpec[]): Promise<Fleet> {
    const ids: Record<string, string> = {};
    const datafeeds: Record<string, string> = {};
    const needsFail = specs.some((spec) => spec.state === 'failed');
    if (needsFail) this.requireCapability('fail_job');
    for (const spec of specs) ids[spec.name] = this.name(spec.name);
    await Promise.all(
      specs.map((spec) =>
        this.supporting('ml-put-job', {
          method: 'PUT',
          path: `/_ml/anomaly_detectors/${encodeSegment(ids[spec.name]!)}`,
          ...this.json(jobConfig((spec.groups ?? []).map((group) => this.name(group)))),
        }),
      ),
    );
    const withDatafeed = specs.filter((spec) => spec.datafeed);
    if (withDatafeed.length > 0) {
      const index = await this.shared.dataIndex();
      await Promise.all(
        withDatafeed.map(async (spec) => {
          const datafeedId = this.name(`${spec.name}-df`);
          datafeeds[spec.name] = datafeedId;
          await this.supporting('ml-put-datafeed', {
            method: 'PUT',
            path: `/_ml/datafeeds/${encodeSegment(datafeedId)}`,
            ...this.json({ job_id: ids[spec.name], indices: [index] }),
          });
        }),
      );
    }
    await Promise.all(
      specs
        .filter((spec) => spec.state === 'opened' || spec.state === 'failed')
        .map(async (spec) => {
          await this.openJob(ids[spec.name]!);
          if (spec.datafeed === 'started') {
            await this.supporting('ml-start-datafeed', {
              method: 'POST',
              path: `/_ml/datafeeds/${encodeSegment(datafeeds[spec.name]!)}/_start`,
            });
          }
          if (spec.state === 'failed') await this.failJob(ids[spec.name]!);
        }),
    );
    const jobs: ModelJob[] = specs.map((spec) => ({
      id: ids[spec.name]!,
      groups: (spec.groups ?? []).map((group) => this.name(group)),
      state: spec.state ?? 'closed',
    }));
    if (specs.length > 0) {
      const states = await this.jobStates(`${this.prefix}*`);
      for (const job of jobs) {
        const requirement: RequirementId =
          job.state === 'failed' ? 'CJ-STATE-004' : job.state === 'opened' ? 'CJ-SUP-005' : 'CJ-SUP-002';
        this.must(
          [requirement],
          states.get(job.id) === job.state,
          `fixture: job ${job.id} should be ${job.state} before the close`,
          job.state,
          states.get(job.id),
        );
      }
    }
    return { ids, datafeeds, jobs };
  }

  async jobStats(expression: string): Promise<Map<string, Record<string, unknown>>> {
    const response = await this.supporting('ml-get-job-stats', {
      method: 'GET',
      path: `/_ml/anomaly_detectors/${encodeSegment(expression)}/_stats?allow_no_match=true`,
    });
    const body = response.json as { jobs: Array<Record<string, unknown> & { job_id: string }> };
    return new Map(body.jobs.map((job) => [job.job_id, job] as const));
  }

  async jobStates(expression: string): Promise<Map<string, ModelJobState>> {
    const stats = await this.jobStats(expression);
    return new Map([...stats].map(([id, job]) => [id, job.state as ModelJobState] as const));
  }

  async datafeedStates(expression: string): Promise<Map<string, string>> {
    const response = await this.supporting('ml-get-datafeed-stats', {
      method: 'GET',
      path: `/_ml/datafeeds/${encodeSegment(expression)}/_stats?allow_no_match=true`,
    });
    const body = response.json as { datafeeds: Array<{ datafeed_id: string; state: string }> };
    return new Map(body.datafeeds.map((datafeed) => [datafeed.datafeed_id, datafeed.state] as const));
  }

  openJob(id: string): Promise<HttpResponse> {
    return this.supporting('ml-open-job', {
      method: 'POST',
      path: `/_ml/anomaly_detectors/${encodeSegment(id)}/_open`,
    });
  }

  private requireCapability(capability: string): void {
    if (!this.target.capabilities.has(capability)) {
      this.skip(`needs the test-control capability "${capability}", which the target does not offer`);
    }
  }

  async failJob(id: string): Promise<void> {
    this.requireCapability('fail_job');
    await this.supporting('test-control-fail-job', {
      method: 'POST',
      path: `/_mlclose/test/anomaly_detectors/${encodeSegment(id)}/_fail`,
    });
  }

  async jobBehaviour(id: string, behaviour: Record<string, unknown>): Promise<void> {
    this.requireCapability('job_behaviour');
    await this.supporting('test-control-job-behaviour', {
      method: 'PUT',
      path: `/_mlclose/test/anomaly_detectors/${encodeSegment(id)}/_behaviour`,
      ...this.json(behaviour),
    });
  }

  async datafeedBehaviour(id: string, behaviour: Record<string, unknown>): Promise<void> {
    this.requireCapability('datafeed_behaviour');
    await this.supporting('test-control-datafeed-behaviour', {
      method: 'PUT',
      path: `/_mlclose/test/datafeeds/${encodeSegment(id)}/_behaviour`,
      ...this.json(behaviour),
    });
  }

  async upgradeMode(enabled: boolean): Promise<void> {
    this.requireCapability('upgrade_mode');
    this.shared.upgradeModeTouched(enabled);
    await this.supporting('test-control-upgrade-mode', {
      method: 'PUT',
      path: '/_mlclose/test/upgrade_mode',
      ...this.json({ enabled }),
    });
  }

  async poll(what: string, done: () => Promise<boolean>, attempts = 100, intervalMs = 50): Promise<boolean> {
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (this.signal.aborted) throw new CheckAbort('the run was interrupted');
      if (await done()) return true;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
    this.note(`gave up waiting for ${what} after ${attempts} polls`);
    return false;
  }

  verify(
    requirements: readonly RequirementId[],
    ok: boolean,
    message: string,
    expected?: unknown,
    actual?: unknown,
  ): boolean {
    if (!ok) {
      this.failures.push({
        requirements,
        message,
        ...(expected !== undefined ? { expected } : {}),
        ...(actual !== undefined ? { actual } : {}),
      });
    }
    return ok;
  }

  must(
    requirements: readonly RequirementId[],
    ok: boolean,
    message: string,
    expected?: unknown,
    actual?: unknown,
  ): void {
    if (!this.verify(requirements, ok, message, expected, actual)) throw new CheckAbort(message);
  }

  equal(
    requirements: readonly RequirementId[],
    actual: unknown,
    expected: unknown,
    message: string,
  ): boolean {
    return this.verify(requirements, isDeepStrictEqual(actual, expected), message, expected, actual);
  }

  expectError(
    response: HttpResponse,
    expected: ErrorExpectation,
    requirements: readonly RequirementId[],
  ): boolean {
    const before = this.failures.length;
    if (
      !this.verify(
        requirements,
        response.status === expected.status,
        `status should be ${expected.status}`,
        expected.status,
        `${response.status} ${response.text.slice(0, 300)}`,
      )
    ) {
      return false;
    }
    const body = response.json as Record<string, unknown> | undefined;
    const matches = (pattern: string | RegExp, value: unknown): boolean =>
      typeof pattern === 'string' ? value === pattern : typeof value === 'string' && pattern.test(value);
    if (expected.simple !== undefined) {
      this.verify(
        ['CJ-ENV-004', ...requirements],
        typeof body?.error === 'string',
        'the simple error envelope {"error":"<string>"}',
        'string error',
        body?.error,
      );
      this.verify(
        requirements,
        matches(expected.simple, body?.error),
        'error text',
        String(expected.simple),
        body?.error,
      );
      if (expected.simpleHasStatus === false)
        this.verify(
          requirements,
          body !== undefined && !('status' in body),
          'no status field',
          undefined,
          body,
        );
      else
        this.verify(
          ['CJ-ENV-004'],
          body?.status === expected.status,
          'status field equals the HTTP status',
          expected.status,
          body?.status,
        );
      return this.failures.length === before;
    }
    const error = body?.error as Record<string, unknown> | undefined;
    if (
      !this.verify(
        ['CJ-ENV-001', ...requirements],
        typeof error === 'object' && error !== null,
        'the detailed error envelope',
        'object',
        body,
      )
    )
      return false;
    if (expected.type !== undefined)
      this.verify(requirements, error!.type === expected.type, 'error.type', expected.type, error!.type);
    if (expected.reason !== undefined)
      this.verify(
        requirements,
        matches(expected.reason, error!.reason),
        'error.reason',
        String(expected.reason),
        error!.reason,
      );
    const roots = error!.root_cause as Array<Record<string, unknown>> | undefined;
    const rootType = expected.rootCauseType ?? (expected.causedBy ? undefined : expected.type);
    if (rootType !== undefined && Array.isArray(roots)) {
      this.verify(
        ['CJ-ENV-001', ...requirements],
        roots[0]?.type === rootType,
        'root_cause[0].type',
        rootType,
        roots[0]?.type,
      );
    }
    if (expected.causedBy === null) {
      this.verify(
        ['CJ-ENV-003'],
        !('caused_by' in error!),
        'no caused_by when there is no cause',
        undefined,
        error!.caused_by,
      );
    } else if (expected.causedBy) {
      const cause = error!.caused_by as Record<string, unknown> | undefined;
      this.verify(
        ['CJ-ENV-003', ...requirements],
        cause?.type === expected.causedBy.type,
        'caused_by.type',
        expected.causedBy.type,
        cause,
      );
      if (expected.causedBy.reason !== undefined) {
        this.verify(
          requirements,
          matches(expected.causedBy.reason, cause?.reason),
          'caused_by.reason',
          String(expected.causedBy.reason),
          cause?.reason,
        );
      }
    }
    return this.failures.length === before;
  }

  expectClosed(response: HttpResponse, requirements: readonly RequirementId[]): boolean {
    return (
      this.verify(
        requirements,
        response.status === 200,
        'status should be 200',
        200,
        `${response.status} ${response.text.slice(0, 300)}`,
      ) &&
      this.equal(['CJ-RESP-001', ...requirements], response.json, { closed: true }, 'body is {"closed":true}')
    );
  }

  async expectStates(
    expected: ReadonlyMap<string, ModelJobState>,
    requirements: readonly RequirementId[],
    when: string,
  ): Promise<boolean> {
    const actual = await this.jobStates(`${this.prefix}*`);
    let ok = true;
    for (const [id, state] of expected) {
      ok =
        this.verify(
          requirements,
          actual.get(id) === state,
          `${when}: job ${id} should be ${state}`,
          state,
          actual.get(id) ?? 'missing',
        ) && ok;
    }
    return ok;
  }

  failureCount(): number {
    return this.failures.length;
  }

  skip(reason: string): never {
    throw new CheckSkip(reason);
  }

  note(message: string): void {
    this.notes.push(message);
  }
}
