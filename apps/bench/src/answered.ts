/**
 * Runs `run(attempt)` (1, 2, …) until it answers at least one request (`ok > 0`), at most `attempts` times. A load
 * run that answered nothing measures nothing: its rate is 0, and a ratio over it is 0 or infinite. On a saturated
 * machine a short run can end before the load generator's first answer, so the caller gives a later attempt more
 * time. `onRepeat` is told each time a run is repeated; after `attempts` empty runs this throws, naming `what`.
 */
export async function untilAnswered<T extends { ok: number; durationS: number }>(
  what: string,
  run: (attempt: number) => Promise<T>,
  onRepeat: () => void,
  attempts = 3,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const result = await run(attempt);
    if (result.ok > 0) return result;
    if (attempt >= attempts)
      throw new Error(`${what}: no request answered in ${attempt} runs of ${result.durationS} s`);
    onRepeat();
  }
}
