// param/…: query parameters: unknown and misspelt names, suggestions, the always-accepted ones, the parse order.
import type { CheckDefinition } from '../check.js';
import { accepted, rejected } from './case-factories.js';
import { booleanMessage, closePath, ILLEGAL_ARGUMENT as illegal, unitMissingMessage } from './messages.js';

export function parameterChecks(): CheckDefinition[] {
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
