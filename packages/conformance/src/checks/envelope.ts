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
    {
      id: 'envelope/root-cause-without-caused-by',
      title: 'root_cause entries never carry caused_by, even when the error has a cause (malformed JSON)',
      requirements: ['CJ-ENV-002', 'CJ-BODY-013'],
      async run(ctx) {
        // ElasticsearchException renders each root cause with its type and reason, never its cause; the malformed
        // JSON error is an x_content_parse_exception caused by Jackson's json_parse_exception (CJ-BODY-011), and
        // it is its own root cause (CJ-BODY-013).
        const response = await ctx.close(ctx.name('j'), { body: '{force:true}' });
        const error = (response.json as { error?: Record<string, unknown> } | undefined)?.error;
        ctx.verify(['CJ-ENV-002'], response.status === 400, 'status 400', 400, response.status);
        // The check means something only if the error has a cause to leak.
        ctx.verify(
          ['CJ-BODY-013'],
          (error?.caused_by as { type?: unknown } | undefined)?.type === 'json_parse_exception',
          'the error has a cause (caused_by json_parse_exception)',
          'json_parse_exception',
          error?.caused_by,
        );
        const roots = error?.root_cause;
        if (
          !ctx.verify(
            ['CJ-ENV-002'],
            Array.isArray(roots) && roots.length > 0,
            'root_cause is a non-empty array',
            'array',
            roots,
          )
        )
          return;
        for (const [i, root] of (roots as Array<Record<string, unknown>>).entries()) {
          ctx.verify(
            ['CJ-ENV-002'],
            typeof root === 'object' && root !== null && !('caused_by' in root),
            `root_cause[${i}] has no caused_by`,
            'no caused_by',
            root,
          );
          ctx.equal(['CJ-BODY-013'], root?.type, 'x_content_parse_exception', `root_cause[${i}].type`);
        }
      },
    },
  ];
}
