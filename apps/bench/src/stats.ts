/** Order statistics of one set of samples. */
export interface Summary {
  n: number;
  median: number;
  min: number;
  max: number;
  /** First quartile. */
  q1: number;
  /** Third quartile. */
  q3: number;
  /** Where the median lies, at MEDIAN_INTERVAL_LEVEL; absent when there are too few samples to say. */
  medianInterval?: MedianInterval;
}

/** The confidence level of every `medianInterval` the bench reports. */
export const MEDIAN_INTERVAL_LEVEL = 0.9;

/** A confidence interval of a median: two of the samples themselves. */
export interface MedianInterval {
  low: number;
  high: number;
  /** The probability that the interval holds the true median: at least the level asked for. */
  coverage: number;
}

/**
 * The q-quantile of samples already sorted ascending, interpolating linearly between the two nearest ranks
 * (the "type 7" definition that R, NumPy and spreadsheets use by default).
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  const low = sorted[below]!;
  const high = sorted[above]!;
  return low + (high - low) * (position - below);
}

/** Sorts a copy ascending; numeric, unlike the default `Array.prototype.sort`. */
export function sortedCopy(samples: ArrayLike<number>): Float64Array {
  return Float64Array.from(samples).sort();
}

/**
 * A distribution-free confidence interval of the median of samples sorted ascending: the j-th smallest and the j-th
 * largest sample, which hold the true median with probability 1 - 2 P(B < j) for B ~ Binomial(n, 1/2), whatever
 * the samples' distribution (they need only be independent draws of it). j is the largest with that coverage at
 * least `level`: the narrowest such interval. Undefined when even the whole range covers less (at 0.9, fewer than
 * five samples). No random resampling, so the same samples always give the same interval.
 */
export function medianInterval(
  sorted: ArrayLike<number>,
  level: number = MEDIAN_INTERVAL_LEVEL,
): MedianInterval | undefined {
  const n = sorted.length;
  // below = P(B < j) and term = P(B = j), for j = 0 first; past n = 1074, 2^-n underflows (the bench has far fewer).
  let below = 0;
  let term = 2 ** -n;
  let j = 0;
  while (2 * (j + 1) <= n && 1 - 2 * (below + term) >= level) {
    below += term;
    j++;
    term *= (n - j + 1) / j;
  }
  if (j === 0) return undefined;
  return { low: sorted[j - 1]!, high: sorted[n - j]!, coverage: 1 - 2 * below };
}

export function summarize(samples: ArrayLike<number>): Summary {
  const sorted = sortedCopy(samples);
  const interval = medianInterval(sorted);
  return {
    n: sorted.length,
    median: quantileSorted(sorted, 0.5),
    min: sorted.length > 0 ? sorted[0]! : Number.NaN,
    max: sorted.length > 0 ? sorted[sorted.length - 1]! : Number.NaN,
    q1: quantileSorted(sorted, 0.25),
    q3: quantileSorted(sorted, 0.75),
    ...(interval === undefined ? {} : { medianInterval: interval }),
  };
}

/**
 * Ratios of two series measured in the same interleaved rounds: round i of `numerator` ran right next to
 * round i of `denominator`, so their quotient cancels most of the drift of a shared machine. Returns one
 * ratio per round.
 */
export function pairedRatios(numerator: readonly number[], denominator: readonly number[]): number[] {
  if (numerator.length !== denominator.length) {
    throw new Error(`paired series differ in length: ${numerator.length} vs ${denominator.length}`);
  }
  return numerator.map((value, i) => value / denominator[i]!);
}
