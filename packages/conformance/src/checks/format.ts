// format/…: response formatting: pretty, filter_path, error_trace.
import type { CheckDefinition } from '../check.js';
import { header } from '../http.js';
import { accepted, rejected } from './case-factories.js';
import { booleanMessage, jobNotFound } from './messages.js';

export function formatChecks(): CheckDefinition[] {
  return [
    accepted({
      id: 'format/pretty',
      title: '?pretty indents with two spaces and " : " and ends with a newline',
      requirements: ['CJ-FMT-001'],
      state: 'closed',
      request: () => ({ query: 'pretty' }),
      also: (ctx, response) => {
        ctx.equal(['CJ-FMT-001'], response.text, '{\n  "closed" : true\n}\n', 'the pretty body');
      },
    }),
    {
      id: 'format/filter-path',
      title: '?filter_path filters success bodies; a filter matching nothing gives {}',
      requirements: ['CJ-FMT-002'],
      async run(ctx) {
        const fleet = await ctx.fleet([{ name: 'j', state: 'closed' }]);
        const kept = await ctx.close(fleet.ids.j!, { query: 'filter_path=closed' });
        ctx.expectClosed(kept, ['CJ-FMT-002']);
        const empty = await ctx.close(fleet.ids.j!, {
          query: 'filter_path=nothing',
          skipValidation: 'a filtered body is not a CloseJobResponse',
        });
        ctx.verify(['CJ-FMT-002'], empty.status === 200, 'status 200', 200, empty.status);
        ctx.equal(['CJ-FMT-002'], empty.json, {}, 'a filter matching nothing gives {}');
      },
    },
    {
      id: 'format/errors-ignore-filter-path',
      title: 'Error bodies ignore filter_path but honour pretty',
      requirements: ['CJ-FMT-003'],
      async run(ctx) {
        const id = ctx.name('missing');
        const filtered = await ctx.close(id, { query: 'filter_path=closed' });
        ctx.expectError(filtered, jobNotFound(id), ['CJ-FMT-003']);
        const pretty = await ctx.close(id, { query: 'pretty' });
        ctx.expectError(pretty, jobNotFound(id), ['CJ-FMT-003']);
        ctx.verify(
          ['CJ-FMT-003'],
          pretty.text.startsWith('{\n  "error" : {') && pretty.text.endsWith('\n'),
          'the error body is pretty-printed',
          '{\\n  "error" : {...',
          pretty.text.slice(0, 40),
        );
      },
    },
    {
      id: 'format/error-trace',
      title: '?error_trace=true adds stack_trace to error bodies',
      requirements: ['CJ-FMT-004'],
      async run(ctx) {
        const id = ctx.name('missing');
        const response = await ctx.close(id, { query: 'error_trace=true' });
        ctx.expectError(response, jobNotFound(id), ['CJ-FMT-004']);
        const error = (response.json as { error?: { stack_trace?: unknown } }).error;
        ctx.verify(
          ['CJ-FMT-004'],
          typeof error?.stack_trace === 'string',
          'error.stack_trace is a string',
          'string',
          error?.stack_trace,
        );
        const plain = await ctx.close(id);
        ctx.verify(
          ['CJ-FMT-004'],
          !('stack_trace' in ((plain.json as { error?: object }).error ?? {})),
          'no stack_trace by default',
        );
      },
    },
    rejected({
      id: 'format/error-trace-unparsable',
      title: 'An unparsable error_trace is 400 in the simple format',
      requirements: ['CJ-FMT-005', 'CJ-ENV-004'],
      request: () => ({ query: 'error_trace=maybe' }),
      expected: () => ({ status: 400, simple: booleanMessage('maybe') }),
    }),
    {
      id: 'format/accept-charset-echo',
      title: 'An Accept charset parameter is echoed in the response Content-Type',
      requirements: ['CJ-RESP-002'],
      async run(ctx) {
        const fleet = await ctx.fleet([{ name: 'j', state: 'closed' }]);
        const response = await ctx.close(fleet.ids.j!, {
          headers: { Accept: 'application/json; charset=utf-8' },
          skipHeaderChecks: true,
        });
        ctx.expectClosed(response, ['CJ-RESP-002']);
        ctx.verify(
          ['CJ-RESP-002'],
          /^application\/json;\s?charset=utf-8$/i.test(header(response, 'content-type') ?? ''),
          'Content-Type echoes the charset',
          'application/json;charset=utf-8',
          header(response, 'content-type'),
        );
      },
    },
  ];
}
