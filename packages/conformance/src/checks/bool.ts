// bool/…: strict booleans in the query string: only true and false, and what an empty value means.
import type { CheckDefinition } from '../check.js';
import { rejected } from './case-factories.js';
import { booleanMessage, ILLEGAL_ARGUMENT as illegal, jobNotFound } from './messages.js';

export function booleanChecks(): CheckDefinition[] {
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
