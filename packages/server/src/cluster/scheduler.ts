// The cluster model's timers (open and close delays, the timeouts of the waits for them), run in the order they fall
// due. Node runs the timers that expired while its event loop was busy list by list (one list per duration, in the
// order the lists were made), not in due order: after a late wake-up, a 300 ms close could run before a 200 ms timeout
// set in the same tick, and the close answered 200 where it had timed out (CJ-TIMEOUT-001). Here one Node timer (or
// an immediate, for work due now) is armed for the earliest entry, and each wake-up runs every entry due by then,
// earliest first; entries due at the same time run in the order they were set.

/** A pending entry; `cancel` empties it. */
export interface Timer {
  readonly due: number;
  readonly order: number;
  run: (() => void) | undefined;
}

/** setTimeout's ceiling (about 24.8 days); a later entry is woken for again. */
const MAX_TIMER_MS = 2_147_483_647;

function earlier(a: Timer, b: Timer): boolean {
  return a.due < b.due || (a.due === b.due && a.order < b.order);
}

export class Scheduler {
  /** A binary min-heap by (due, order). Cancelled entries stay until they reach the top. */
  private readonly heap: Timer[] = [];
  private order = 0;
  private wake: { handle: NodeJS.Timeout | NodeJS.Immediate; at: number } | undefined;

  /** @param now  the clock due times are read from, in milliseconds (performance.now; tests pass one they move) */
  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Runs `run` after `ms` (at once, in an immediate, for `ms <= 0`: Node would clamp a 0 ms timeout to 1 ms). */
  schedule(ms: number, run: () => void): Timer {
    const now = this.now();
    const timer: Timer = { due: ms > 0 ? now + ms : now, order: this.order++, run };
    this.push(timer);
    this.arm(now);
    return timer;
  }

  cancel(timer: Timer | undefined): void {
    if (timer) timer.run = undefined;
  }

  /** Drops every entry (server shutdown). */
  clear(): void {
    for (const timer of this.heap) timer.run = undefined;
    this.heap.length = 0;
    this.disarm();
  }

  private readonly drain = (): void => {
    this.wake = undefined;
    const now = this.now();
    // Entries set by a callback below wait for the next wake-up, as they would have, even when the clock has not moved
    // (their due time is then `now`, and every earlier entry due by `now` comes before them in the heap).
    const setBefore = this.order;
    for (let next = this.heap[0]; next && next.due <= now && next.order < setBefore; next = this.heap[0]) {
      this.pop();
      const run = next.run;
      next.run = undefined;
      run?.();
    }
    this.arm(this.now());
  };

  private arm(now: number): void {
    while (this.heap.length > 0 && this.heap[0]!.run === undefined) this.pop();
    const next = this.heap[0];
    if (!next) {
      this.disarm();
      return;
    }
    if (this.wake && this.wake.at <= next.due) return;
    this.disarm();
    const wait = next.due - now;
    // A timer can fire up to a millisecond before performance.now() reaches its due time (Node times it from the
    // loop's cached clock): the wake-up then finds nothing due and arms again for the rest.
    this.wake =
      wait <= 0
        ? { handle: setImmediate(this.drain), at: now }
        : { handle: setTimeout(this.drain, Math.min(Math.ceil(wait), MAX_TIMER_MS)), at: next.due };
  }

  private disarm(): void {
    if (!this.wake) return;
    const { handle } = this.wake;
    // Only a Timeout has refresh(); clearTimeout would not cancel an Immediate.
    if ('refresh' in handle) clearTimeout(handle);
    else clearImmediate(handle);
    this.wake = undefined;
  }

  private push(timer: Timer): void {
    const heap = this.heap;
    let at = heap.push(timer) - 1;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!earlier(timer, heap[parent]!)) break;
      heap[at] = heap[parent]!;
      at = parent;
    }
    heap[at] = timer;
  }

  private pop(): Timer {
    const heap = this.heap;
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      let at = 0;
      for (;;) {
        const left = 2 * at + 1;
        if (left >= heap.length) break;
        const right = left + 1;
        const child = right < heap.length && earlier(heap[right]!, heap[left]!) ? right : left;
        if (!earlier(heap[child]!, last)) break;
        heap[at] = heap[child]!;
        at = child;
      }
      heap[at] = last;
    }
    return top;
  }
}
