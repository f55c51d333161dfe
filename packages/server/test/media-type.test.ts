// The Accept and Content-Type media types, parsed when the request is built, before routing and whether or not
// there is a body (CJ-CT-005, CJ-CT-006, CJ-CT-007), and the response Content-Type of a request whose header was
// dropped (CJ-RESP-002).
import { describe, expect, it } from 'vitest';
import { useTestServer } from './use-test-server.js';
import { compatibleVersionFailure, parseMediaType, parseMediaTypeHeader } from '../src/rules/media-type.js';
import { closePath, type DriverResponse, errorOf } from '../src/testing.js';
import { rawRequest } from './raw-request.js';

describe('parseMediaTypeHeader (CJ-CT-005, CJ-CT-006)', () => {
  it.each([
    { given: [], want: null },
    { given: ['application/json'], want: 'application/json' },
    { given: ['Application/JSON ; Charset=UTF-8'], want: 'application/json;charset=utf-8' },
    { given: ['application/json;'], want: 'application/json' },
    { given: ['application/json/'], want: 'application/json' },
    { given: ['text/plain'], want: 'text/plain' },
    { given: ['*/*'], want: null },
    { given: ['application/json, text/plain'], want: null },
    { given: ['a/b; k="v"'], want: 'a/b;k="v"' },
    { given: ['json'], want: 'invalid media-type [json]' },
    { given: ['application/'], want: 'invalid media-type [application/]' },
    { given: ['/json'], want: 'invalid media-type [/json]' },
    { given: ['a/b/c'], want: 'invalid media-type [a/b/c]' },
    { given: ['a(b)/c'], want: 'invalid media-type [a(b)/c]' },
    { given: ['*/json'], want: '*/json' },
    { given: [';'], want: 'invalid media-type [;]' },
    { given: ['a/b; k'], want: 'invalid parameters for header [a/b; k]' },
    { given: ['a/b; k =v'], want: 'invalid parameters for header [a/b; k =v]' },
    { given: ['a/b; k= v'], want: 'invalid parameters for header [a/b; k= v]' },
    { given: ['a/b; =v'], want: 'invalid parameters for header [a/b; =v]' },
    { given: ['a/b; k=v=w'], want: 'invalid parameters for header [a/b; k=v=w]' },
    { given: [''], want: 'Header [Content-Type] cannot be empty.' },
    { given: [' \t'], want: 'Header [Content-Type] cannot be empty.' },
    { given: ['\u3000\u2028'], want: 'Header [Content-Type] cannot be empty.' },
    // A no-break space is not Java whitespace: the value has text, and it is not a media type.
    { given: ['\u00a0'], want: 'invalid media-type [\u00a0]' },
    { given: ['a/b', 'a/b'], want: 'Incorrect header [Content-Type]. Only one value should be provided' },
  ])('$given → $want', ({ given, want }) => {
    const parsed = parseMediaTypeHeader('Content-Type', given);
    const got = !parsed.ok
      ? parsed.reason
      : parsed.mediaType === null
        ? null
        : [
            `${parsed.mediaType.type}/${parsed.mediaType.subtype}`,
            ...Object.entries(parsed.mediaType.params).map(([k, v]) => `${k}=${v}`),
          ].join(';');
    expect(got).toBe(want);
  });
});

describe('compatibleVersionFailure (CJ-CT-007)', () => {
  const media = (value: string) => {
    const parsed = parseMediaType(value);
    if (!parsed.ok) throw new Error(parsed.reason);
    return parsed.mediaType;
  };
  const v = (n: string) => media(`application/vnd.elasticsearch+json; compatible-with=${n}`);
  const json = media('application/json');
  it.each([
    { accept: null, contentType: null, body: true, want: undefined },
    { accept: v('9'), contentType: null, body: false, want: undefined },
    { accept: v('8'), contentType: v('8'), body: true, want: undefined },
    { accept: v('\u0668'), contentType: null, body: false, want: undefined },
    {
      accept: v('7'),
      contentType: null,
      body: false,
      want: 'status_exception: Accept version must be either version 9 or 8, but found 7. Accept=application/vnd.elasticsearch+json; compatible-with=7',
    },
    {
      accept: null,
      contentType: v('10'),
      body: true,
      want: 'status_exception: Content-Type version must be either version 9 or 8, but found 10. Content-Type=application/vnd.elasticsearch+json; compatible-with=10',
    },
    // Without a body the Content-Type version is not looked at.
    { accept: null, contentType: v('10'), body: false, want: undefined },
    {
      accept: null,
      contentType: v('8'),
      body: true,
      want: 'status_exception: A compatible version is required on both Content-Type and Accept headers if either one has requested a compatible version and the compatible versions must match. Accept=null, Content-Type=application/vnd.elasticsearch+json; compatible-with=8',
    },
    {
      accept: v('9'),
      contentType: json,
      body: true,
      want: 'status_exception: A compatible version is required on both Content-Type and Accept headers if either one has requested a compatible version. Accept=application/vnd.elasticsearch+json; compatible-with=9, Content-Type=application/json',
    },
    {
      accept: v('x'),
      contentType: null,
      body: false,
      want: 'number_format_exception: For input string: "x"',
    },
    {
      accept: v('300'),
      contentType: null,
      body: false,
      want: 'number_format_exception: Value out of range. Value:"300" Radix:10',
    },
  ])(
    'Accept $accept.raw, Content-Type $contentType.raw, body $body',
    ({ accept, contentType, body, want }) => {
      const failure = compatibleVersionFailure(accept, contentType, body);
      expect(failure && `${failure.type}: ${failure.reason}`).toBe(want);
    },
  );
});

describe('the media-type headers over HTTP (CJ-CT-005, CJ-CT-006, CJ-CT-007, CJ-RESP-002)', () => {
  const op = 'ml-close-job';
  const server = useTestServer(async (started) => {
    await started.putJob('j1');
    await started.openJob('j1');
  });

  // The whole `error` object of a detailed envelope.
  const fullError = (response: DriverResponse): Record<string, unknown> =>
    (response.json as { error: Record<string, unknown> }).error;
  const headerError = (name: string, reason: string) => ({
    root_cause: [
      { type: 'media_type_header_exception', reason: `Invalid media-type value on headers [${name}]` },
    ],
    type: 'media_type_header_exception',
    reason: `Invalid media-type value on headers [${name}]`,
    caused_by: { type: 'illegal_argument_exception', reason },
  });

  it('a malformed Content-Type without a body is 400, and the job stays opened', async () => {
    const response = await server.request('POST', closePath('j1'), {
      op,
      headers: { 'Content-Type': 'json' },
    });
    expect(response.status).toBe(400);
    expect(response.json).toEqual({
      error: headerError('Content-Type', 'invalid media-type [json]'),
      status: 400,
    });
    expect(response.headers.get('content-type')).toBe('application/json');
    const states = await server.request('GET', '/_ml/anomaly_detectors/j1/_stats');
    expect((states.json as { jobs: Array<{ state: string }> }).jobs[0]!.state).toBe('opened');
  });

  it('a malformed Content-Type on an unknown path is the header error, not "no handler found"', async () => {
    const response = await server.request('GET', '/_no_such_api', { headers: { 'Content-Type': 'a/b/c' } });
    expect(response.status).toBe(400);
    expect(fullError(response)).toEqual(headerError('Content-Type', 'invalid media-type [a/b/c]'));
  });

  it('a malformed Content-Type with a body is the header error, before the 406', async () => {
    const response = await server.request('POST', closePath('j1'), {
      op,
      body: '{}',
      headers: { 'Content-Type': 'application/json; charset' },
    });
    expect(fullError(response)).toEqual(
      headerError('Content-Type', 'invalid parameters for header [application/json; charset]'),
    );
  });

  it('a well-formed unsupported Content-Type stays a 406 with a body and is ignored without one', async () => {
    const withBody = await server.request('POST', closePath('j1'), {
      op,
      body: '{}',
      headers: { 'Content-Type': 'application/xml' },
    });
    expect(withBody.status).toBe(406);
    expect(withBody.json).toEqual({
      error: 'Content-Type header [application/xml] is not supported',
      status: 406,
    });
    const without = await server.request('POST', closePath('j1'), {
      op,
      headers: { 'Content-Type': 'application/xml' },
    });
    expect(without.status).toBe(200);
  });

  it('a blank Content-Type is 400 "cannot be empty"', async () => {
    const response = await rawRequest(server.url, 'POST', closePath('j1'), undefined, { 'Content-Type': '' });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.text).error).toEqual(
      headerError('Content-Type', 'Header [Content-Type] cannot be empty.'),
    );
  });

  it('a repeated Content-Type is 400 "Only one value should be provided"', async () => {
    const response = await rawRequest(server.url, 'POST', closePath('j1'), undefined, {
      'Content-Type': ['application/json', 'application/json'],
    });
    expect(JSON.parse(response.text).error.caused_by).toEqual({
      type: 'illegal_argument_exception',
      reason: 'Incorrect header [Content-Type]. Only one value should be provided',
    });
  });

  it('a malformed Accept is 400 naming Accept; the response type then follows the Content-Type', async () => {
    const response = await server.request('POST', closePath('j1'), {
      op,
      body: '{}',
      headers: { Accept: 'nonsense', 'Content-Type': 'application/json; charset=utf-8' },
    });
    expect(fullError(response)).toEqual(headerError('Accept', 'invalid media-type [nonsense]'));
    expect(response.headers.get('content-type')).toBe('application/json;charset=utf-8');
  });

  it('a malformed Content-Type is dropped: the response type follows the Accept', async () => {
    const response = await server.request('POST', closePath('j1'), {
      headers: { Accept: 'application/json; charset=utf-8', 'Content-Type': 'nonsense' },
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/json;charset=utf-8');
  });

  it('Accept fails before Content-Type: the Accept error is the one answered', async () => {
    const response = await server.request('POST', closePath('j1'), {
      headers: { Accept: 'x', 'Content-Type': 'y' },
    });
    expect(errorOf(response).reason).toBe('Invalid media-type value on headers [Accept]');
  });

  it('a bad query string wins over a malformed header (it is decoded first)', async () => {
    const response = await server.request('POST', closePath('j1', '?force=%zz'), {
      headers: { 'Content-Type': 'json' },
    });
    expect(response.status).toBe(400);
    expect(errorOf(response).type).toBe('illegal_argument_exception');
    expect(errorOf(response).reason).toContain('invalid escape sequence');
  });

  it('the header error honours error_trace and pretty', async () => {
    const response = await server.request('POST', closePath('j1', '?error_trace=true&pretty'), {
      headers: { 'Content-Type': 'json' },
    });
    expect(response.text.startsWith('{\n  "error" : {')).toBe(true);
    const error = fullError(response);
    expect(error.stack_trace).toContain('org.elasticsearch.rest.RestRequest$MediaTypeHeaderException');
    expect((error.caused_by as { stack_trace?: string }).stack_trace).toContain(
      'java.lang.IllegalArgumentException: invalid media-type [json]',
    );
  });

  it('a channel parameter that fails to parse is dropped for the header error: compact, no trace', async () => {
    for (const query of ['?error_trace=maybe&pretty', '?pretty=maybe&error_trace=true']) {
      const response = await server.request('POST', closePath('j1', query), {
        headers: { 'Content-Type': 'json' },
      });
      expect(response.status, query).toBe(400);
      expect(response.text.startsWith('{"error":{'), query).toBe(true);
      const error = fullError(response);
      expect(error.type, query).toBe('media_type_header_exception');
      expect(error.stack_trace, query).toBeUndefined();
    }
  });

  it('an unsupported compatible-with version names both headers, caused by a status_exception', async () => {
    const response = await server.request('POST', closePath('j1'), {
      headers: { Accept: 'application/vnd.elasticsearch+json; compatible-with=7' },
    });
    expect(response.status).toBe(400);
    expect(fullError(response)).toEqual({
      root_cause: [
        {
          type: 'media_type_header_exception',
          reason: 'Invalid media-type value on headers [Accept, Content-Type]',
        },
      ],
      type: 'media_type_header_exception',
      reason: 'Invalid media-type value on headers [Accept, Content-Type]',
      caused_by: {
        type: 'status_exception',
        reason:
          'Accept version must be either version 9 or 8, but found 7. Accept=application/vnd.elasticsearch+json; compatible-with=7',
      },
    });
    expect(response.headers.get('content-type')).toBe('application/json');
  });

  it('matching compatible-with versions on Accept and Content-Type are accepted', async () => {
    const vendor = 'application/vnd.elasticsearch+json; compatible-with=8';
    const response = await server.request('POST', closePath('j1'), {
      op,
      body: '{}',
      headers: { Accept: vendor, 'Content-Type': vendor },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.elasticsearch+json;compatible-with=8');
  });
});
