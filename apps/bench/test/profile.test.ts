import { describe, expect, it } from 'vitest';
import { FULL, SMOKE, withRounds } from '../src/profile.js';

describe('withRounds', () => {
  it('leaves the profile as it is without --rounds', () => {
    expect(withRounds(FULL, undefined)).toBe(FULL);
  });

  it.each([
    { description: 'the full profile', profile: FULL },
    { description: 'the smoke profile', profile: SMOKE },
  ])(
    'in $description, runs three times as many short client rounds as --rounds, and as many server and conformance rounds',
    ({ profile }) => {
      const applied = withRounds(profile, 4);
      expect(applied.rounds).toBe(4);
      expect(applied.clientThroughput.rounds).toBe(12);
      expect(applied.serverThroughput.rounds).toBe(4);
      expect(applied.clientCost.importRounds).toBe(12);
      expect(applied.conformance.rounds).toBe(4);
      expect(applied.conformance.requirements).toBe(profile.conformance.requirements);
      // Only the rounds change: the length of a client run stays the profile's.
      expect(applied.clientThroughput.durationMs).toBe(profile.clientThroughput.durationMs);
      expect(applied.clientThroughput.concurrencies).toEqual(profile.clientThroughput.concurrencies);
    },
  );
});
