// The oracle's model against the requirements' tables (CJ-EXPAND-001, the expansion case matrix, CJ-STATE-004/005).
import { describe, expect, it } from 'vitest';
import { expand, globMatches, tokenize, wildcardQueryMatches } from '../src/model/expression.js';
import { modelClose, type ModelJob } from '../src/model/close-model.js';

const jobs = [
  { id: 'foo-1', groups: ['grp'] },
  { id: 'foo-2', groups: ['grp'] },
  { id: 'bar-1', groups: [] },
];

describe('tokenize (CJ-EXPAND-001)', () => {
  it.each([
    { given: 'a, b', want: ['a', 'b'] },
    { given: 'a,,b', want: ['a', 'b'] },
    { given: ' , ', want: [] },
    { given: '', want: [] },
    { given: '\ta\n', want: ['a'] },
  ])('$given → $want', ({ given, want }) => {
    expect(tokenize(given)).toEqual(want);
  });
});

describe('globMatches', () => {
  it.each([
    { pattern: 'foo-*', value: 'foo-1', want: true },
    { pattern: '*o-*', value: 'foo-1', want: true },
    { pattern: '*1', value: 'bar-1', want: true },
    { pattern: 'f*o*1', value: 'foo-1', want: true },
    { pattern: 'foo-*', value: 'bar-1', want: false },
    { pattern: 'a*a', value: 'a', want: false },
    { pattern: 'foo?1', value: 'foo-1', want: false },
  ])('$pattern ~ $value is $want', ({ pattern, value, want }) => {
    expect(globMatches(pattern, value)).toBe(want);
  });
});

describe('wildcardQueryMatches (the search)', () => {
  it.each([
    { pattern: 'foo-*', value: 'foo-1', want: true },
    { pattern: 'foo?1*', value: 'foo-1', want: true },
    { pattern: 'foo?1*', value: 'foo1', want: false },
    { pattern: '?*', value: '', want: false },
    { pattern: 'foo\\-1*', value: 'foo-1', want: true },
    { pattern: 'foo\\-1*', value: 'foo\\-1', want: false },
    { pattern: 'foo\\*', value: 'foo*', want: true },
    { pattern: 'foo\\*', value: 'foo-1', want: false },
    { pattern: 'foo\\', value: 'foo\\', want: true },
    { pattern: 'a*a', value: 'a', want: false },
    { pattern: '*a*b*', value: 'xaybz', want: true },
  ])('$pattern ~ $value is $want', ({ pattern, value, want }) => {
    expect(wildcardQueryMatches(pattern, value)).toBe(want);
  });
});

describe('the expansion case matrix', () => {
  it.each([
    { expression: 'foo-1', allowNoMatch: true, want: ['foo-1'] },
    { expression: 'missing', allowNoMatch: true, want: "No known job with id 'missing'" },
    {
      expression: 'missing1,missing2',
      allowNoMatch: false,
      want: "No known job with id 'missing1,missing2'",
    },
    { expression: 'foo-1,missing', allowNoMatch: true, want: "No known job with id 'missing'" },
    { expression: 'foo-*', allowNoMatch: true, want: ['foo-1', 'foo-2'] },
    { expression: 'baz*', allowNoMatch: true, want: [] },
    { expression: 'baz*', allowNoMatch: false, want: "No known job with id 'baz*'" },
    { expression: 'foo-*,baz*', allowNoMatch: true, want: ['foo-1', 'foo-2'] },
    { expression: 'foo-*,baz*', allowNoMatch: false, want: "No known job with id 'baz*'" },
    { expression: 'missing,baz*', allowNoMatch: true, want: "No known job with id 'missing'" },
    { expression: 'missing,baz*', allowNoMatch: false, want: "No known job with id 'missing,baz*'" },
    { expression: 'grp', allowNoMatch: true, want: ['foo-1', 'foo-2'] },
    { expression: 'gr*', allowNoMatch: false, want: ['foo-1', 'foo-2'] },
    { expression: 'nogroup', allowNoMatch: true, want: "No known job with id 'nogroup'" },
    { expression: '_all', allowNoMatch: false, want: ['bar-1', 'foo-1', 'foo-2'] },
    { expression: '*', allowNoMatch: true, want: ['bar-1', 'foo-1', 'foo-2'] },
    { expression: ' ', allowNoMatch: true, want: ['bar-1', 'foo-1', 'foo-2'] },
    { expression: '_all,foo-1', allowNoMatch: true, want: "No known job with id '_all'" },
    { expression: 'Foo-1', allowNoMatch: true, want: "No known job with id 'Foo-1'" },
    { expression: 'foo?1', allowNoMatch: true, want: "No known job with id 'foo?1'" },
    // Inside a `*` token, `?` and `\` are special in the search, not in the required-match check.
    { expression: 'foo?1*', allowNoMatch: true, want: ['foo-1'] },
    { expression: 'foo?1*', allowNoMatch: false, want: "No known job with id 'foo?1*'" },
    { expression: 'foo\\-1*', allowNoMatch: true, want: ['foo-1'] },
    { expression: 'foo\\-1*', allowNoMatch: false, want: "No known job with id 'foo\\-1*'" },
    { expression: 'foo-*,foo?2*', allowNoMatch: false, want: "No known job with id 'foo?2*'" },
    { expression: 'f?o*', allowNoMatch: true, want: ['foo-1', 'foo-2'] },
  ])('$expression (allow_no_match=$allowNoMatch)', ({ expression, allowNoMatch, want }) => {
    const result = expand(expression, jobs, allowNoMatch);
    if (typeof want === 'string') expect(result).toMatchObject({ kind: 'not-found', reason: want });
    else expect(result).toEqual({ kind: 'matched', ids: want });
  });

  it.each(['_all', '*', '', ','])(
    '"%s" with no jobs: 200 with allow_no_match=true, 404 \'*\' with false',
    (expression) => {
      expect(expand(expression, [], true)).toEqual({ kind: 'matched', ids: [] });
      expect(expand(expression, [], false)).toMatchObject({
        kind: 'not-found',
        reason: "No known job with id '*'",
      });
    },
  );
});

describe('state validation (CJ-STATE-003..006)', () => {
  const fleet: ModelJob[] = [
    { id: 'a', groups: ['g'], state: 'failed' },
    { id: 'b', groups: ['g'], state: 'closed' },
    { id: 'c', groups: [], state: 'opened' },
  ];

  it.each([
    {
      description: 'one failed job',
      expression: 'a',
      force: false,
      status: 409,
      reason: 'cannot close job [a] because it failed, use force close',
    },
    {
      description: 'a failed job among closed ones counts as several',
      expression: 'g',
      force: false,
      status: 409,
      reason: 'one or more jobs have state failed, use force close',
    },
    { description: 'force closes a failed job', expression: 'a', force: true, status: 200 },
    { description: 'an opened job closes', expression: 'c', force: false, status: 200 },
    { description: 'a closed job is a no-op', expression: 'b', force: false, status: 200 },
  ])('$description', ({ expression, force, status, reason }) => {
    const result = modelClose(fleet, { expression, force });
    expect(result.status).toBe(status);
    if (reason) expect(result.reason).toBe(reason);
    if (status === 200) for (const id of result.expanded) expect(result.after.get(id)).toBe('closed');
    else expect([...result.after]).toEqual(fleet.map((job) => [job.id, job.state]));
  });

  it('leaves jobs outside the expression untouched', () => {
    const result = modelClose(fleet, { expression: 'c' });
    expect(result.after.get('a')).toBe('failed');
    expect(result.after.get('b')).toBe('closed');
  });
});
