// mode/…: query mode vs body mode: where allow_no_match, force and timeout come from, and what counts as a body.
import type { CheckDefinition } from '../check.js';
import { rejected } from './case-factories.js';
import {
  booleanMessage,
  closePath,
  ILLEGAL_ARGUMENT as illegal,
  jobNotFound,
  unitMissingMessage,
} from './messages.js';

export function modeChecks(): CheckDefinition[] {
  return [
    {
      id: 'mode/query-read',
      title: 'Without a body allow_no_match, force and timeout come from the query string',
      requirements: ['CJ-MODE-001'],
      async run(ctx) {
        const none = ctx.name('none*');
        ctx.expectError(await ctx.close(none, { query: 'allow_no_match=false' }), jobNotFound(none), [
          'CJ-MODE-001',
        ]);
        ctx.expectError(
          await ctx.close(none, { query: 'timeout=abc' }),
          { status: 400, reason: unitMissingMessage('abc') },
          ['CJ-MODE-001'],
        );
        ctx.expectError(
          await ctx.close(none, { query: 'force=nope' }),
          { status: 400, reason: booleanMessage('nope') },
          ['CJ-MODE-001'],
        );
      },
    },
    ...(['force=true', 'allow_no_match=true', 'timeout=1m'] as const).map((query) =>
      rejected({
        id: `mode/body-and-query/${query.split('=')[0]}`,
        title: `A body together with ?${query} is 400 "contains unrecognized parameter" without a suggestion`,
        requirements: ['CJ-MODE-002', 'CJ-PARAM-001'],
        request: () => ({ query, body: {} }),
        expected: (id) => ({
          status: 400,
          type: illegal,
          reason: `request [${closePath(id)}] contains unrecognized parameter: [${query.split('=')[0]}]`,
          causedBy: null,
        }),
        attribute: ['CJ-MODE-002'],
      }),
    ),
    rejected({
      id: 'mode/body-and-query/plural',
      title: 'A body with ?timeout=1m&force=true lists both, sorted: [force], [timeout]',
      requirements: ['CJ-MODE-003', 'CJ-MODE-002'],
      request: () => ({ query: 'timeout=1m&force=true', body: { force: true } }),
      expected: (id) => ({
        status: 400,
        type: illegal,
        reason: `request [${closePath(id)}] contains unrecognized parameters: [force], [timeout]`,
      }),
      attribute: ['CJ-MODE-003'],
    }),
    {
      id: 'mode/zero-length-body',
      title: 'A zero-length body counts as no body: query mode applies, no Content-Type needed',
      requirements: ['CJ-MODE-004', 'CJ-CT-004'],
      async run(ctx) {
        const none = ctx.name('none*');
        const response = await ctx.close(none, {
          query: 'allow_no_match=false',
          body: '',
          contentType: null,
        });
        ctx.expectError(response, jobNotFound(none), ['CJ-MODE-004']);
        const fleet = await ctx.fleet([{ name: 'j', state: 'opened' }]);
        ctx.expectClosed(
          await ctx.close(fleet.ids.j!, { query: 'force=true', body: '', contentType: null }),
          ['CJ-MODE-004', 'CJ-CT-004'],
        );
      },
    },
    rejected({
      id: 'mode/source-without-body',
      title: '?source={} alone is 400 parse_exception "request body is required"',
      requirements: ['CJ-MODE-005'],
      request: () => ({ query: 'source=%7B%7D' }),
      expected: () => ({ status: 400, type: 'parse_exception', reason: 'request body is required' }),
    }),
    rejected({
      id: 'mode/source-with-body',
      title: '?source with a real body is 400 "contains unrecognized parameter: [source]"',
      requirements: ['CJ-MODE-006'],
      request: () => ({ query: 'source=%7B%7D', body: {} }),
      expected: (id) => ({
        status: 400,
        type: illegal,
        reason: `request [${closePath(id)}] contains unrecognized parameter: [source]`,
      }),
    }),
    rejected({
      id: 'mode/whitespace-body',
      title: 'A whitespace-only body is a body: body mode applies and parsing fails with 400',
      requirements: ['CJ-MODE-007'],
      request: () => ({ body: '   ' }),
      expected: () => ({ status: 400 }),
    }),
  ];
}
