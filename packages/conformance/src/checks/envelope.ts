// envelope/…: the error envelope of an error with a cause.
import type { CheckDefinition } from '../check.js';
import { ILLEGAL_ARGUMENT as illegal } from './messages.js';

export function envelopeChecks(): CheckDefinition[] {
  return [
    {
      id: 'envelope/root-cause-of-a-caused-error',
      title:
        'An error with a cause keeps caused_by at the top level only: root_cause entries are type and reason',
      requirements: ['CJ-ENV-002', 'CJ-ENV-003'],
      async run(ctx) {
        const id = ctx.name('j');
        // CJ-ENV-002 (ElasticsearchException.guessRootCauses): root_cause is the inner-most Elasticsearch exception;
        // for a plain Java exception it is the exception itself, and for a body-parse error the
        // x_content_parse_exception (CJ-BODY-004).
        const cases = [
          { options: { query: 'timeout=1.5s' }, root: illegal, cause: 'number_format_exception' },
          { options: { body: '{"force":"yes"}' }, root: 'x_content_parse_exception', cause: illegal },
        ];
        for (const { options, root, cause } of cases) {
          const response = await ctx.close(id, options);
          const error = (response.json as { error?: Record<string, unknown> } | undefined)?.error;
          ctx.verify(['CJ-ENV-002'], response.status === 400, 'status 400', 400, response.status);
          const roots = error?.root_cause;
          if (
            !ctx.verify(
              ['CJ-ENV-002'],
              Array.isArray(roots) && roots.length === 1,
              'root_cause has one entry',
              1,
              roots,
            )
          )
            continue;
          const [first] = roots as Array<Record<string, unknown>>;
          ctx.equal(
            ['CJ-ENV-002'],
            Object.keys(first!).sort(),
            ['reason', 'type'],
            'the root_cause entry carries type and reason only',
          );
          ctx.equal(['CJ-ENV-002'], first!.type, root, 'root_cause[0].type');
          ctx.equal(
            ['CJ-ENV-003'],
            (error?.caused_by as { type?: unknown } | undefined)?.type,
            cause,
            'the cause is at the top level, in caused_by',
          );
        }
      },
    },
  ];
}
