import { describe, expect, it } from 'vitest';
import { untilAnswered } from '../src/answered.js';

/** A run that answers the given `ok` counts in turn. */
function runs(...oks: number[]) {
  const attempts: number[] = [];
  const run = async (attempt: number) => {
    attempts.push(attempt);
    return { ok: oks[attempts.length - 1]!, durationS: 0.3 };
  };
  return { run, attempts };
}

describe('untilAnswered', () => {
  it('answers the first run that answered a request, without repeating it', async () => {
    const { run, attempts } = runs(5, 7);
    const repeats: number[] = [];
    expect(await untilAnswered('close', run, () => repeats.push(1))).toEqual({ ok: 5, durationS: 0.3 });
    expect(attempts).toEqual([1]);
    expect(repeats).toEqual([]);
  });

  it('repeats a run that answered nothing, and says so each time', async () => {
    const { run, attempts } = runs(0, 0, 4);
    let repeats = 0;
    expect((await untilAnswered('close', run, () => repeats++)).ok).toBe(4);
    // Each run is told its attempt, so that the caller can give it more time.
    expect(attempts).toEqual([1, 2, 3]);
    expect(repeats).toBe(2);
  });

  it('throws after the last attempt, naming what ran', async () => {
    const { run, attempts } = runs(0, 0, 0, 9);
    await expect(untilAnswered('close a closed job', run, () => {})).rejects.toThrow(
      'close a closed job: no request answered in 3 runs of 0.3 s',
    );
    expect(attempts).toEqual([1, 2, 3]);
  });
});
