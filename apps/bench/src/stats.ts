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

export function summarize(samples: ArrayLike<number>): Summary {
  const sorted = sortedCopy(samples);
  return {
    n: sorted.length,
    median: quantileSorted(sorted, 0.5),
    min: sorted.length > 0 ? sorted[0]! : Number.NaN,
    max: sorted.length > 0 ? sorted[sorted.length - 1]! : Number.NaN,
    q1: quantileSorted(sorted, 0.25),
    q3: quantileSorted(sorted, 0.75),
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
