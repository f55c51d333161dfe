// response/…: the headers and the envelope of every kind of answer.
import type { CheckDefinition } from '../check.js';
import { header } from '../http.js';

export function responseChecks(): CheckDefinition[] {
  return [
    {
      id: 'response/headers-and-envelopes',
      title:
        'Every answer (200, 404, 405, 406) has Content-Type application/json, X-elastic-product, and the right envelope',
      requirements: ['CJ-RESP-001', 'CJ-RESP-002', 'CJ-RESP-003', 'CJ-ENV-001', 'CJ-ENV-002', 'CJ-ENV-004'],
      async run(ctx) {
        const fleet = await ctx.fleet([{ name: 'j', state: 'closed' }]);
        const id = fleet.ids.j!;
        const answers = [
          await ctx.close(id),
          await ctx.close(ctx.name('missing')),
          await ctx.close(id, { method: 'GET' }),
          await ctx.close(id, { body: '{}', contentType: null }),
        ];
        for (const response of answers) {
          ctx.verify(
            ['CJ-RESP-002'],
            header(response, 'content-type') === 'application/json',
            `${response.status}: Content-Type application/json`,
            'application/json',
            header(response, 'content-type'),
          );
          ctx.verify(
            ['CJ-RESP-003'],
            header(response, 'x-elastic-product') === 'Elasticsearch',
            `${response.status}: X-elastic-product`,
            'Elasticsearch',
            header(response, 'x-elastic-product'),
          );
        }
        ctx.equal(
          ['CJ-RESP-001'],
          answers[0]!.text,
          '{"closed":true}',
          'the 200 body is exactly {"closed":true}',
        );
        const detailed = answers[1]!.json as {
          error?: { root_cause?: Array<Record<string, unknown>> };
          status?: unknown;
        };
        ctx.verify(
          ['CJ-ENV-001'],
          detailed.status === 404,
          'the detailed envelope carries status 404',
          404,
          detailed.status,
        );
        for (const root of detailed.error?.root_cause ?? []) {
          ctx.verify(
            ['CJ-ENV-002'],
            typeof root.type === 'string' && typeof root.reason === 'string' && !('caused_by' in root),
            'root_cause entries carry type and reason, never caused_by',
            undefined,
            root,
          );
        }
        ctx.verify(
          ['CJ-ENV-002'],
          (detailed.error?.root_cause ?? []).length >= 1,
          'root_cause has at least one entry',
        );
        for (const simple of [answers[2]!, answers[3]!]) {
          const body = simple.json as { error?: unknown; status?: unknown };
          ctx.verify(
            ['CJ-ENV-004'],
            typeof body.error === 'string' && body.status === simple.status,
            `${simple.status}: the simple envelope {"error":"...","status":${simple.status}}`,
            undefined,
            body,
          );
        }
      },
    },
  ];
}
