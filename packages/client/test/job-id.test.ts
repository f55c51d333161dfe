import { describe, expect, it } from 'vitest';
import { ValidationError } from '../src/errors.js';
import { encodeJobIds } from '../src/job-id.js';

describe('encodeJobIds: one path segment per expression, each id percent-encoded, commas literal', () => {
  it.each([
    { description: 'a plain id', given: 'low_request_rate', want: 'low_request_rate' },
    { description: 'an array of ids', given: ['foo-1', 'bar-1'], want: 'foo-1,bar-1' },
    { description: 'a string expression keeps its commas', given: 'foo-1,bar-1', want: 'foo-1,bar-1' },
    { description: 'array items may be expressions', given: ['a,b', 'c'], want: 'a,b,c' },
    { description: 'a wildcard', given: 'foo-*', want: 'foo-*' },
    { description: '_all', given: '_all', want: '_all' },
    { description: 'a group and an id', given: ['grp', 'bar-1'], want: 'grp,bar-1' },
    { description: 'a slash cannot add a segment', given: 'a/b', want: 'a%2Fb' },
    {
      description: 'a parent path cannot reach another endpoint',
      given: '../_security',
      want: '..%2F_security',
    },
    { description: 'a question mark cannot start a query', given: 'x?y', want: 'x%3Fy' },
    { description: 'a hash cannot start a fragment', given: '#frag', want: '%23frag' },
    { description: 'a percent sign is encoded, not trusted', given: '%2F', want: '%252F' },
    { description: 'unicode is UTF-8 percent-encoded', given: 'jöb-✓', want: 'j%C3%B6b-%E2%9C%93' },
    { description: 'spaces are encoded', given: 'a b', want: 'a%20b' },
    { description: 'an ampersand and equals sign', given: 'a&force=true', want: 'a%26force%3Dtrue' },
    {
      description: '".." stays a segment (trailing comma, an empty token ES drops)',
      given: '..',
      want: '..,',
    },
    { description: '"." stays a segment', given: '.', want: '.,' },
    { description: 'blank tokens are dropped like ES drops them', given: 'a,,b, ', want: 'a,b' },
    { description: 'blank array items are dropped', given: ['a', ''], want: 'a' },
  ])('$description', ({ given, want }) => {
    expect(encodeJobIds(given)).toBe(want);
  });

  // Elasticsearch reads an expression without tokens as _all (CJ-EXPAND-004): refuse it.
  it.each([
    { description: 'an empty string', given: '' },
    { description: 'a blank string', given: '  ' },
    { description: 'only commas', given: ',' },
    { description: 'an empty array', given: [] },
    { description: 'an array of blanks', given: ['', ' '] },
    { description: 'undefined', given: undefined },
  ])('refuses $description, which Elasticsearch would read as _all', ({ given }) => {
    expect(() => encodeJobIds(given)).toThrow(ValidationError);
  });
});
