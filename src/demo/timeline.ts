import type { FixedClock } from '../lib/clock.js';

interface Waiting {
  at: number;
  seq: number;
  wake: () => void;
}

/**
 * Replays the township's past in time order. Each story (a case, a duty) is an async function
 * that waits for moments with `at(time)`; one story runs at a time, and the shared clock is set
 * to the moment before the story resumes. Use cases therefore see "now" move forward as it did,
 * and the audit log's order matches the times it records.
 */
export class Timeline {
  private readonly queue: Waiting[] = [];
  private seq = 0;
  private yielded: (() => void) | null = null;
  private failure: { error: unknown } | null = null;
  private current = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly clock: FixedClock,
    /** No story may reach past this moment (the demo's "now"). */
    private readonly end: Date,
  ) {}

  /** Starts a story at `start`. */
  spawn(start: Date, story: () => Promise<void>): void {
    this.enqueue(start, () => {
      story()
        .catch((error: unknown) => {
          this.failure ??= { error };
        })
        .finally(() => this.signal());
    });
  }

  /** Suspends the calling story until `at` (or now, if `at` has passed: time never runs back). */
  at(at: Date): Promise<void> {
    if (at.getTime() > this.end.getTime()) {
      return Promise.reject(new Error(`demo event after the end of the demo: ${at.toISOString()}`));
    }
    return new Promise((wake) => {
      this.enqueue(at, wake);
      this.signal();
    });
  }

  /** Runs every story to its end, in time order. */
  async run(): Promise<void> {
    while (this.queue.length > 0 && !this.failure) {
      const next = this.queue.shift()!;
      this.current = next.at;
      this.clock.set(new Date(next.at));
      const yielded = new Promise<void>((resolve) => {
        this.yielded = resolve;
      });
      next.wake();
      await yielded;
    }
    if (this.failure) throw this.failure.error;
    this.clock.set(this.end);
  }

  private enqueue(at: Date, wake: () => void): void {
    const item = { at: Math.max(at.getTime(), this.current), seq: this.seq++, wake };
    let i = this.queue.length;
    while (i > 0 && this.queue[i - 1]!.at > item.at) i--;
    this.queue.splice(i, 0, item);
  }

  private signal(): void {
    const resolve = this.yielded;
    this.yielded = null;
    resolve?.();
  }
}
