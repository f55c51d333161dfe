// content-type/…: the Content-Type of a request with a body.
import type { CheckDefinition } from '../check.js';
import { header } from '../http.js';
import { accepted, rejected, slug } from './case-factories.js';

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
    // RestRequest.parseContentType refuses a value that is not type/subtype (IllegalArgumentException); the
    // transport wraps it in RestRequest.MediaTypeHeaderException and dispatches the request as a bad request.
    rejected({
      id: 'content-type/malformed',
      title: 'A body with a malformed Content-Type is 400 media_type_header_exception',
      requirements: ['CJ-CT-005'],
      request: () => ({ body: '{}', contentType: 'json' }),
      expected: () => ({
        status: 400,
        type: 'media_type_header_exception',
        reason: 'Invalid media-type value on headers [Content-Type]',
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
      requirements: ['CJ-CT-003'],
      request: () => ({
        body: {},
        contentType: 'application/vnd.elasticsearch+json;compatible-with=8',
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
