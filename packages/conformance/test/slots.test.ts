import { describe, expect, it } from 'vitest';
import { Slots } from '../src/engine/slots.js';

/** Lets every pending promise callback run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('Slots', () => {
  it('lets at most `size` holders in, and the waiting ones in the order they asked', async () => {
    const slots = new Slots(2);
    const order: string[] = [];
    const holders = new Map<string, () => void>();
    for (const name of ['a', 'b', 'c', 'd'])
      void slots.acquire().then((release) => {
        order.push(name);
        holders.set(name, release);
      });
    await settle();
    expect(order).toEqual(['a', 'b']);
    holders.get('b')!();
    await settle();
    expect(order).toEqual(['a', 'b', 'c']);
    holders.get('a')!();
    await settle();
    expect(order).toEqual(['a', 'b', 'c', 'd']);
  });

  it('gives a slot back once, however often release is called', async () => {
    const slots = new Slots(1);
    const first = await slots.acquire();
    let second: (() => void) | undefined;
    let third: (() => void) | undefined;
    void slots.acquire().then((release) => (second = release));
    void slots.acquire().then((release) => (third = release));
    first();
    first();
    await settle();
    expect(second).toBeDefined();
    expect(third).toBeUndefined();
    second!();
    await settle();
    expect(third).toBeDefined();
  });

  it('refuses a size that is not a positive integer', () => {
    for (const size of [0, -1, 1.5, Number.NaN]) expect(() => new Slots(size)).toThrow(RangeError);
  });
});
