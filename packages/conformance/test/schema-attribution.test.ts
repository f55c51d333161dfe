// Schema failures of an error body are charged to the part of the envelope they break (CJ-ENV-001..003), not to
// the behaviour the check was after.
import { validateResponse } from '@mlclose/schema/validators';
import { describe, expect, it } from 'vitest';
import { schemaAttribution } from '../src/schema-attribution.js';

const cause = { type: 'number_format_exception', reason: 'For input string: "1.5"' };
const top = { type: 'illegal_argument_exception', reason: 'failed to parse [1.5s]', caused_by: cause };
const fallback = ['CJ-DUR-005'] as const;

describe('schemaAttribution', () => {
  it.each([
    {
      description: 'a root_cause entry with caused_by → CJ-ENV-002',
      given: { status: 400, body: { error: { root_cause: [top], ...top }, status: 400 } },
      want: ['CJ-ENV-002'],
    },
    {
      description: 'a missing status → CJ-ENV-001',
      given: {
        status: 400,
        body: { error: { root_cause: [{ type: top.type, reason: top.reason }], ...top } },
      },
      want: ['CJ-ENV-001'],
    },
    {
      description: 'a missing root_cause → CJ-ENV-001',
      given: { status: 400, body: { error: { ...top }, status: 400 } },
      want: ['CJ-ENV-001'],
    },
    {
      description: 'a malformed caused_by → CJ-ENV-003',
      given: {
        status: 400,
        body: {
          error: { root_cause: [{ type: top.type, reason: top.reason }], ...top, caused_by: { type: 1 } },
          status: 400,
        },
      },
      want: ['CJ-ENV-003'],
    },
    {
      description: 'an undocumented status stays with the check',
      given: { status: 504, body: { error: { root_cause: [], type: 'x', reason: 'y' }, status: 504 } },
      want: [...fallback],
    },
    {
      description: 'a success body stays with the check',
      given: { status: 200, body: { closed: 'yes' } },
      want: [...fallback],
    },
  ])('$description', ({ given, want }) => {
    const result = validateResponse('ml-close-job', given.status, given.body);
    expect(result.valid).toBe(false);
    expect([...schemaAttribution(given.body, result.errors, fallback)].sort()).toEqual(want);
  });
});
