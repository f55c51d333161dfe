// content-type/…: the Content-Type of a request with a body, and the Accept and Content-Type media types every
// request is parsed for before routing.
import type { RequirementId } from '@mlclose/schema';
import type { CheckDefinition, CloseOptions } from '../check.js';
import { header } from '../http.js';
import { accepted, rejected, slug } from './case-factories.js';
import { headerError, MEDIA_TYPE_HEADER } from './messages.js';

/** Requests whose Accept or Content-Type fails to parse: the header error names `header`, and `cause` is its reason. */
const HEADER_ERRORS: ReadonlyArray<{
  id: string;
  title: string;
  requirement: RequirementId;
  request: CloseOptions;
  header: Parameters<typeof headerError>[0];
  cause: string;
}> = [
  {
    id: 'malformed',
    title: 'A body with a malformed Content-Type is 400 media_type_header_exception',
    requirement: 'CJ-CT-005',
    request: { body: '{}', contentType: 'json' },
    header: 'Content-Type',
    cause: 'invalid media-type [json]',
  },
  {
    id: 'malformed-without-body',
    title: 'A malformed Content-Type without a body is 400 media_type_header_exception too',
    requirement: 'CJ-CT-005',
    request: { contentType: 'application/json/x' },
    header: 'Content-Type',
    cause: 'invalid media-type [application/json/x]',
  },
  {
    id: 'malformed-parameters',
    title: 'A Content-Type parameter without a value is 400 media_type_header_exception',
    requirement: 'CJ-CT-005',
    request: { contentType: 'application/json; charset' },
    header: 'Content-Type',
    cause: 'invalid parameters for header [application/json; charset]',
  },
  {
    id: 'blank',
    title: 'A blank Content-Type is 400 media_type_header_exception "cannot be empty"',
    requirement: 'CJ-CT-005',
    request: { headers: { 'Content-Type': '' } },
    header: 'Content-Type',
    cause: 'Header [Content-Type] cannot be empty.',
  },
  {
    id: 'malformed-accept',
    title: 'A malformed Accept is 400 media_type_header_exception naming Accept',
    requirement: 'CJ-CT-006',
    request: { headers: { Accept: 'nonsense' } },
    header: 'Accept',
    cause: 'invalid media-type [nonsense]',
  },
  {
    id: 'malformed-accept-and-content-type',
    title: 'Accept is parsed first: with both malformed, the Accept error is answered',
    requirement: 'CJ-CT-006',
    request: { headers: { Accept: 'a/b/c' }, contentType: 'json' },
    header: 'Accept',
    cause: 'invalid media-type [a/b/c]',
  },
];

export function contentTypeChecks(): CheckDefinition[] {
  const checks: CheckDefinition[] = [
    rejected({
      id: 'content-type/missing',
      title: 'A body without Content-Type is 406 "Content-Type header is missing"',
      requirements: ['CJ-CT-001', 'CJ-ENV-004'],
      request: () => ({ body: '{}', contentType: null }),
      expected: () => ({ status: 406, simple: 'Content-Type header is missing' }),
    }),
  ];
  for (const type of [
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data',
    'application/xml',
  ]) {
    checks.push(
      rejected({
        id: `content-type/unsupported/${slug(type)}`,
        title: `A body with Content-Type ${type} is 406`,
        requirements: ['CJ-CT-002', 'CJ-ENV-004'],
        request: () => ({ body: '{}', contentType: type }),
        expected: () => ({ status: 406, simple: `Content-Type header [${type}] is not supported` }),
      }),
    );
  }
  checks.push(
    // RestRequest's constructor parses Accept then Content-Type (ParsedMediaType.parseMediaType) for every request;
    // an IllegalArgumentException becomes RestRequest.MediaTypeHeaderException and the transport dispatches the
    // request as a bad request, before routing.
    ...HEADER_ERRORS.map(({ id, title, requirement, request, header: name, cause }) =>
      rejected({
        id: `content-type/${id}`,
        title,
        requirements: [requirement],
        request: () => request,
        expected: () => headerError(name, cause),
      }),
    ),
    {
      id: 'content-type/malformed-on-unknown-path',
      title: 'A malformed Content-Type on an unknown path is the media type error, not "no handler found"',
      requirements: ['CJ-CT-005', 'CJ-ROUTE-004'],
      async run(ctx) {
        const path = `/_ml/anomaly_detectors/${ctx.name('j')}/_closed`;
        const response = await ctx.send(
          { method: 'POST', path, headers: { 'Content-Type': 'json' } },
          { none: 'an unknown path has no operation in the spec' },
          ['CJ-CT-005'],
        );
        ctx.expectError(response, headerError('Content-Type', 'invalid media-type [json]'), ['CJ-CT-005']);
      },
    },
    // RestCompatibleVersionHelper: a compatible-with version no release supports (1) fails whatever the target's
    // major; the MediaTypeHeaderException names both headers, in an order Java's Set.of does not fix.
    rejected({
      id: 'content-type/unsupported-compatible-version',
      title: 'An Accept compatible-with version that is not supported is 400 naming both headers',
      requirements: ['CJ-CT-007'],
      request: () => ({ headers: { Accept: 'application/vnd.elasticsearch+json; compatible-with=1' } }),
      expected: () => ({
        status: 400,
        type: MEDIA_TYPE_HEADER,
        reason: /^Invalid media-type value on headers \[(?:Accept, Content-Type|Content-Type, Accept)\]$/,
        causedBy: {
          type: 'status_exception',
          reason:
            /^Accept version must be either version \d+ or \d+, but found 1\. Accept=application\/vnd\.elasticsearch\+json; compatible-with=1$/,
        },
        rootCauseType: MEDIA_TYPE_HEADER,
      }),
    }),
    accepted({
      id: 'content-type/json-charset',
      title: 'application/json with a charset is accepted',
      requirements: ['CJ-CT-003'],
      // Whether the response echoes the request charset is not specified; only the media type is asserted.
      request: () => ({ body: {}, contentType: 'application/json; charset=UTF-8', skipHeaderChecks: true }),
      also: (ctx, response) => {
        ctx.verify(
          ['CJ-RESP-002'],
          /^application\/json\b/.test(header(response, 'content-type') ?? ''),
          'Content-Type is application/json',
          'application/json',
          header(response, 'content-type'),
        );
      },
    }),
    accepted({
      id: 'content-type/vendor',
      title: 'application/vnd.elasticsearch+json;compatible-with=8 is accepted',
      requirements: ['CJ-CT-003', 'CJ-CT-007'],
      // With a body, RestCompatibleVersionHelper wants the same compatible-with on Accept.
      request: () => ({
        body: {},
        contentType: 'application/vnd.elasticsearch+json;compatible-with=8',
        headers: { Accept: 'application/vnd.elasticsearch+json;compatible-with=8' },
        skipHeaderChecks: true,
      }),
    }),
    accepted({
      id: 'content-type/ignored-without-body',
      title: 'Without a body the Content-Type is not checked',
      requirements: ['CJ-CT-004'],
      request: () => ({ contentType: 'text/plain' }),
    }),
  );
  return checks;
}
