import { describe, expect, it } from 'vitest';
import { pairedRatios, quantileSorted, summarize } from '../src/stats.js';

describe('quantileSorted', () => {
  it.each([
    { description: 'median of an odd count is the middle value', given: [1, 2, 3], q: 0.5, want: 2 },
    {
      description: 'median of an even count is the mean of the middle two',
      given: [1, 2, 3, 4],
      q: 0.5,
      want: 2.5,
    },
    { description: 'q=0 is the minimum', given: [5, 7, 9], q: 0, want: 5 },
    { description: 'q=1 is the maximum', given: [5, 7, 9], q: 1, want: 9 },
    { description: 'interpolates between ranks', given: [0, 10], q: 0.99, want: 9.9 },
    { description: 'one sample is every quantile', given: [4], q: 0.25, want: 4 },
  ])('$description', ({ given, q, want }) => {
    expect(quantileSorted(given, q)).toBeCloseTo(want, 10);
  });

  it('is NaN for no samples', () => {
    expect(quantileSorted([], 0.5)).toBeNaN();
  });
});

describe('summarize', () => {
  it('sorts numerically, not as strings', () => {
    expect(summarize([10, 9, 100, 1])).toEqual({ n: 4, median: 9.5, min: 1, max: 100, q1: 7, q3: 32.5 });
  });
});

describe('pairedRatios', () => {
  it('divides round by round', () => {
    expect(pairedRatios([2, 9], [4, 3])).toEqual([0.5, 3]);
  });

  it('refuses series of different lengths', () => {
    expect(() => pairedRatios([1, 2], [1])).toThrow(/differ in length/);
  });
});
