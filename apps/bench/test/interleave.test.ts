import { describe, expect, it } from 'vitest';
import { interleave } from '../src/interleave.js';

describe('interleave', () => {
  it('warms every contender up, then rotates the starting contender each round', async () => {
    const log: string[] = [];
    const contender = (name: string) => ({
      name,
      run: async (warmup: boolean) => {
        log.push(warmup ? name.toLowerCase() : name);
        return name;
      },
    });
    await interleave([contender('A'), contender('B'), contender('C')], { rounds: 4, warmup: 1 });
    expect(log.join('')).toBe('abc' + 'ABC' + 'BCA' + 'CAB' + 'ABC');
  });

  it("returns each contender's results in round order", async () => {
    let tick = 0;
    const results = await interleave(
      ['A', 'B'].map((name) => ({ name, run: async () => `${name}${tick++}` })),
      { rounds: 2, warmup: 0 },
    );
    expect(results).toEqual([
      ['A0', 'A3'],
      ['B1', 'B2'],
    ]);
  });
});
