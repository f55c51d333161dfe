import { describe, expect, it } from 'vitest';
import {
  MEDIAN_INTERVAL_LEVEL,
  medianInterval,
  pairedRatios,
  quantileSorted,
  summarize,
} from '../src/stats.js';

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

describe('medianInterval', () => {
  /** 1 - 2 P(B < j) for B ~ Binomial(n, 1/2), summed exactly with BigInt. */
  const coverage = (n: number, j: number): number => {
    let below = 0n;
    let choose = 1n;
    for (let i = 0; i < j; i++) {
      below += choose;
      choose = (choose * BigInt(n - i)) / BigInt(i + 1);
    }
    return 1 - (2 * Number(below)) / 2 ** n;
  };
  const ranks = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

  it.each([
    { n: 5, j: 1 },
    { n: 12, j: 3 },
    { n: 14, j: 4 },
    { n: 60, j: 24 },
  ])(
    'of $n samples is the $j-th smallest and largest: the narrowest pair that covers at least 90 %',
    ({ n, j }) => {
      const interval = medianInterval(ranks(n), 0.9)!;
      expect([interval.low, interval.high]).toEqual([j, n + 1 - j]);
      expect(interval.coverage).toBeCloseTo(coverage(n, j), 12);
      expect(interval.coverage).toBeGreaterThanOrEqual(0.9);
      expect(coverage(n, j + 1)).toBeLessThan(0.9);
    },
  );

  it('has none when even the whole range covers less than the level', () => {
    // Four samples: min and max hold the median with probability 1 - 2/16 = 0.875.
    expect(medianInterval([1, 2, 3, 4], 0.9)).toBeUndefined();
    expect(medianInterval([1, 2, 3, 4], 0.85)).toEqual({ low: 1, high: 4, coverage: 0.875 });
    expect(medianInterval([], 0.9)).toBeUndefined();
  });

  it('narrows as the level drops, and always holds the median', () => {
    const samples = [9.5, 3, 7.25, 1, 8, 4.5, 2, 6, 5, 10, 11, 12, 0.5, 13];
    const sorted = [...samples].sort((a, b) => a - b);
    const wide = medianInterval(sorted, 0.99)!;
    const narrow = medianInterval(sorted, 0.5)!;
    expect(wide.low).toBeLessThan(narrow.low);
    expect(wide.high).toBeGreaterThan(narrow.high);
    const median = quantileSorted(sorted, 0.5);
    for (const interval of [wide, narrow]) {
      expect(interval.low).toBeLessThanOrEqual(median);
      expect(interval.high).toBeGreaterThanOrEqual(median);
    }
  });

  it('is in every summary that has one, at the bench-wide level', () => {
    expect(summarize([5, 1, 4, 2, 3]).medianInterval).toEqual({ low: 1, high: 5, coverage: 0.9375 });
    expect(MEDIAN_INTERVAL_LEVEL).toBe(0.9);
  });
});
