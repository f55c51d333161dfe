// One test per reachable error of close, named for its requirement (CJ-…), over real HTTP. Every response is
// validated against the spec (ml-close-job) by the request helper.
import { describe, expect, it } from 'vitest';
import { useTestServer } from './use-test-server.js';
import { validateResponse } from '@mlclose/schema/validators';
import { closePath, errorOf } from '../src/testing.js';
import { rawRequest } from './raw-request.js';

const A = 'cluster:admin/xpack/ml/job/close';
const op = 'ml-close-job';
const server = useTestServer(async (started) => {
  await started.putJob('j1');
  await started.openJob('j1');
});

interface Row {
  /** The requirement the row checks (spec x-requirements). */
  requirement: string;
  description: string;
  path: string;
  body?: string;
  status: number;
  type: string;
  reason: string;
  causedBy?: { type: string; reason: string; caused_by?: { type: string; reason: string } };
  /** Only the cause's type, where its reason is Jackson's version-dependent text. */
  causeType?: string;
}

const parameterRows: Row[] = [
  {
    requirement: 'CJ-BOOL-002',
    description: 'query force not true/false',
    path: closePath('j1', '?force=yes'),
    status: 400,
    type: 'illegal_argument_exception',
    reason: 'Failed to parse value [yes] as only [true] or [false] are allowed.',
  },
  {
    requirement: 'CJ-BOOL-001',
    description: 'query allow_no_match TRUE (case-sensitive)',
    path: closePath('j1', '?allow_no_match=TRUE'),
    status: 400,
    type: 'illegal_argument_exception',
    reason: 'Failed to parse value [TRUE] as only [true] or [false] are allowed.',
  },
  {
    requirement: 'CJ-DUR-002',
    description: 'timeout with an unknown unit',
    path: closePath('j1', '?timeout=abc'),
    status: 400,
    type: 'illegal_argument_exception',
    reason:
      'failed to parse setting [timeout] with value [abc] as a time value: unit is missing or unrecognized',
  },
  {
    requirement: 'CJ-DUR-002',
    description: 'timeout without a unit',
    path: closePath('j1', '?timeout=30'),
    status: 400,
    type: 'illegal_argument_exception',
    reason:
      'failed to parse setting [timeout] with value [30] as a time value: unit is missing or unrecognized',
  },
  {
    requirement: 'CJ-DUR-003',
    description: 'timeout in months (30M)',
    path: closePath('j1', '?timeout=30M'),
    status: 400,
    type: 'illegal_argument_exception',
    reason:
      'failed to parse setting [timeout] with value [30M] as a time value: unit is missing or unrecognized',
  },
  {
    requirement: 'CJ-DUR-002',
    description: 'empty timeout',
    path: closePath('j1', '?timeout='),
    status: 400,
    type: 'illegal_argument_exception',
    reason:
      'failed to parse setting [timeout] with value [] as a time value: unit is missing or unrecognized',
  },
  {
    requirement: 'CJ-DUR-004',
    description: 'negative timeout',
    path: closePath('j1', '?timeout=-5s'),
    status: 400,
    type: 'illegal_argument_exception',
    reason:
      'failed to parse setting [timeout] with value [-5s] as a time value: negative durations are not supported',
  },
  {
    requirement: 'CJ-DUR-005',
    description: 'fractional timeout',
    path: closePath('j1', '?timeout=1.5s'),
    status: 400,
    type: 'illegal_argument_exception',
    reason: 'failed to parse [1.5s], fractional time values are not supported',
    causedBy: { type: 'number_format_exception', reason: 'For input string: "1.5"' },
  },
  {
    requirement: 'CJ-DUR-005',
    description: 'a hex float is fractional, not junk',
    path: closePath('j1', '?timeout=0x1p3s'),
    status: 400,
    type: 'illegal_argument_exception',
    reason: 'failed to parse [0x1p3s], fractional time values are not supported',
    causedBy: { type: 'number_format_exception', reason: 'For input string: "0x1p3"' },
  },
  {
    requirement: 'CJ-DUR-006',
    description: 'junk before a valid unit',
    path: closePath('j1', '?timeout=xs'),
    status: 400,
    type: 'illegal_argument_exception',
    reason: 'failed to parse [xs]',
    causedBy: { type: 'number_format_exception', reason: 'For input string: "x"' },
  },
  {
    requirement: 'CJ-PARAM-001',
    description: 'unknown query parameter',
    path: closePath('j1', '?foo=bar'),
    status: 400,
    type: 'illegal_argument_exception',
    reason: 'request [/_ml/anomaly_detectors/j1/_close] contains unrecognized parameter: [foo]',
  },
  {
    requirement: 'CJ-PARAM-003',
    description: 'misspelt parameter with a suggestion',
    path: closePath('j1', '?allow_no_matc=true'),
    status: 400,
    type: 'illegal_argument_exception',
    reason:
      'request [/_ml/anomaly_detectors/j1/_close] contains unrecognized parameter: [allow_no_matc] -> did you mean [allow_no_match]?',
  },
  {
    requirement: 'CJ-PARAM-004',
    description: 'a typo of force gets no suggestion when force is absent',
    path: closePath('j1', '?forse=true'),
    status: 400,
    type: 'illegal_argument_exception',
    reason: 'request [/_ml/anomaly_detectors/j1/_close] contains unrecognized parameter: [forse]',
  },
  {
    requirement: 'CJ-PARAM-004',
    description: 'a typo of force gets a suggestion when force is present',
    path: closePath('j1', '?forse=true&force=false'),
    status: 400,
    type: 'illegal_argument_exception',
    reason:
      'request [/_ml/anomaly_detectors/j1/_close] contains unrecognized parameter: [forse] -> did you mean [force]?',
  },
  {
    requirement: 'CJ-PARAM-002',
    description: 'parameter names are case-sensitive',
    path: closePath('j1', '?Force=true'),
    status: 400,
    type: 'illegal_argument_exception',
    reason: 'request [/_ml/anomaly_detectors/j1/_close] contains unrecognized parameter: [Force]',
  },
  {
    requirement: 'CJ-PARAM-003',
    description: 'the path parameter job_id is a suggestion candidate',
    path: closePath('j1', '?job_ids=x'),
    status: 400,
    type: 'illegal_argument_exception',
    reason:
      'request [/_ml/anomaly_detectors/j1/_close] contains unrecognized parameter: [job_ids] -> did you mean [job_id]?',
  },
  {
    requirement: 'CJ-PARAM-005',
    description: 'allow_no_jobs on v8/v9',
    path: closePath('j1', '?allow_no_jobs=true'),
    status: 400,
    type: 'illegal_argument_exception',
    reason:
      'request [/_ml/anomaly_detectors/j1/_close] contains unrecognized parameter: [allow_no_jobs] -> did you mean [allow_no_match]?',
  },
  {
    requirement: 'CJ-MODE-002',
    description: 'body and a query option',
    path: closePath('j1', '?force=true'),
    body: '{}',
    status: 400,
    type: 'illegal_argument_exception',
    reason: 'request [/_ml/anomaly_detectors/j1/_close] contains unrecognized parameter: [force]',
  },
  {
    requirement: 'CJ-MODE-003',
    description: 'body and several query options (sorted)',
    path: closePath('j1', '?timeout=1m&force=true'),
    body: '{}',
    status: 400,
    type: 'illegal_argument_exception',
    reason: 'request [/_ml/anomaly_detectors/j1/_close] contains unrecognized parameters: [force], [timeout]',
  },
  {
    requirement: 'CJ-MODE-006',
    description: 'source with a real body is unrecognized',
    path: closePath('j1', '?source=%7B%7D'),
    body: '{}',
    status: 400,
    type: 'illegal_argument_exception',
    reason: 'request [/_ml/anomaly_detectors/j1/_close] contains unrecognized parameter: [source]',
  },
  {
    requirement: 'CJ-MODE-005',
    description: 'source without a body',
    path: closePath('j1', '?source=%7B%7D'),
    status: 400,
    type: 'parse_exception',
    reason: 'request body is required',
  },
  {
    requirement: 'CJ-BODY-002',
    description: 'body unknown field',
    path: closePath('j1'),
    body: '{"foo":1}',
    status: 400,
    type: 'x_content_parse_exception',
    reason: `[1:2] [${A}] unknown field [foo]`,
  },
  {
    requirement: 'CJ-BODY-002',
    description: 'body unknown field with a suggestion (no arrow)',
    path: closePath('j1'),
    body: '{"forced":true}',
    status: 400,
    type: 'x_content_parse_exception',
    reason: `[1:2] [${A}] unknown field [forced] did you mean [force]?`,
  },
  {
    requirement: 'CJ-BODY-002',
    description: 'allow_no_jobs in the body',
    path: closePath('j1'),
    body: '{"allow_no_jobs":true}',
    status: 400,
    type: 'x_content_parse_exception',
    reason: `[1:2] [${A}] unknown field [allow_no_jobs] did you mean [allow_no_match]?`,
  },
  {
    requirement: 'CJ-BODY-003',
    description: 'number for a boolean',
    path: closePath('j1'),
    body: '{"force":1}',
    status: 400,
    type: 'x_content_parse_exception',
    reason: `[1:10] [${A}] force doesn't support values of type: VALUE_NUMBER`,
  },
  {
    requirement: 'CJ-BODY-003',
    description: 'null for a boolean',
    path: closePath('j1'),
    body: '{"force":null}',
    status: 400,
    type: 'x_content_parse_exception',
    reason: `[1:10] [${A}] force doesn't support values of type: VALUE_NULL`,
  },
  {
    requirement: 'CJ-BODY-003',
    description: 'number for timeout',
    path: closePath('j1'),
    body: '{"timeout":5}',
    status: 400,
    type: 'x_content_parse_exception',
    reason: `[1:12] [${A}] timeout doesn't support values of type: VALUE_NUMBER`,
  },
  {
    requirement: 'CJ-BODY-004',
    description: 'bad boolean string',
    path: closePath('j1'),
    body: '{"force":"yes"}',
    status: 400,
    type: 'x_content_parse_exception',
    reason: `[1:10] [${A}] failed to parse field [force]`,
    causedBy: {
      type: 'illegal_argument_exception',
      reason: 'Failed to parse value [yes] as only [true] or [false] are allowed.',
    },
  },
  {
    requirement: 'CJ-BODY-004',
    description: 'bad timeout string',
    path: closePath('j1'),
    body: '{"timeout":"30M"}',
    status: 400,
    type: 'x_content_parse_exception',
    reason: `[1:12] [${A}] failed to parse field [timeout]`,
    causedBy: {
      type: 'illegal_argument_exception',
      reason:
        'failed to parse setting [timeout] with value [30M] as a time value: unit is missing or unrecognized',
    },
  },
  {
    requirement: 'CJ-BODY-005',
    description: 'array body',
    path: closePath('j1'),
    body: '[]',
    status: 400,
    type: 'x_content_parse_exception',
    reason: `[1:1] [${A}] Expected START_OBJECT but was: START_ARRAY`,
  },
  {
    requirement: 'CJ-BODY-005',
    description: 'string body',
    path: closePath('j1'),
    body: '"x"',
    status: 400,
    type: 'x_content_parse_exception',
    reason: `[1:1] [${A}] Expected START_OBJECT but was: VALUE_STRING`,
  },
  {
    requirement: 'CJ-BODY-005',
    description: 'null body',
    path: closePath('j1'),
    body: 'null',
    status: 400,
    type: 'x_content_parse_exception',
    reason: `[1:1] [${A}] Expected START_OBJECT but was: VALUE_NULL`,
  },
  {
    requirement: 'CJ-MODE-007',
    description: 'whitespace-only body',
    path: closePath('j1'),
    body: '  ',
    status: 400,
    type: 'x_content_parse_exception',
    reason: `[1:1] [${A}] Expected START_OBJECT but was: null`,
  },
  {
    requirement: 'CJ-BODY-007',
    description: 'truncated JSON',
    path: closePath('j1'),
    body: '{"force":true',
    status: 400,
    type: 'x_content_e_o_f_exception',
    reason: '[1:14] Unexpected end of file',
    causeType: 'json_e_o_f_exception',
  },
  {
    requirement: 'CJ-BODY-007',
    description: 'truncated JSON on a second line',
    path: closePath('j1'),
    body: '{\n  "force" : ',
    status: 400,
    type: 'x_content_e_o_f_exception',
    reason: '[2:13] Unexpected end of file',
    causeType: 'json_e_o_f_exception',
  },
];

describe('errors: request parsing', () => {
  it.each(parameterRows)(
    '$requirement: $description',
    async ({ path, body, status, type, reason, causedBy, causeType }) => {
      const response = await server.request('POST', path, { op, ...(body !== undefined ? { body } : {}) });
      expect(errorOf(response)).toEqual({ status, type, reason });
      expect(response.json.error.root_cause[0]).toEqual({ type, reason });
      if (causedBy) expect(response.json.error.caused_by).toEqual(causedBy);
      else if (causeType) expect(response.json.error.caused_by?.type).toBe(causeType);
      else expect(response.json.error.caused_by).toBeUndefined();
      // A 400 is raised before the action: the job is untouched (CJ-PARAM-007).
      expect(await server.state('j1')).toBe('opened');
    },
  );

  it.each([
    { description: 'an Arabic-Indic three', timeout: '%D9%A3s' },
    { description: 'a fullwidth three', timeout: '%EF%BC%93s' },
    { description: 'a Devanagari three', timeout: '%E0%A5%A9m' },
  ])(
    'CJ-DUR-010: $description is a digit, because Long.parseLong reads any Unicode digit',
    async ({ timeout }) => {
      const query = await server.request('POST', closePath('j1', `?timeout=${timeout}`), { op });
      expect(query.status).toBe(200);
      expect(query.json).toEqual({ closed: true });
      await server.openJob('j1');
      const body = await server.request('POST', closePath('j1'), {
        op,
        body: { timeout: decodeURIComponent(timeout) },
      });
      expect(body.status).toBe(200);
    },
  );

  it('CJ-BODY-006, CJ-BODY-011, CJ-BODY-013: malformed JSON answers x_content_parse_exception with Jackson position and text', async () => {
    const response = await server.request('POST', closePath('j1'), { op, body: '{force:true}' });
    const jackson = "Unexpected character ('f' (code 102)): was expecting double-quote to start field name";
    expect(errorOf(response)).toEqual({
      status: 400,
      type: 'x_content_parse_exception',
      reason: `[1:3] ${jackson}`,
    });
    // JsonXContentParser keeps Jackson's exception as the cause (CJ-BODY-011); root_cause stays the x_content one
    // (CJ-BODY-013).
    expect(response.json.error.caused_by).toEqual({ type: 'json_parse_exception', reason: jackson });
    expect(response.json.error.root_cause).toEqual([
      { type: 'x_content_parse_exception', reason: `[1:3] ${jackson}` },
    ]);
  });

  it.each([
    { body: '{"force":', type: 'x_content_e_o_f_exception', cause: 'json_e_o_f_exception' },
    { body: '{"force":x}', type: 'x_content_parse_exception', cause: 'json_parse_exception' },
    {
      body: '{"force":true,"force":false}',
      type: 'x_content_parse_exception',
      cause: 'json_parse_exception',
    },
  ])(
    'CJ-BODY-011, CJ-BODY-012, CJ-BODY-013: $body keeps the Jackson cause $cause',
    async ({ body, type, cause }) => {
      const response = await server.request('POST', closePath('j1'), { op, body });
      expect(response.status).toBe(400);
      expect(response.json.error.type).toBe(type);
      expect(response.json.error.caused_by.type).toBe(cause);
      expect(response.json.error.caused_by.caused_by).toBeUndefined();
      expect(response.json.error.root_cause.map((root: { type: string }) => root.type)).toEqual([type]);
    },
  );

  it('CJ-FMT-004, CJ-FMT-007: with error_trace every rendered exception has a trace naming its Java class', async () => {
    const response = await server.request('POST', closePath('j1', '?error_trace=true'), {
      op,
      body: '{"force":',
    });
    const error = response.json.error;
    const heads = (trace: string): string[] => trace.split('\n').filter((line) => !line.startsWith('\t'));
    expect(heads(error.stack_trace)).toEqual([
      'org.elasticsearch.xcontent.XContentEOFException: [1:10] Unexpected end of file',
      `Caused by: com.fasterxml.jackson.core.io.JsonEOFException: ${error.caused_by.reason}`,
    ]);
    expect(heads(error.caused_by.stack_trace)).toEqual([
      `com.fasterxml.jackson.core.io.JsonEOFException: ${error.caused_by.reason}`,
    ]);
    // guessRootCauses wraps the plain exception in an anonymous ElasticsearchException (CJ-FMT-008).
    expect(heads(error.root_cause[0].stack_trace)).toEqual([
      'org.elasticsearch.ElasticsearchException$1: [1:10] Unexpected end of file',
      'Caused by: org.elasticsearch.xcontent.XContentEOFException: [1:10] Unexpected end of file',
      `Caused by: com.fasterxml.jackson.core.io.JsonEOFException: ${error.caused_by.reason}`,
    ]);
  });

  it('CJ-CT-001: a body without Content-Type is 406 in the simple format', async () => {
    const response = await rawRequest(server.url, 'POST', closePath('j1'), Buffer.from('{}'));
    expect(response.status).toBe(406);
    const body = JSON.parse(response.text);
    expect(body).toEqual({ error: 'Content-Type header is missing', status: 406 });
    expect(validateResponse(op, 406, body).valid).toBe(true);
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'application/xml'])(
    'CJ-CT-002: a body with Content-Type %s is 406',
    async (contentType) => {
      const response = await server.request('POST', closePath('j1'), {
        op,
        body: '{}',
        headers: { 'Content-Type': contentType },
      });
      expect(response.status).toBe(406);
      expect(response.json).toEqual({
        error: `Content-Type header [${contentType}] is not supported`,
        status: 406,
      });
    },
  );

  it.each(['GET', 'PUT', 'DELETE', 'PATCH'])(
    'CJ-ROUTE-002, CJ-ROUTE-003: %s on the route is 405 with Allow: POST',
    async (method) => {
      const response = await server.request(method, closePath('j1', '?x=1'), { op });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('POST');
      expect(response.json).toEqual({
        error: `Incorrect HTTP method for uri [/_ml/anomaly_detectors/j1/_close?x=1] and method [${method}], allowed: [POST]`,
        status: 405,
      });
    },
  );

  it('CJ-ROUTE-006: HEAD on the route is 405 without a body', async () => {
    const response = await rawRequest(server.url, 'HEAD', closePath('j1'));
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('POST');
    expect(response.text).toBe('');
  });

  it('CJ-FMT-005: an unparsable error_trace is a simple 400 and wins over other errors', async () => {
    const response = await server.request('POST', closePath('j1', '?error_trace=maybe&force=yes'), { op });
    expect(response.status).toBe(400);
    expect(response.json).toEqual({
      error: 'Failed to parse value [maybe] as only [true] or [false] are allowed.',
      status: 400,
    });
  });
});

describe('errors: the action', () => {
  it('CJ-UPG-001: upgrade mode gives 429 and closes nothing', async () => {
    const on = await server.request('PUT', '/_mlclose/test/upgrade_mode', {
      op: 'test-control-upgrade-mode',
      body: { enabled: true },
    });
    expect(on.status).toBe(200);
    const response = await server.request('POST', closePath('j1'), { op });
    expect(errorOf(response)).toEqual({
      status: 429,
      type: 'status_exception',
      reason: `Cannot perform ${A} action while upgrade mode is enabled`,
    });
    expect(await server.state('j1')).toBe('opened');
    await server.request('PUT', '/_mlclose/test/upgrade_mode', {
      op: 'test-control-upgrade-mode',
      body: { enabled: false },
    });
    expect((await server.request('POST', closePath('j1'), { op })).status).toBe(200);
  });

  it('CJ-MATCH-001: an explicit id that does not exist is 404, whatever allow_no_match says', async () => {
    for (const query of ['', '?allow_no_match=true', '?allow_no_match=false']) {
      const response = await server.request('POST', closePath('nope', query), { op });
      expect(errorOf(response)).toEqual({
        status: 404,
        type: 'resource_not_found_exception',
        reason: "No known job with id 'nope'",
      });
    }
  });

  it('CJ-ROUTE-007: an invalid id in the path is a plain 404, not a validation error', async () => {
    const response = await server.request('POST', closePath('UPPER%2Fx'), { op });
    expect(errorOf(response)).toEqual({
      status: 404,
      type: 'resource_not_found_exception',
      reason: "No known job with id 'UPPER/x'",
    });
  });

  it('CJ-ROUTE-008: a bad escape in the path id is a 400 naming the id alone, as the route is found', async () => {
    const badEscape = {
      status: 400,
      type: 'illegal_argument_exception',
      reason: "invalid escape sequence `%zz' at index 1 of: a%zz",
    };
    expect(errorOf(await server.request('POST', closePath('a%zz'), { op }))).toEqual(badEscape);
    // Before the method is checked (not a 405), and before a body's Content-Type is (not a 406).
    expect(errorOf(await server.request('GET', closePath('a%zz')))).toEqual(badEscape);
    const body = { body: '{}', headers: { 'Content-Type': 'text/plain' } };
    expect(errorOf(await server.request('POST', closePath('a%zz'), body))).toEqual(badEscape);
    expect(errorOf(await server.request('POST', closePath('a%2'), { op }))).toEqual({
      status: 400,
      type: 'illegal_argument_exception',
      reason: 'unterminated escape sequence at end of string: a%2',
    });
  });

  it("a job_id in the query is read, and the path's wins over it (no unrecognized parameter, no other job)", async () => {
    const response = await server.request('POST', closePath('nope', '?job_id=j1'), { op });
    expect(errorOf(response)).toEqual({
      status: 404,
      type: 'resource_not_found_exception',
      reason: "No known job with id 'nope'",
    });
  });

  it('CJ-PARAM-001: the unrecognized-parameter message names the decoded path', async () => {
    const response = await server.request('POST', closePath('j%31', '?foo=1'), { op });
    expect(errorOf(response)).toEqual({
      status: 400,
      type: 'illegal_argument_exception',
      reason: 'request [/_ml/anomaly_detectors/j1/_close] contains unrecognized parameter: [foo]',
    });
  });

  it('CJ-MATCH-002: a wildcard without a match and allow_no_match=false is 404', async () => {
    const response = await server.request('POST', closePath('baz*', '?allow_no_match=false'), { op });
    expect(errorOf(response)).toEqual({
      status: 404,
      type: 'resource_not_found_exception',
      reason: "No known job with id 'baz*'",
    });
  });

  it('CJ-MATCH-003: _all with no jobs and allow_no_match=false is 404 naming *', async () => {
    await server.reset();
    for (const expression of ['_all', '*', '%20']) {
      const response = await server.request('POST', closePath(expression, '?allow_no_match=false'), { op });
      expect(errorOf(response)).toEqual({
        status: 404,
        type: 'resource_not_found_exception',
        reason: "No known job with id '*'",
      });
    }
  });

  it('CJ-STATE-004: a single failed job without force is 409', async () => {
    await server.failJob('j1');
    const response = await server.request('POST', closePath('j1'), { op });
    expect(errorOf(response)).toEqual({
      status: 409,
      type: 'status_exception',
      reason: 'cannot close job [j1] because it failed, use force close',
    });
    expect(await server.state('j1')).toBe('failed');
  });

  it('CJ-STATE-005: several expanded jobs (a closed one counts) with one failed is the multi 409', async () => {
    await server.putJob('j2');
    await server.failJob('j1');
    const response = await server.request('POST', closePath('_all'), { op });
    expect(errorOf(response)).toEqual({
      status: 409,
      type: 'status_exception',
      reason: 'one or more jobs have state failed, use force close',
    });
  });

  it('CJ-DATAFEED-003, CJ-DATAFEED-004: a datafeed that refuses to stop gives the 409 wrapper and closes nothing', async () => {
    await server.request('PUT', '/logs', { op: 'indices-create' });
    await server.putDatafeed('df1', 'j1');
    expect(
      (await server.request('POST', '/_ml/datafeeds/df1/_start', { op: 'ml-start-datafeed' })).status,
    ).toBe(200);
    const refused = await server.request('PUT', '/_mlclose/test/datafeeds/df1/_behaviour', {
      op: 'test-control-datafeed-behaviour',
      body: { refuse_stop: true },
    });
    expect(refused.status).toBe(200);
    const response = await server.request('POST', closePath('j1'), { op });
    expect(errorOf(response)).toEqual({
      status: 409,
      type: 'status_exception',
      reason:
        'failed to close jobs as one or more had started datafeeds that could not be stopped: started datafeeds [df1], error stopping them [datafeed [df1] refused to stop]',
    });
    expect(response.json.error.caused_by).toEqual({
      type: 'status_exception',
      reason: 'datafeed [df1] refused to stop',
    });
    expect(response.json.error.root_cause).toEqual([
      { type: 'status_exception', reason: 'datafeed [df1] refused to stop' },
    ]);
    expect(await server.state('j1')).toBe('opened');
    expect(await server.datafeedState('df1')).toBe('started');
  });

  it('CJ-DATAFEED-003: a custom stop_failure_reason is the inner message', async () => {
    await server.request('PUT', '/logs', { op: 'indices-create' });
    await server.putDatafeed('df1', 'j1');
    await server.request('POST', '/_ml/datafeeds/df1/_start', { op: 'ml-start-datafeed' });
    await server.request('PUT', '/_mlclose/test/datafeeds/df1/_behaviour', {
      op: 'test-control-datafeed-behaviour',
      body: { refuse_stop: true, stop_failure_reason: 'search is stuck' },
    });
    const response = await server.request('POST', closePath('j1'), { op });
    expect(response.json.error.reason).toBe(
      'failed to close jobs as one or more had started datafeeds that could not be stopped: started datafeeds [df1], error stopping them [search is stuck]',
    );
  });

  it.each([
    { timeout: '10ms', printed: '10ms' },
    { timeout: '0', printed: '0s' },
    { timeout: '-1', printed: '-1' },
    { timeout: '-1s', printed: '-1' },
  ])(
    'CJ-TIMEOUT-002, CJ-TIMEOUT-003, CJ-TIMEOUT-004: a close held past timeout=$timeout is 500 naming $printed, and the job still closes',
    async ({ timeout, printed }) => {
      await server.behaviour('j1', { hold_close: true });
      const response = await server.request('POST', closePath('j1', `?timeout=${timeout}`), { op });
      expect(errorOf(response)).toEqual({
        status: 500,
        type: 'illegal_state_exception',
        reason: `Timed out when waiting for persistent tasks after ${printed}`,
      });
      expect(response.json.error.caused_by).toBeUndefined();
      expect(await server.state('j1')).toBe('closing');
      await server.release('j1');
      expect(await server.state('j1')).toBe('closed');
    },
  );

  it('CJ-STATE-009: the node failing to close the process is 500 and leaves the job failed', async () => {
    await server.behaviour('j1', { close_failure: true });
    const response = await server.request('POST', closePath('j1'), { op });
    expect(errorOf(response)).toEqual({
      status: 500,
      type: 'status_exception',
      reason: 'Exception closing autodetect process',
    });
    expect(response.json.error.caused_by).toEqual({
      type: 'exception',
      reason: 'Exception closing autodetect process',
    });
    expect(response.json.error.root_cause).toEqual([
      { type: 'exception', reason: 'Exception closing autodetect process' },
    ]);
    expect(await server.state('j1')).toBe('failed');
    expect((await server.request('POST', closePath('j1', '?force=true'), { op })).status).toBe(200);
    expect(await server.state('j1')).toBe('closed');
  });

  it('CJ-STATE-003: an already closed job is a no-op {"closed":true}', async () => {
    expect((await server.request('POST', closePath('j1'), { op })).json).toEqual({ closed: true });
    const again = await server.request('POST', closePath('j1'), { op });
    expect(again.status).toBe(200);
    expect(again.json).toEqual({ closed: true });
  });
});
