export interface Contender<T> {
  name: string;
  /** One run; `warmup` is true for the unmeasured runs, which may be shorter. */
  run: (warmup: boolean) => Promise<T>;
}

export interface InterleaveOptions {
  /** Measured rounds; every contender runs once per round. */
  rounds: number;
  /** Unmeasured runs per contender before the first round. */
  warmup: number;
  /** Called before each measured run, for progress output. */
  onRun?: (contender: string, round: number) => void;
}

/**
 * The orders of a Williams design for `k` contenders: over one cycle of the orders, every contender runs once
 * in each position, and right after every other contender equally often (`k` orders when `k` is even or 1, `2k`
 * when it is odd, one empty order for none). A run is slowed by the one before it: in an A/A test (the same fetch call as two
 * contenders, before the official client and the undici transport) with a plain rotation, the contender
 * that always followed the undici transport measured 0.91-0.96 of its twin in five of six runs.
 */
export function balancedOrders(k: number): number[][] {
  if (k === 0) return [[]]; // one order, in which nobody runs
  const first = [0];
  for (let i = 1, low = 1, high = k - 1; i < k; i++) first.push(i % 2 ? low++ : high--);
  const orders = first.map((_, shift) => first.map((contender) => (contender + shift) % k));
  return k % 2 && k > 1 ? [...orders, ...orders.map((order) => [...order].reverse())] : orders;
}

/**
 * Runs contenders interleaved, so that a ratio between two of them compares runs made seconds apart on the
 * same machine: absolute times drift on a shared machine, neighbours drift together. Round r takes the
 * orders of `balancedOrders` in turn, so no contender always runs first after a pause, or last after the
 * others have heated the CPU, or after the same neighbour. The balance is exact when `rounds` is a multiple
 * of the number of orders. Returns each contender's results in round order.
 */
export async function interleave<T>(
  contenders: readonly Contender<T>[],
  options: InterleaveOptions,
): Promise<T[][]> {
  for (let i = 0; i < options.warmup; i++) {
    for (const contender of contenders) await contender.run(true);
  }
  const orders = balancedOrders(contenders.length);
  const results: T[][] = contenders.map(() => []);
  for (let round = 0; round < options.rounds; round++) {
    for (const index of orders[round % orders.length]!) {
      const contender = contenders[index]!;
      options.onRun?.(contender.name, round);
      results[index]!.push(await contender.run(false));
    }
  }
  return results;
}
