// Security (CJ-SEC-*): run only when the user gives credentials; the 403 checks also need
// credentials without manage_ml.
import type { CheckDefinition } from '../check.js';
import { header } from '../http.js';
import { ACTION, closePath, escapeRegExp } from './messages.js';

const PRIVILEGES = 'this action is granted by the cluster privileges [manage_ml,manage,all]';

export function securityChecks(): CheckDefinition[] {
  return [
    ...(['', 'force=true', 'error_trace=true'] as const).map(
      (query): CheckDefinition => ({
        id: `security/missing-credentials${query === 'force=true' ? '/with-query' : query ? '/error-trace' : ''}`,
        title: 'A request without credentials is 401 security_exception with WWW-Authenticate',
        requirements:
          query === 'error_trace=true'
            ? ['CJ-SEC-001', 'CJ-SEC-005', 'CJ-FMT-006']
            : ['CJ-SEC-001', 'CJ-SEC-005'],
        needs: ['credentials'],
        async run(ctx) {
          const id = ctx.name('j');
          const response = await ctx.close(id, { auth: 'none', ...(query ? { query } : {}) });
          const uri = `${closePath(id)}${query ? `?${query}` : ''}`;
          ctx.expectError(
            response,
            {
              status: 401,
              type: 'security_exception',
              reason: `missing authentication credentials for REST request [${uri}]`,
            },
            ['CJ-SEC-001'],
          );
          const values = response.headers['www-authenticate'] ?? [];
          ctx.verify(
            ['CJ-SEC-001', 'CJ-SEC-005'],
            values.length > 0,
            'the 401 has WWW-Authenticate headers',
            'at least one',
            values,
          );
          const error = (
            response.json as {
              error?: {
                header?: Record<string, unknown>;
                root_cause?: Array<{ header?: Record<string, unknown> }>;
              };
            }
          ).error;
          ctx.verify(
            ['CJ-SEC-005'],
            error?.header?.['WWW-Authenticate'] !== undefined,
            'the body repeats WWW-Authenticate in error.header',
            'present',
            error?.header,
          );
          ctx.verify(
            ['CJ-SEC-005'],
            error?.root_cause?.[0]?.header?.['WWW-Authenticate'] !== undefined,
            'and in root_cause[0].header',
            'present',
            error?.root_cause?.[0],
          );
          // CJ-FMT-006, CJ-SEC-*: no stack_trace on a 401, even when error_trace=true asks for one.
          ctx.verify(
            ['CJ-FMT-006'],
            !('stack_trace' in (error ?? {})),
            `no stack_trace on 401${query ? ` (?${query})` : ''}`,
          );
        },
      }),
    ),
    {
      id: 'security/wrong-credentials',
      title: 'Wrong credentials are 401 "unable to authenticate user [...]"',
      requirements: ['CJ-SEC-002', 'CJ-SEC-005'],
      needs: ['credentials'],
      async run(ctx) {
        const id = ctx.name('j');
        const basic = ctx.target.credentialKind === 'basic';
        const user = ctx.target.username ?? 'mlclose-conformance';
        const authorization = basic
          ? `Basic ${Buffer.from(`${user}:not-the-password-${ctx.seed}`).toString('base64')}`
          : `ApiKey ${Buffer.from(`mlcnotakey${ctx.seed}:not-a-key`).toString('base64')}`;
        const response = await ctx.close(id, { auth: { authorization } });
        ctx.expectError(
          response,
          {
            status: 401,
            type: 'security_exception',
            ...(basic
              ? { reason: `unable to authenticate user [${user}] for REST request [${closePath(id)}]` }
              : {}),
          },
          ['CJ-SEC-002'],
        );
        ctx.verify(
          ['CJ-SEC-005'],
          (response.headers['www-authenticate'] ?? []).length > 0,
          'the 401 has WWW-Authenticate headers',
        );
      },
    },
    {
      id: 'security/authentication-before-parameters',
      title: 'Authentication comes before parameter checks: no credentials and a bad parameter is 401',
      requirements: ['CJ-SEC-006', 'CJ-SEC-001'],
      needs: ['credentials'],
      async run(ctx) {
        const response = await ctx.close(ctx.name('j'), { auth: 'none', query: 'foo=bar' });
        ctx.expectError(response, { status: 401, type: 'security_exception' }, ['CJ-SEC-006']);
      },
    },
    ...(['user', 'api-key'] as const).map(
      (kind): CheckDefinition => ({
        id: `security/forbidden/${kind}`,
        title: `${kind === 'user' ? 'A user' : 'An API key'} without manage_ml is 403 security_exception naming the action and privileges`,
        requirements: [kind === 'user' ? 'CJ-SEC-003' : 'CJ-SEC-004', 'CJ-SEC-005'],
        needs: ['credentials', 'viewer_credentials'],
        async run(ctx) {
          const viewer = ctx.target.viewerAuthorization!;
          const apiKey = viewer.startsWith('ApiKey ');
          if (apiKey !== (kind === 'api-key'))
            ctx.skip(
              `the viewer credentials are ${apiKey ? 'an API key' : 'a user'}; pass ${kind === 'user' ? '--viewer-username/--viewer-password' : '--viewer-api-key'} for this check`,
            );
          const fleet = await ctx.fleet([{ name: 'j', state: 'opened' }]);
          const response = await ctx.close(fleet.ids.j!, { auth: { authorization: viewer } });
          const reason = apiKey
            ? new RegExp(
                `^action \\[${escapeRegExp(ACTION)}\\] is unauthorized for API key id \\[[^\\]]+\\] of user \\[[^\\]]+\\], ${escapeRegExp(PRIVILEGES)}$`,
              )
            : new RegExp(
                `^action \\[${escapeRegExp(ACTION)}\\] is unauthorized for user \\[[^\\]]+\\] with effective roles \\[[^\\]]*\\], ${escapeRegExp(PRIVILEGES)}$`,
              );
          ctx.expectError(response, { status: 403, type: 'security_exception', reason, causedBy: null }, [
            apiKey ? 'CJ-SEC-004' : 'CJ-SEC-003',
          ]);
          ctx.verify(
            ['CJ-SEC-005'],
            header(response, 'x-elastic-product') === undefined,
            'no X-elastic-product on 403',
          );
          await ctx.expectStates(
            new Map([[fleet.ids.j!, 'opened']]),
            [apiKey ? 'CJ-SEC-004' : 'CJ-SEC-003'],
            'after the 403',
          );
        },
      }),
    ),
    {
      id: 'security/parameters-before-authorization',
      title: 'Authorization comes after parameter checks: a viewer with a bad parameter gets 400, not 403',
      requirements: ['CJ-SEC-006'],
      needs: ['credentials', 'viewer_credentials'],
      async run(ctx) {
        const id = ctx.name('j');
        const response = await ctx.close(id, {
          auth: { authorization: ctx.target.viewerAuthorization! },
          query: 'foo=bar',
        });
        ctx.expectError(
          response,
          {
            status: 400,
            type: 'illegal_argument_exception',
            reason: `request [${closePath(id)}] contains unrecognized parameter: [foo]`,
          },
          ['CJ-SEC-006'],
        );
      },
    },
  ];
}
