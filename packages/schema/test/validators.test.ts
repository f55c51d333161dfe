import { describe, expect, it } from 'vitest';
import { deref, listOperations, spec, type Json } from '../src/spec.js';
import {
  SchemaValidationError,
  assertValid,
  isValid,
  validateResponse,
  validateSchema,
  validateSpecSchema,
  validators,
} from '../src/validators.js';
import upstream from './fixtures/upstream-openapi-close-job.json' with { type: 'json' };
import docs from './fixtures/elastic-docs-examples.json' with { type: 'json' };

type JsonObject = { [key: string]: Json };
const asObject = (value: Json | undefined): JsonObject => (value ?? {}) as JsonObject;

interface SpecExample {
  where: string;
  schema: Json;
  value: Json;
}

/** Every example in our spec, with the schema it illustrates. */
function collectExamples(): SpecExample[] {
  const found: SpecExample[] = [];
  const fromMedia = (where: string, media: JsonObject) => {
    for (const [name, example] of Object.entries(asObject(media.examples))) {
      found.push({
        where: `${where} example '${name}'`,
        schema: media.schema ?? {},
        value: asObject(deref(example)).value ?? null,
      });
    }
  };
  for (const { path, method, operation } of listOperations()) {
    const at = `${method.toUpperCase()} ${path}`;
    for (const raw of operation.parameters ?? []) {
      const parameter = asObject(deref(raw));
      for (const [name, example] of Object.entries(asObject(parameter.examples))) {
        found.push({
          where: `${at} parameter ${String(parameter.name)} example '${name}'`,
          schema: parameter.schema ?? {},
          value: asObject(example).value ?? null,
        });
      }
    }
    if (operation.requestBody) {
      for (const [type, media] of Object.entries(asObject(asObject(deref(operation.requestBody)).content))) {
        fromMedia(`${at} request ${type}`, asObject(media));
      }
    }
    for (const [status, response] of Object.entries(operation.responses)) {
      for (const [type, media] of Object.entries(asObject(asObject(deref(response)).content))) {
        fromMedia(`${at} ${status} ${type}`, asObject(media));
      }
    }
  }
  for (const [name, schema] of Object.entries(spec.components.schemas ?? {})) {
    for (const [index, value] of ((asObject(schema).examples as Json[] | undefined) ?? []).entries()) {
      found.push({
        where: `schema ${name} example ${index}`,
        schema: { $ref: `#/components/schemas/${name}` },
        value,
      });
    }
  }
  return found;
}

describe('every example in the spec', () => {
  const examples = collectExamples();

  it('there are examples for every close-job status', () => {
    const statuses = new Set(
      examples
        .map((e) => /^POST \/_ml\/anomaly_detectors\/\{job_id\}\/_close (\d{3}|request) /.exec(e.where)?.[1])
        .filter((status) => status !== undefined),
    );
    expect([...statuses].sort()).toEqual(
      ['200', '400', '401', '403', '404', '405', '406', '409', '429', '500', '503', 'request'].sort(),
    );
    expect(examples.length).toBeGreaterThan(60);
  });

  it.each(examples)('$where validates against its schema', ({ schema, value }) => {
    expect(validateSpecSchema(schema, value).errors).toEqual([]);
  });
});

describe("Elastic's own examples", () => {
  it("the upstream OpenAPI's 200 example is a valid close-job response", () => {
    const media =
      upstream.paths['/_ml/anomaly_detectors/{job_id}/_close'].post.responses['200'].content[
        'application/json'
      ];
    // Upstream stores the example as a JSON string.
    const value = JSON.parse(media.examples.MlCloseJobResponseExample1.value) as unknown;
    expect(validateResponse('ml-close-job', 200, value)).toEqual({ valid: true, errors: [] });
  });

  it("the docs page's request validates as close-job path parameters and an empty body", () => {
    for (const request of docs.requests) {
      const { job_id: jobId, ...options } = request;
      expect(typeof jobId).toBe('string');
      expect(validators.closeJobQuery(options)).toEqual({ valid: true, errors: [] });
      expect(validators.closeJobBody(options)).toEqual({ valid: true, errors: [] });
    }
  });

  it("the docs page's responses validate", () => {
    for (const response of docs.responses) {
      expect(validateResponse('ml-close-job', response.status, response.body).valid).toBe(true);
    }
  });

  it('every upstream body field is one of ours, with the same default', () => {
    const theirs =
      upstream.paths['/_ml/anomaly_detectors/{job_id}/_close'].post.requestBody.content['application/json']
        .schema.properties;
    const ours = asObject(asObject(closeJobBodySchema()).properties);
    for (const [name, property] of Object.entries(theirs)) {
      expect(ours[name], name).toBeDefined();
      expect(asObject(ours[name]).default).toEqual(property.default);
    }
  });
});

function closeJobBodySchema(): Json {
  const close = spec.paths['/_ml/anomaly_detectors/{job_id}/_close']!.post!;
  return asObject(asObject(asObject(close.requestBody as Json).content)['application/json']).schema ?? {};
}

describe('known-bad values are rejected', () => {
  const bad = [
    { description: 'timeout 30M in the query', given: { timeout: '30M' } },
    { description: 'timeout 1.5s in the query', given: { timeout: '1.5s' } },
    { description: 'timeout -2s in the query', given: { timeout: '-2s' } },
    { description: '"yes" as a query boolean', given: { force: 'yes' } },
    { description: 'an unknown query parameter', given: { forced: true } },
  ];
  it.each(bad)('query: $description', ({ given }) => {
    expect(validators.closeJobQuery(given).valid).toBe(false);
  });

  const badBodies = [
    { description: 'timeout 30M', given: { timeout: '30M' } },
    { description: 'timeout 1.5s', given: { timeout: '1.5s' } },
    { description: 'timeout -2s', given: { timeout: '-2s' } },
    { description: 'timeout as a number', given: { timeout: 30 } },
    { description: '"yes" as a boolean', given: { force: 'yes' } },
    { description: 'a number as a boolean', given: { allow_no_match: 1 } },
    { description: 'null as a boolean', given: { force: null } },
    { description: 'an unknown field', given: { forced: true } },
    { description: 'the v7 field allow_no_jobs', given: { allow_no_jobs: true } },
    { description: 'an array', given: [] },
  ];
  it.each(badBodies)('body: $description', ({ given }) => {
    expect(validators.closeJobBody(given).valid).toBe(false);
  });

  const goodBodies = [
    { description: 'an empty object', given: {} },
    { description: 'string booleans', given: { force: 'true', allow_no_match: 'false' } },
    { description: 'an empty string boolean (false)', given: { force: '' } },
    { description: 'job_id, which is ignored', given: { job_id: 'other' } },
    { description: 'every option', given: { allow_no_match: false, force: true, timeout: '-1' } },
  ];
  it.each(goodBodies)('body accepts $description', ({ given }) => {
    expect(validators.closeJobBody(given)).toEqual({ valid: true, errors: [] });
  });
});

describe('envelopes', () => {
  const detailed = {
    error: {
      root_cause: [{ type: 'resource_not_found_exception', reason: "No known job with id 'nope'" }],
      type: 'resource_not_found_exception',
      reason: "No known job with id 'nope'",
    },
    status: 404,
  };

  it('a detailed envelope is an error response, a simple one too', () => {
    expect(validators.errorResponse(detailed).valid).toBe(true);
    expect(validators.errorResponse({ error: 'Content-Type header is missing', status: 406 }).valid).toBe(
      true,
    );
    expect(
      validators.simpleErrorResponse({ error: 'no handler found for uri [/x] and method [GET]' }).valid,
    ).toBe(true);
  });

  const broken = [
    { description: 'no root_cause', given: { error: { type: 'x', reason: 'y' }, status: 404 } },
    { description: 'no status', given: { error: detailed.error } },
    {
      description: 'a root cause with caused_by',
      given: {
        ...detailed,
        error: {
          ...detailed.error,
          root_cause: [{ type: 'a', reason: 'b', caused_by: { type: 'c', reason: 'd' } }],
        },
      },
    },
    { description: 'an unknown top-level key', given: { ...detailed, extra: 1 } },
    {
      description: 'a type with capitals',
      given: { ...detailed, error: { ...detailed.error, type: 'ResourceNotFound' } },
    },
    { description: 'a string status', given: { ...detailed, status: '404' } },
  ];
  it.each(broken)('rejects $description', ({ given }) => {
    expect(validators.detailedErrorResponse(given).valid).toBe(false);
  });

  it('validateResponse rejects a status the operation does not document', () => {
    expect(validateResponse('ml-close-job', 418, {})).toEqual({
      valid: false,
      errors: [{ path: '', message: 'status 418 is not documented for ml-close-job' }],
    });
  });

  it('validateResponse rejects closed:false with extra fields, and a simple envelope on a 404', () => {
    expect(validateResponse('ml-close-job', 200, { closed: true, extra: 1 }).valid).toBe(false);
    expect(validateResponse('ml-close-job', 404, { error: 'not found', status: 404 }).valid).toBe(false);
  });
});

describe('helpers', () => {
  it('assertValid throws a SchemaValidationError naming the problem', () => {
    expect(() => assertValid('CloseJobResponse', { closed: 'yes' })).toThrow(SchemaValidationError);
    expect(() => assertValid('CloseJobResponse', { closed: 'yes' })).toThrow(/\/closed must be boolean/);
  });

  it.each([
    { description: 'the close answer', given: { closed: true }, want: true },
    { description: 'closed as a string', given: { closed: 'true' }, want: false },
    { description: 'an extra field', given: { closed: true, extra: 1 }, want: false },
    { description: 'not an object', given: null, want: false },
  ])('isValid says whether a value matches: $description', ({ given, want }) => {
    expect(isValid('CloseJobResponse', given)).toBe(want);
  });

  it('validateSchema refuses an unknown schema name', () => {
    expect(() => validateSchema('Nope' as never, {})).toThrow(/no schema 'Nope'/);
  });

  it('supporting bodies have validators', () => {
    expect(
      validators.putJobBody({ analysis_config: { detectors: [{ function: 'count' }] }, data_description: {} })
        .valid,
    ).toBe(true);
    expect(validators.putJobBody({ data_description: {} }).valid).toBe(false);
    expect(validators.putDatafeedBody({ job_id: 'j', indices: ['i'] }).valid).toBe(true);
    expect(validators.jobStatsResponse({ count: 1, jobs: [{ job_id: 'j', state: 'shut' }] }).valid).toBe(
      false,
    );
    expect(
      validators.flushJobResponse({ flushed: true, last_finalized_bucket_end: 1403481600000 }).valid,
    ).toBe(true);
    expect(validators.flushJobResponse({ flushed: true, last_finalized_bucket_end: '1h' }).valid).toBe(false);
    expect(validators.postDataResponse({ job_id: 'j', processed_record_count: 2 }).valid).toBe(false);
    expect(validators.updateJobBody({ analysis_limits: { model_memory_limit: '20mb' } }).valid).toBe(true);
    expect(validators.updateJobBody({ analysis_config: {} }).valid).toBe(false);
    expect(validators.updateDatafeedBody({ indexes: 'one-index' }).valid).toBe(true);
    expect(
      validators.countResponse({ count: -1, _shards: { total: 1, successful: 1, failed: 0 } }).valid,
    ).toBe(false);
  });
});
