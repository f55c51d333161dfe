// route/…: the close route and its methods (405 with Allow, OPTIONS, HEAD, unknown paths), and the percent-decoded
// job id (a bad escape in it failing as the route is found).
import type { CheckDefinition } from '../check.js';
import { header } from '../http.js';
import { slug } from './case-factories.js';
import { closePath, ILLEGAL_ARGUMENT, jobNotFound } from './messages.js';

export function routeChecks(): CheckDefinition[] {
  const checks: CheckDefinition[] = [];
  for (const method of ['GET', 'PUT', 'DELETE', 'PATCH']) {
    for (const query of ['', 'force=true']) {
      checks.push({
        id: `route/wrong-method/${method}${query ? '/with-query' : ''}`,
        title: `${method} on the close route is 405 naming the uri${query ? ' with its query string' : ''}, with Allow: POST`,
        requirements: ['CJ-ROUTE-002', 'CJ-ROUTE-003', 'CJ-ENV-004'],
        async run(ctx) {
          const fleet = await ctx.fleet([{ name: 'j', state: 'opened' }]);
          const id = fleet.ids.j!;
          const response = await ctx.close(id, { method, ...(query ? { query } : {}) });
          ctx.expectError(
            response,
            {
              status: 405,
              simple: `Incorrect HTTP method for uri [${closePath(id)}${query ? `?${query}` : ''}] and method [${method}], allowed: [POST]`,
            },
            ['CJ-ROUTE-002'],
          );
          ctx.verify(
            ['CJ-ROUTE-003'],
            header(response, 'allow') === 'POST',
            'Allow: POST',
            'POST',
            header(response, 'allow'),
          );
          await ctx.expectStates(new Map([[id, 'opened']]), ['CJ-ROUTE-002'], 'after the 405');
        },
      });
    }
  }
  checks.push(
    {
      id: 'route/options',
      title: 'OPTIONS on the close route is 200 with an empty body and Allow: POST',
      requirements: ['CJ-ROUTE-005'],
      async run(ctx) {
        const id = ctx.name('j');
        const response = await ctx.close(id, { method: 'OPTIONS' });
        ctx.verify(['CJ-ROUTE-005'], response.status === 200, 'status 200', 200, response.status);
        ctx.verify(['CJ-ROUTE-005'], response.text === '', 'empty body', '', response.text);
        ctx.verify(
          ['CJ-ROUTE-005'],
          header(response, 'allow') === 'POST',
          'Allow: POST',
          'POST',
          header(response, 'allow'),
        );
      },
    },
    {
      id: 'route/head',
      title: 'HEAD on the close route is 405 with no body',
      requirements: ['CJ-ROUTE-006'],
      async run(ctx) {
        const response = await ctx.close(ctx.name('j'), { method: 'HEAD', skipHeaderChecks: true });
        ctx.verify(['CJ-ROUTE-006'], response.status === 405, 'status 405', 405, response.status);
        ctx.verify(['CJ-ROUTE-006'], response.text === '', 'no body', '', response.text);
      },
    },
    {
      id: 'route/unknown-path',
      title: 'An unknown path is 400 "no handler found" in the simple format without status',
      requirements: ['CJ-ROUTE-004', 'CJ-ROUTE-001'],
      async run(ctx) {
        const id = ctx.name('j');
        const path = `/_ml/anomaly_detectors/${id}/_closed`;
        const response = await ctx.send({ method: 'POST', path }, { schema: 'SimpleErrorResponse' }, [
          'CJ-ROUTE-004',
        ]);
        ctx.expectError(
          response,
          {
            status: 400,
            simple: `no handler found for uri [${path}] and method [POST]`,
            simpleHasStatus: false,
          },
          ['CJ-ROUTE-004'],
        );
      },
    },
    {
      id: 'route/percent-decoded',
      title: 'The path job_id is percent-decoded before it is used (an encoded letter, an encoded comma)',
      requirements: ['CJ-ROUTE-007', 'CJ-EXPAND-001'],
      async run(ctx) {
        const fleet = await ctx.fleet([
          { name: 'a', state: 'opened' },
          { name: 'b', state: 'opened' },
          { name: 'c', state: 'opened' },
        ]);
        const a = fleet.ids.a!;
        const encodedA = [...a]
          .map((c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)
          .join('');
        ctx.expectClosed(await ctx.close(encodedA, { encode: false }), ['CJ-ROUTE-007']);
        ctx.expectClosed(await ctx.close(`${fleet.ids.b}%2C${fleet.ids.c}`, { encode: false }), [
          'CJ-ROUTE-007',
          'CJ-EXPAND-001',
        ]);
        await ctx.expectStates(
          new Map([
            [a, 'closed'],
            [fleet.ids.b!, 'closed'],
            [fleet.ids.c!, 'closed'],
          ]),
          ['CJ-ROUTE-007'],
          'after closing encoded ids',
        );
      },
    },
    ...['POST', 'GET'].map(
      (method): CheckDefinition => ({
        id: `route/bad-escape/${method}`,
        title: `A bad escape in the path id is 400 naming the id alone${method === 'POST' ? '' : ', before the method is checked'}`,
        requirements: ['CJ-ROUTE-008'],
        async run(ctx) {
          const raw = `${ctx.name('a')}%zz`;
          const response = await ctx.close(raw, { method, encode: false });
          ctx.expectError(
            response,
            {
              status: 400,
              type: ILLEGAL_ARGUMENT,
              reason: `invalid escape sequence \`%zz' at index ${raw.length - 3} of: ${raw}`,
              causedBy: null,
            },
            ['CJ-ROUTE-008'],
          );
        },
      }),
    ),
    ...['UPPER', 'a/b', 'a b', '-x'].map(
      (local): CheckDefinition => ({
        id: `route/not-validated/${slug(local)}`,
        title: `An impossible job id (${local}) is a plain 404, not a validation error`,
        requirements: ['CJ-ROUTE-007', 'CJ-MATCH-001'],
        async run(ctx) {
          const id = ctx.name(local);
          const response = await ctx.close(id);
          ctx.expectError(response, jobNotFound(id), ['CJ-ROUTE-007', 'CJ-MATCH-001']);
        },
      }),
    ),
  );
  return checks;
}
