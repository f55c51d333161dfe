import { describe, expect, it } from 'vitest';
import { balancedOrders, interleave } from '../src/interleave.js';

describe('balancedOrders', () => {
  it('for no contenders, one empty order', () => {
    expect(balancedOrders(0)).toEqual([[]]);
  });

  it.each([1, 2, 3, 4, 5, 6, 7])('for %i contenders, a Williams design', (k) => {
    const orders = balancedOrders(k);
    expect(orders).toHaveLength(k % 2 && k > 1 ? 2 * k : k);
    // Each order runs every contender once.
    for (const order of orders) expect([...order].sort((a, b) => a - b)).toEqual([...Array(k).keys()]);
    // Every contender runs in every position equally often.
    for (let position = 0; position < k; position++) {
      const counts = new Map<number, number>();
      for (const order of orders) counts.set(order[position]!, (counts.get(order[position]!) ?? 0) + 1);
      expect(new Set(counts.values())).toEqual(new Set([orders.length / k]));
      expect(counts.size).toBe(k);
    }
    // Every contender runs right after every other one equally often, within the orders.
    const follows = new Map<string, number>();
    for (const order of orders) {
      for (let i = 1; i < k; i++) {
        const pair = `${order[i - 1]}>${order[i]}`;
        follows.set(pair, (follows.get(pair) ?? 0) + 1);
      }
    }
    expect(follows.size).toBe(k * (k - 1));
    if (k > 1) expect(new Set(follows.values()).size).toBe(1);
  });
});

describe('interleave', () => {
  it('warms every contender up, then runs the balanced orders in turn', async () => {
    const log: string[] = [];
    const contender = (name: string) => ({
      name,
      run: async (warmup: boolean) => {
        log.push(warmup ? name.toLowerCase() : name);
        return name;
      },
    });
    await interleave([contender('A'), contender('B'), contender('C'), contender('D')], {
      rounds: 5,
      warmup: 1,
    });
    expect(log.join('')).toBe('abcd' + 'ABDC' + 'BCAD' + 'CDBA' + 'DACB' + 'ABDC');
  });

  it('runs nothing for no contenders', async () => {
    expect(await interleave([], { rounds: 3, warmup: 1 })).toEqual([]);
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
