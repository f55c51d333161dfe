// The implementation of CheckContext: request helpers that validate every response against @mlclose/schema and
// apply the close route's header checks. Fixtures live in ./fixtures.ts, assertions in ./assertions.ts, and the
// attribution of schema failures in ./schema-attribution.ts.
import type { DatafeedBehaviour, JobBehaviour, RequirementId } from '@mlclose/schema';
import { validateResponse, validateSchema } from '@mlclose/schema/validators';
import { Assertions } from './assertions.js';
import { CreatedResources } from './cleanup.js';
import {
  CheckAbort,
  type CheckContext,
  type CheckDefinition,
  type CloseOptions,
  type Fleet,
  type JobSpec,
  type TargetInfo,
  type Validation,
} from './check.js';
import { Fixtures, type FixtureRun } from './fixtures.js';
import { header, type Exchange, type HttpRequest, type HttpResponse, type HttpTarget } from './http.js';
import type { ModelJobState } from './model/close-model.js';
import { schemaAttribution } from './schema-attribution.js';
import { deriveSeed, prng } from './seed.js';
import { encodeQuery, encodeSegment } from './url-encoding.js';

export interface RunShared extends FixtureRun {
  readonly http: HttpTarget;
  readonly target: TargetInfo;
  readonly runPrefix: string;
  readonly runSeed: number;
}

export class Context extends Assertions implements CheckContext {
  readonly checkId: string;
  readonly seed: number;
  readonly random: () => number;
  readonly prefix: string;
  readonly runPrefix: string;
  readonly target: TargetInfo;
  readonly signal: AbortSignal;
  readonly exchanges: Exchange[] = [];
  /** What the check's requests created, for the tidy-up after it. */
  readonly created = new CreatedResources();
  private readonly shared: RunShared;
  private readonly check: CheckDefinition;
  private readonly fixtures: Fixtures;

  constructor(check: CheckDefinition, shared: RunShared, sequence: number, signal: AbortSignal) {
    super();
    this.check = check;
    this.shared = shared;
    this.checkId = check.id;
    this.seed = deriveSeed(shared.runSeed, check.id);
    this.random = prng(this.seed);
    this.runPrefix = shared.runPrefix;
    this.prefix = `${shared.runPrefix}${sequence.toString(36)}-`;
    this.target = shared.target;
    this.signal = signal;
    this.fixtures = new Fixtures(this, shared);
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
    let response: HttpResponse;
    try {
      // The check's signal aborts a request in flight: when the run is interrupted or vitest gives up on the check,
      // it ends now rather than when the target answers.
      response = await this.shared.http.request(request, this.record, this.signal);
    } catch (error) {
      this.created.record(request, undefined);
      throw error;
    }
    this.created.record(request, response.status);
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

  async poll(what: string, done: () => Promise<boolean>, attempts = 100, intervalMs = 50): Promise<boolean> {
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (this.signal.aborted) throw new CheckAbort('the run was interrupted');
      if (await done()) return true;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
    this.note(`gave up waiting for ${what} after ${attempts} polls`);
    return false;
  }

  // ---- fixtures (./fixtures.ts) ----
  fleet(specs: readonly JobSpec[]): Promise<Fleet> {
    return this.fixtures.fleet(specs);
  }

  jobStats(expression: string): Promise<Map<string, Record<string, unknown>>> {
    return this.fixtures.jobStats(expression);
  }

  jobStates(expression: string): Promise<Map<string, ModelJobState>> {
    return this.fixtures.jobStates(expression);
  }

  datafeedStates(expression: string): Promise<Map<string, string>> {
    return this.fixtures.datafeedStates(expression);
  }

  openJob(id: string): Promise<HttpResponse> {
    return this.fixtures.openJob(id);
  }

  failJob(id: string): Promise<void> {
    return this.fixtures.failJob(id);
  }

  jobBehaviour(id: string, behaviour: JobBehaviour): Promise<void> {
    return this.fixtures.jobBehaviour(id, behaviour);
  }

  releaseJob(id: string): Promise<void> {
    return this.fixtures.releaseJob(id);
  }

  datafeedBehaviour(id: string, behaviour: DatafeedBehaviour): Promise<void> {
    return this.fixtures.datafeedBehaviour(id, behaviour);
  }

  upgradeMode(enabled: boolean): Promise<void> {
    return this.fixtures.upgradeMode(enabled);
  }
}
