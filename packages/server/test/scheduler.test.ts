// The cluster model's timers run in due order, also when the event loop wakes late, where Node's own timers do not.
import { describe, expect, it } from 'vitest';
import { Scheduler } from '../src/cluster/scheduler.js';

/** Blocks the event loop (a busy machine) for `ms`. */
const block = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Resolves once `ran` has `count` entries. */
function until(ran: readonly unknown[], count: number): Promise<void> {
  return new Promise((resolve) => {
    const poll = () => (ran.length >= count ? resolve() : setImmediate(poll));
    poll();
  });
}

describe('Scheduler', () => {
  it('runs what fell due while the loop was blocked in due order, where Node runs its timers list by list', async () => {
    const scheduler = new Scheduler();
    const ran: string[] = [];
    const node: string[] = [];
    // Timer lists of 300 ms that Node made before the 200 ms ones below.
    const earlier = [setTimeout(() => {}, 300)];
    await new Promise((resolve) => setTimeout(resolve, 100));
    scheduler.schedule(300, () => ran.push('300 ms'));
    scheduler.schedule(200, () => ran.push('200 ms'));
    setTimeout(() => node.push('300 ms'), 300);
    setTimeout(() => node.push('200 ms'), 200);
    block(600);
    await until(ran, 2);
    await until(node, 2);
    earlier.forEach(clearTimeout);
    expect(ran).toEqual(['200 ms', '300 ms']);
    // The premise: Node's own timers, set the same way, run out of due order.
    expect(node).toEqual(['300 ms', '200 ms']);
  });

  it('runs entries due together in the order they were set, and work due now before later work', async () => {
    const scheduler = new Scheduler();
    const ran: string[] = [];
    scheduler.schedule(5, () => ran.push('a'));
    scheduler.schedule(5, () => ran.push('b'));
    scheduler.schedule(0, () => ran.push('now'));
    scheduler.schedule(-1, () => ran.push('now too'));
    await until(ran, 4);
    expect(ran).toEqual(['now', 'now too', 'a', 'b']);
  });

  it('runs an entry set by a running entry on a later wake-up, never in the same pass', async () => {
    const scheduler = new Scheduler();
    const ran: string[] = [];
    scheduler.schedule(0, () => {
      ran.push('first');
      scheduler.schedule(0, () => ran.push('set by first'));
      ran.push('first, after setting');
    });
    await until(ran, 3);
    expect(ran).toEqual(['first', 'first, after setting', 'set by first']);
  });

  it('runs nothing cancelled, and nothing after clear', async () => {
    const scheduler = new Scheduler();
    const ran: string[] = [];
    const cancelled = scheduler.schedule(1, () => ran.push('cancelled'));
    scheduler.schedule(2, () => ran.push('kept'));
    scheduler.cancel(cancelled);
    await until(ran, 1);
    scheduler.schedule(1, () => ran.push('cleared'));
    scheduler.schedule(0, () => ran.push('cleared too'));
    scheduler.clear();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ran).toEqual(['kept']);
  });

  it('keeps the heap order over many entries set out of order', async () => {
    const scheduler = new Scheduler();
    const ran: number[] = [];
    const dues = Array.from({ length: 200 }, (_, i) => (i * 37) % 50);
    for (const due of dues) scheduler.schedule(due, () => ran.push(due));
    block(60);
    await until(ran, dues.length);
    expect(ran).toEqual([...dues].sort((a, b) => a - b));
  });
});
