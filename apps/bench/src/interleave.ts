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
 * Runs contenders interleaved, so that a ratio between two of them compares runs made seconds apart on the
 * same machine: absolute times drift on a shared machine, neighbours drift together. Round r starts at
 * contender r mod k (A B C, B C A, C A B, …), so no contender always runs first after a pause or last
 * after the others have heated the CPU. Returns each contender's results in round order.
 */
export async function interleave<T>(
  contenders: readonly Contender<T>[],
  options: InterleaveOptions,
): Promise<T[][]> {
  for (let i = 0; i < options.warmup; i++) {
    for (const contender of contenders) await contender.run(true);
  }
  const results: T[][] = contenders.map(() => []);
  for (let round = 0; round < options.rounds; round++) {
    for (let step = 0; step < contenders.length; step++) {
      const index = (round + step) % contenders.length;
      const contender = contenders[index]!;
      options.onRun?.(contender.name, round);
      results[index]!.push(await contender.run(false));
    }
  }
  return results;
}
