// body/…: the JSON body: fields, value types, parse errors and their positions.
import type { CheckDefinition } from '../check.js';
import { accepted, rejected } from './case-factories.js';
import { ACTION, booleanMessage, escapeRegExp, jobNotFound, unitMissingMessage } from './messages.js';

export function bodyChecks(): CheckDefinition[] {
  const parse = 'x_content_parse_exception';
  type BodyCase = [
    string,
    string,
    CheckDefinition['requirements'],
    string,
    string,
    { type: string; reason: string } | null,
  ];
  // [slug, body, requirements, expected reason after "[l:c] ", the position per CJ-BODY-010/spec examples, cause]
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
  ];
  const checks: CheckDefinition[] = cases.map(([name, body, requirements, reason, position, cause]) =>
    rejected({
      id: `body/${name}`,
      title: `The body ${body} is 400 ${parse}`,
      requirements: [...requirements, 'CJ-BODY-010'],
      request: () => ({ body }),
      expected: () => ({
        status: 400,
        type: parse,
        reason: new RegExp(`^\\[\\d+:\\d+\\] ${escapeRegExp(reason)}$`),
        causedBy: cause,
        rootCauseType: parse,
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
  // JSON syntax errors. JsonXContentParser wraps Jackson's exception and keeps it as the cause: an
  // XContentParseException for malformed JSON, an XContentEOFException for an early end. Jackson's text depends on
  // its version, so only the cause's type is compared. guessRootCauses does not look into a Jackson cause (a plain
  // Java exception): the root cause is the x_content exception itself.
  const syntaxCases = [
    {
      name: 'malformed',
      body: '{force:true}',
      type: parse,
      reason: /^\[\d+:\d+\] \S/,
      outer: 'CJ-BODY-006',
      cause: { type: 'json_parse_exception', requirement: 'CJ-BODY-011' },
    },
    {
      name: 'truncated',
      body: '{"force":true',
      type: 'x_content_e_o_f_exception',
      reason: /^\[\d+:\d+\] Unexpected end of file$/,
      outer: 'CJ-BODY-007',
      cause: { type: 'json_e_o_f_exception', requirement: 'CJ-BODY-012' },
      position: '1:14',
    },
  ] as const;
  for (const syntax of syntaxCases) {
    checks.push(
      rejected({
        id: `body/${syntax.name}`,
        title: `The body ${syntax.body} is 400 ${syntax.type} caused by ${syntax.cause.type}, itself the root cause`,
        requirements: [
          syntax.outer,
          syntax.cause.requirement,
          'CJ-BODY-013',
          ...('position' in syntax ? (['CJ-BODY-010'] as const) : []),
        ],
        request: () => ({ body: syntax.body }),
        expected: () => ({ status: 400, type: syntax.type, reason: syntax.reason }),
        attribute: [syntax.outer],
        also: (ctx, response) => {
          const error = (response.json as { error?: Record<string, unknown> } | undefined)?.error;
          const cause = error?.caused_by as { type?: unknown } | undefined;
          ctx.verify(
            [syntax.cause.requirement, 'CJ-ENV-003'],
            cause?.type === syntax.cause.type,
            "caused_by is Jackson's exception",
            syntax.cause.type,
            cause,
          );
          ctx.equal(
            ['CJ-BODY-013', 'CJ-ENV-002'],
            error?.root_cause,
            [{ type: error?.type, reason: error?.reason }],
            'root_cause is the x_content exception itself (type and reason)',
          );
          if ('position' in syntax)
            ctx.verify(
              ['CJ-BODY-010'],
              typeof error?.reason === 'string' && error.reason.startsWith(`[${syntax.position}] `),
              `the position follows Jackson's token position [${syntax.position}]`,
              `[${syntax.position}] ...`,
              error?.reason,
            );
        },
      }),
    );
  }
  checks.push(
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
      id: 'body/timeout-unicode-digits',
      title: 'A body timeout with Unicode decimal digits ("٣s", 3 seconds) is accepted',
      requirements: ['CJ-BODY-001', 'CJ-DUR-010'],
      request: () => ({ body: { timeout: '٣s' } }),
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
