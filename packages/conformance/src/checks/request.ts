// Request parsing: route and methods, query mode vs body mode, query parameters, booleans, durations, the body,
// Content-Type, and response formatting. Expectations are the exact texts of close-job-behaviour.md §1, §5, §7, §8.
import type { CheckDefinition } from '../check.js';
import { header } from '../http.js';
import {
  accepted,
  ACTION,
  booleanMessage,
  closePath,
  escapeRegExp,
  rejected,
  slug,
  unitMissingMessage,
  jobNotFound,
} from './helpers.js';

const illegal = 'illegal_argument_exception';

function routeChecks(): CheckDefinition[] {
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
    ...['UPPER', 'a/b', 'a b', '-x'].map((local): CheckDefinition => ({
      id: `route/not-validated/${slug(local)}`,
      title: `An impossible job id (${local}) is a plain 404, not a validation error`,
      requirements: ['CJ-ROUTE-007', 'CJ-MATCH-001'],
      async run(ctx) {
        const id = ctx.name(local);
        const response = await ctx.close(id);
        ctx.expectError(response, jobNotFound(id), ['CJ-ROUTE-007', 'CJ-MATCH-001']);
      },
    })),
  );
  return checks;
}

function modeChecks(): CheckDefinition[] {
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

function parameterChecks(): CheckDefinition[] {
  const unknown = (
    id: string,
    query: string,
    title: string,
    requirements: CheckDefinition['requirements'],
    reason: (path: string) => string,
    expression?: (job: string, ctx: Parameters<CheckDefinition['run']>[0]) => string,
  ) =>
    rejected({
      id,
      title,
      requirements,
      request: () => ({ query }),
      ...(expression ? { expression } : {}),
      expected: (job, ctx) => ({
        status: 400,
        type: illegal,
        reason: reason(closePath(expression ? expression(job, ctx) : job)),
        causedBy: null,
      }),
    });
  return [
    unknown(
      'param/unknown',
      'foo=bar',
      'An unknown parameter is 400 naming the decoded path without query string',
      ['CJ-PARAM-001'],
      (p) => `request [${p}] contains unrecognized parameter: [foo]`,
    ),
    unknown(
      'param/unknown/missing-job',
      'foo=bar',
      'Parameters are checked before the action: an unknown parameter on a missing job is 400, not 404',
      ['CJ-PARAM-001', 'CJ-PARAM-007'],
      (p) => `request [${p}] contains unrecognized parameter: [foo]`,
      (_job, ctx) => ctx.name('missing'),
    ),
    unknown(
      'param/unknown/several',
      'zeta=1&alpha=2',
      'Several unknown parameters are sorted and comma-joined',
      ['CJ-MODE-003', 'CJ-PARAM-001'],
      (p) => `request [${p}] contains unrecognized parameters: [alpha], [zeta]`,
    ),
    unknown(
      'param/case-sensitive',
      'Force=true',
      'Parameter names are case-sensitive: Force is unknown',
      ['CJ-PARAM-002'],
      (p) => `request [${p}] contains unrecognized parameter: [Force]`,
    ),
    unknown(
      'param/suggestion',
      'allow_no_matc=true',
      'A parameter similar to a consumed one gets "-> did you mean"',
      ['CJ-PARAM-003'],
      (p) =>
        `request [${p}] contains unrecognized parameter: [allow_no_matc] -> did you mean [allow_no_match]?`,
    ),
    unknown(
      'param/typo-without-candidate',
      'forse=true',
      'A typo of force gets no suggestion when force is absent',
      ['CJ-PARAM-004'],
      (p) => `request [${p}] contains unrecognized parameter: [forse]`,
    ),
    unknown(
      'param/typo-with-candidate',
      'forse=true&force=false',
      'A typo of force gets a suggestion when force is present',
      ['CJ-PARAM-004', 'CJ-PARAM-003'],
      (p) => `request [${p}] contains unrecognized parameter: [forse] -> did you mean [force]?`,
    ),
    unknown(
      'param/timeout-typo-without-candidate',
      'timout=1m',
      'A typo of timeout gets no suggestion when timeout is absent',
      ['CJ-PARAM-004'],
      (p) => `request [${p}] contains unrecognized parameter: [timout]`,
    ),
    unknown(
      'param/timeout-typo-with-candidate',
      'timout=1m&timeout=1m',
      'A typo of timeout gets a suggestion when timeout is present',
      ['CJ-PARAM-004', 'CJ-PARAM-003'],
      (p) => `request [${p}] contains unrecognized parameter: [timout] -> did you mean [timeout]?`,
    ),
    unknown(
      'param/allow-no-jobs',
      'allow_no_jobs=true',
      'allow_no_jobs is unknown on 8.x/9.x, with a suggestion',
      ['CJ-PARAM-005'],
      (p) =>
        `request [${p}] contains unrecognized parameter: [allow_no_jobs] -> did you mean [allow_no_match]?`,
    ),
    accepted({
      id: 'param/always-accepted',
      title: 'pretty, human, error_trace and filter_path are always accepted',
      requirements: ['CJ-PARAM-006'],
      request: () => ({ query: 'human=true&error_trace=false&filter_path=closed' }),
    }),
    rejected({
      id: 'param/order/timeout-first',
      title: 'timeout is parsed before force',
      requirements: ['CJ-PARAM-008'],
      request: () => ({ query: 'force=yes&timeout=abc' }),
      expected: () => ({ status: 400, type: illegal, reason: unitMissingMessage('abc') }),
    }),
    rejected({
      id: 'param/order/force-before-allow-no-match',
      title: 'force is parsed before allow_no_match',
      requirements: ['CJ-PARAM-008'],
      request: () => ({ query: 'allow_no_match=nope&force=yes' }),
      expected: () => ({ status: 400, type: illegal, reason: booleanMessage('yes') }),
    }),
    rejected({
      id: 'param/order/values-before-unknown',
      title: 'A bad value wins over an unrecognized parameter',
      requirements: ['CJ-PARAM-008'],
      request: () => ({ query: 'foo=1&allow_no_match=nope' }),
      expected: () => ({ status: 400, type: illegal, reason: booleanMessage('nope') }),
    }),
  ];
}

function booleanChecks(): CheckDefinition[] {
  const checks: CheckDefinition[] = [];
  for (const name of ['force', 'allow_no_match']) {
    for (const value of ['TRUE', 'True', 'FALSE', '1', '0', 'yes', 'on', 'no']) {
      checks.push(
        rejected({
          id: `bool/strict/${name}/${value}`,
          title: `?${name}=${value} is rejected: only true and false are booleans`,
          requirements: ['CJ-BOOL-002', 'CJ-BOOL-001'],
          request: () => ({ query: `${name}=${value}` }),
          expected: () => ({ status: 400, type: illegal, reason: booleanMessage(value), causedBy: null }),
          attribute: ['CJ-BOOL-002'],
        }),
      );
    }
  }
  const noMatch: Array<[string, string, number, CheckDefinition['requirements']]> = [
    ['allow_no_match=false', 'false', 404, ['CJ-BOOL-001', 'CJ-MATCH-002']],
    ['allow_no_match=true', 'true', 200, ['CJ-BOOL-001', 'CJ-MATCH-002']],
    ['allow_no_match', 'empty-no-equals', 200, ['CJ-BOOL-003']],
    ['allow_no_match=', 'empty', 200, ['CJ-BOOL-003']],
    ['allow_no_match=%20', 'whitespace', 200, ['CJ-BOOL-004']],
  ];
  for (const [query, label, status, requirements] of noMatch) {
    checks.push({
      id: `bool/allow-no-match/${label}`,
      title: `?${query} on a wildcard that matches nothing answers ${status}`,
      requirements,
      async run(ctx) {
        const expression = ctx.name('nomatch*');
        const response = await ctx.close(expression, { query });
        if (status === 200) ctx.expectClosed(response, requirements);
        else ctx.expectError(response, jobNotFound(expression), requirements);
      },
    });
  }
  const forceCases: Array<[string, string, number, CheckDefinition['requirements']]> = [
    ['force', 'empty-no-equals', 200, ['CJ-BOOL-003', 'CJ-FORCE-002']],
    ['force=', 'empty', 200, ['CJ-BOOL-003', 'CJ-FORCE-002']],
    ['force=%20', 'whitespace', 409, ['CJ-BOOL-004', 'CJ-STATE-004']],
    ['force=true', 'true', 200, ['CJ-BOOL-001', 'CJ-FORCE-002']],
    ['force=false', 'false', 409, ['CJ-BOOL-001', 'CJ-STATE-004']],
  ];
  for (const [query, label, status, requirements] of forceCases) {
    checks.push({
      id: `bool/force/${label}`,
      title: `?${query} on a failed job answers ${status}`,
      requirements,
      needs: ['fail_job'],
      async run(ctx) {
        const fleet = await ctx.fleet([{ name: 'j', state: 'failed' }]);
        const id = fleet.ids.j!;
        const response = await ctx.close(id, { query });
        if (status === 200) {
          ctx.expectClosed(response, requirements);
          await ctx.expectStates(new Map([[id, 'closed']]), requirements, 'after the forced close');
        } else {
          ctx.expectError(
            response,
            {
              status: 409,
              type: 'status_exception',
              reason: `cannot close job [${id}] because it failed, use force close`,
              causedBy: null,
            },
            requirements,
          );
          await ctx.expectStates(new Map([[id, 'failed']]), requirements, 'after the 409');
        }
      },
    });
  }
  return checks;
}

function durationChecks(): CheckDefinition[] {
  const checks: CheckDefinition[] = [];
  const valid = [
    '30m',
    '30s',
    '30S',
    '1H',
    '2D',
    '1h',
    '1d',
    '500ms',
    '500MS',
    '10nanos',
    '10micros',
    '30 m',
    ' 5s',
    '+5s',
    '005s',
    '-1',
    '-01',
    '0',
    '00',
    '-1s',
    '-1ms',
    '-0s',
    '0s',
    // Long.MAX_VALUE is still a long.
    '9223372036854775807nanos',
  ];
  for (const value of valid) {
    checks.push(
      accepted({
        id: `duration/valid/${slug(value)}`,
        title: `timeout=${JSON.stringify(value)} is accepted`,
        requirements: ['CJ-DUR-001'],
        state: 'closed',
        request: () => ({ query: `timeout=${encodeURIComponent(value)}` }),
      }),
    );
  }
  const fractional = (v: string) => `failed to parse [${v}], fractional time values are not supported`;
  const negative = (v: string) =>
    `failed to parse setting [timeout] with value [${v}] as a time value: negative durations are not supported`;
  const junk = (v: string) => `failed to parse [${v}]`;
  // [value, requirements, message, caused_by reason]. The number before the unit is cut from the lower-cased,
  // trimmed value and read with Long.parseLong; when that fails, Double.parseDouble decides between "fractional"
  // (any Java double: exponents, a leading dot, an f/d suffix, a number too large for a long) and plain "failed to
  // parse". Either way the cause is Long.parseLong's number_format_exception `For input string: "<number>"` (§1.3).
  const invalid: Array<[string, CheckDefinition['requirements'], (v: string) => string, string | null]> = [
    ['30', ['CJ-DUR-002'], unitMissingMessage, null],
    ['abc', ['CJ-DUR-002'], unitMissingMessage, null],
    ['', ['CJ-DUR-002'], unitMissingMessage, null],
    ['1w', ['CJ-DUR-002'], unitMissingMessage, null],
    ['1y', ['CJ-DUR-002'], unitMissingMessage, null],
    // Only -1 (-0*1) and 0 (0+) may go without a unit.
    ['-10', ['CJ-DUR-002'], unitMissingMessage, null],
    ['05', ['CJ-DUR-002'], unitMissingMessage, null],
    ['-2', ['CJ-DUR-002'], unitMissingMessage, null],
    ['-15', ['CJ-DUR-002'], unitMissingMessage, null],
    ['2-1', ['CJ-DUR-002'], unitMissingMessage, null],
    ['100', ['CJ-DUR-002'], unitMissingMessage, null],
    ['30M', ['CJ-DUR-003'], unitMissingMessage, null],
    ['30m ', ['CJ-DUR-003'], unitMissingMessage, null],
    ['-5s', ['CJ-DUR-004'], negative, null],
    ['-2s', ['CJ-DUR-004'], negative, null],
    ['-10m', ['CJ-DUR-004'], negative, null],
    // Long.MIN_VALUE still parses as a long, so it is "negative", not "fractional".
    ['-9223372036854775808s', ['CJ-DUR-004'], negative, null],
    ['1.5s', ['CJ-DUR-005'], fractional, '1.5'],
    ['0.5m', ['CJ-DUR-005'], fractional, '0.5'],
    ['1e3s', ['CJ-DUR-005'], fractional, '1e3'],
    ['1E3S', ['CJ-DUR-005'], fractional, '1e3'],
    ['.5s', ['CJ-DUR-005'], fractional, '.5'],
    ['5dd', ['CJ-DUR-005'], fractional, '5d'],
    ['99999999999999999999s', ['CJ-DUR-005'], fractional, '99999999999999999999'],
    ['9223372036854775808nanos', ['CJ-DUR-005'], fractional, '9223372036854775808'],
    ['-9223372036854775809s', ['CJ-DUR-005'], fractional, '-9223372036854775809'],
    ['1.s', ['CJ-DUR-005'], fractional, '1.'],
    ['-1.5s', ['CJ-DUR-005'], fractional, '-1.5'],
    ['1e-3s', ['CJ-DUR-005'], fractional, '1e-3'],
    ['0x1p3s', ['CJ-DUR-005'], fractional, '0x1p3'],
    // More of Double.parseDouble's grammar (FloatingDecimal.readJavaFormatString): several digits before and after
    // the dot, a signed or several-digit exponent, hexadecimal significands with a fraction, a signed or
    // several-digit binary exponent, and the f/d suffix after a binary exponent.
    ['12.5s', ['CJ-DUR-005'], fractional, '12.5'],
    ['.25s', ['CJ-DUR-005'], fractional, '.25'],
    ['1e12s', ['CJ-DUR-005'], fractional, '1e12'],
    ['1e+3s', ['CJ-DUR-005'], fractional, '1e+3'],
    ['0x10p1s', ['CJ-DUR-005'], fractional, '0x10p1'],
    ['0x12.8p1s', ['CJ-DUR-005'], fractional, '0x12.8p1'],
    ['0x1.8p1s', ['CJ-DUR-005'], fractional, '0x1.8p1'],
    ['0x1.88p1s', ['CJ-DUR-005'], fractional, '0x1.88p1'],
    ['0x.8p1s', ['CJ-DUR-005'], fractional, '0x.8p1'],
    ['0x1p-1s', ['CJ-DUR-005'], fractional, '0x1p-1'],
    ['0x1p10s', ['CJ-DUR-005'], fractional, '0x1p10'],
    ['0x1p3ds', ['CJ-DUR-005'], fractional, '0x1p3d'],
    ['xs', ['CJ-DUR-006'], junk, 'x'],
    ['1es', ['CJ-DUR-006'], junk, '1e'],
    ['e3s', ['CJ-DUR-006'], junk, 'e3'],
    ['NaNs', ['CJ-DUR-006'], junk, 'nan'],
    ['0x10s', ['CJ-DUR-006'], junk, '0x10'],
    ['1.5.5h', ['CJ-DUR-006'], junk, '1.5.5'],
    ['.s', ['CJ-DUR-006'], junk, '.'],
    ['1e+s', ['CJ-DUR-006'], junk, '1e+'],
    ['0xp1s', ['CJ-DUR-006'], junk, '0xp1'],
    ['0x1.8s', ['CJ-DUR-006'], junk, '0x1.8'],
  ];
  for (const [value, requirements, message, cause] of invalid) {
    checks.push(
      rejected({
        id: `duration/invalid/${slug(value)}`,
        title: `timeout=${JSON.stringify(value)} is 400`,
        requirements,
        request: () => ({ query: `timeout=${encodeURIComponent(value)}` }),
        expected: () => ({
          status: 400,
          type: illegal,
          reason: message(value),
          causedBy:
            cause === null
              ? null
              : { type: 'number_format_exception', reason: `For input string: "${cause}"` },
          rootCauseType: illegal,
        }),
      }),
    );
  }
  return checks;
}

function bodyChecks(): CheckDefinition[] {
  const parse = 'x_content_parse_exception';
  type BodyCase = [
    string,
    string,
    CheckDefinition['requirements'],
    string,
    string,
    { type: string; reason: string } | null,
    string?,
  ];
  // [slug, body, requirements, expected reason after "[l:c] ", the position per behaviour §1.4/spec examples, cause, type]
  const cases: BodyCase[] = [
    ['unknown-field', '{"foo":1}', ['CJ-BODY-002'], `[${ACTION}] unknown field [foo]`, '1:2', null],
    [
      'unknown-field-suggestion',
      '{"forced":true}',
      ['CJ-BODY-002'],
      `[${ACTION}] unknown field [forced] did you mean [force]?`,
      '1:2',
      null,
    ],
    [
      'allow-no-jobs-field',
      '{"allow_no_jobs":true}',
      ['CJ-BODY-002'],
      `[${ACTION}] unknown field [allow_no_jobs] did you mean [allow_no_match]?`,
      '1:2',
      null,
    ],
    [
      'force-number',
      '{"force":1}',
      ['CJ-BODY-003'],
      `[${ACTION}] force doesn't support values of type: VALUE_NUMBER`,
      '1:10',
      null,
    ],
    [
      'force-null',
      '{"force":null}',
      ['CJ-BODY-003'],
      `[${ACTION}] force doesn't support values of type: VALUE_NULL`,
      '1:10',
      null,
    ],
    [
      'allow-no-match-number',
      '{"allow_no_match":0}',
      ['CJ-BODY-003'],
      `[${ACTION}] allow_no_match doesn't support values of type: VALUE_NUMBER`,
      '1:19',
      null,
    ],
    [
      'timeout-number',
      '{"timeout":5}',
      ['CJ-BODY-003'],
      `[${ACTION}] timeout doesn't support values of type: VALUE_NUMBER`,
      '1:12',
      null,
    ],
    [
      'force-bad-string',
      '{"force":"yes"}',
      ['CJ-BODY-004'],
      `[${ACTION}] failed to parse field [force]`,
      '1:10',
      { type: 'illegal_argument_exception', reason: booleanMessage('yes') },
    ],
    [
      'allow-no-match-bad-string',
      '{"allow_no_match":"TRUE"}',
      ['CJ-BODY-004'],
      `[${ACTION}] failed to parse field [allow_no_match]`,
      '1:19',
      { type: 'illegal_argument_exception', reason: booleanMessage('TRUE') },
    ],
    [
      'timeout-bad-string',
      '{"timeout":"abc"}',
      ['CJ-BODY-004'],
      `[${ACTION}] failed to parse field [timeout]`,
      '1:12',
      { type: 'illegal_argument_exception', reason: unitMissingMessage('abc') },
    ],
    [
      'timeout-exponent',
      '{"timeout":"1e3s"}',
      ['CJ-BODY-004', 'CJ-DUR-005'],
      `[${ACTION}] failed to parse field [timeout]`,
      '1:12',
      {
        type: 'illegal_argument_exception',
        reason: 'failed to parse [1e3s], fractional time values are not supported',
      },
    ],
    [
      'timeout-bare-number',
      '{"timeout":"-10"}',
      ['CJ-BODY-004', 'CJ-DUR-002'],
      `[${ACTION}] failed to parse field [timeout]`,
      '1:12',
      { type: 'illegal_argument_exception', reason: unitMissingMessage('-10') },
    ],
    ['array', '[]', ['CJ-BODY-005'], `[${ACTION}] Expected START_OBJECT but was: START_ARRAY`, '1:1', null],
    [
      'string',
      '"x"',
      ['CJ-BODY-005'],
      `[${ACTION}] Expected START_OBJECT but was: VALUE_STRING`,
      '1:1',
      null,
    ],
    [
      'truncated',
      '{"force":true',
      ['CJ-BODY-007'],
      'Unexpected end of file',
      '1:14',
      null,
      'x_content_e_o_f_exception',
    ],
  ];
  const checks: CheckDefinition[] = cases.map(([name, body, requirements, reason, position, cause, type]) =>
    rejected({
      id: `body/${name}`,
      title: `The body ${body} is 400 ${type ?? parse}`,
      requirements: [...requirements, 'CJ-BODY-010'],
      request: () => ({ body }),
      expected: () => ({
        status: 400,
        type: type ?? parse,
        reason: new RegExp(`^\\[\\d+:\\d+\\] ${escapeRegExp(reason)}$`),
        causedBy: cause,
        rootCauseType: type ?? parse,
      }),
      attribute: requirements,
      also: (ctx, response) => {
        const actual = (response.json as { error?: { reason?: unknown } } | undefined)?.error?.reason;
        ctx.verify(
          ['CJ-BODY-010'],
          typeof actual === 'string' && actual.startsWith(`[${position}] `),
          `the position follows Jackson's token position [${position}]`,
          `[${position}] ...`,
          actual,
        );
      },
    }),
  );
  checks.push(
    rejected({
      id: 'body/malformed',
      title: 'Malformed JSON is 400 x_content_parse_exception "[l:c] <parser message>"',
      requirements: ['CJ-BODY-006'],
      request: () => ({ body: '{force:true}' }),
      expected: () => ({ status: 400, type: parse, reason: /^\[\d+:\d+\] \S/ }),
    }),
    rejected({
      id: 'body/duplicate-keys',
      title: 'Duplicate keys in the body are 400 x_content_parse_exception',
      requirements: ['CJ-BODY-009'],
      request: () => ({ body: '{"force":true,"force":false}' }),
      expected: () => ({ status: 400, type: parse }),
    }),
    accepted({
      id: 'body/all-fields',
      title: 'The body accepts job_id (ignored), allow_no_match, force and timeout',
      requirements: ['CJ-BODY-001', 'CJ-BODY-008'],
      request: (id) => ({
        body: { job_id: `${id}-other`, allow_no_match: false, force: false, timeout: '30m' },
      }),
    }),
    accepted({
      id: 'body/empty-object',
      title: '{} is a valid body with all defaults',
      requirements: ['CJ-BODY-001'],
      request: () => ({ body: {} }),
    }),
    accepted({
      id: 'body/string-booleans',
      title: 'Body booleans accept the strings "true" and "false"',
      requirements: ['CJ-BODY-008'],
      request: () => ({ body: { force: 'true', allow_no_match: 'false' } }),
    }),
  );
  for (const [label, value] of [
    ['false', false],
    ['string-false', 'false'],
    ['empty-string', ''],
    ['whitespace-string', '  '],
  ] as const) {
    checks.push({
      id: `body/allow-no-match/${label}`,
      title: `Body allow_no_match ${JSON.stringify(value)} means false: a wildcard without match is 404`,
      requirements: ['CJ-BODY-008', 'CJ-MATCH-002'],
      async run(ctx) {
        const expression = ctx.name('nomatch*');
        ctx.expectError(
          await ctx.close(expression, { body: { allow_no_match: value } }),
          jobNotFound(expression),
          ['CJ-BODY-008'],
        );
      },
    });
  }
  checks.push({
    id: 'body/job-id-ignored',
    title: 'The body job_id is ignored: the path wins and the other job is untouched',
    requirements: ['CJ-BODY-001'],
    async run(ctx) {
      const fleet = await ctx.fleet([
        { name: 'a', state: 'opened' },
        { name: 'b', state: 'opened' },
      ]);
      ctx.expectClosed(await ctx.close(fleet.ids.a!, { body: { job_id: fleet.ids.b } }), ['CJ-BODY-001']);
      await ctx.expectStates(
        new Map([
          [fleet.ids.a!, 'closed'],
          [fleet.ids.b!, 'opened'],
        ]),
        ['CJ-BODY-001'],
        'after the close',
      );
    },
  });
  return checks;
}

function contentTypeChecks(): CheckDefinition[] {
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

function formatChecks(): CheckDefinition[] {
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
    {
      id: 'envelope/root-cause-of-a-caused-error',
      title:
        'An error with a cause keeps caused_by at the top level only: root_cause entries are type and reason',
      requirements: ['CJ-ENV-002', 'CJ-ENV-003'],
      async run(ctx) {
        const id = ctx.name('j');
        // §5.1: root_cause is the inner-most Elasticsearch exception; for a plain Java exception it is the
        // exception itself, and for a body-parse error the x_content_parse_exception (§1.4).
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

export function requestChecks(): CheckDefinition[] {
  return [
    ...routeChecks(),
    ...modeChecks(),
    ...parameterChecks(),
    ...booleanChecks(),
    ...durationChecks(),
    ...bodyChecks(),
    ...contentTypeChecks(),
    ...formatChecks(),
  ];
}
