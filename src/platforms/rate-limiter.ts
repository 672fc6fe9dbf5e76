/** At most `capacity` takes per `intervalMs`, refilled continuously (a token bucket). */
export interface RateRule {
  capacity: number;
  intervalMs: number;
}

export interface BucketRef {
  key: string;
  rule: RateRule;
}

interface Bucket {
  tokens: number;
  at: number;
}

const MAX_IDLE_BUCKETS = 10_000;

/**
 * In-process token buckets keyed by name (`app:s`, `chat:oc_…`, …). A take needs one token from
 * every bucket named, and takes from none unless all have one, so a send blocked by its chat
 * does not spend the app's budget. Time and waiting are injected: tests drive a fake clock.
 */
export class TokenBucketLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** Takes one token from each bucket and returns 0, or takes nothing and returns the ms to wait. */
  tryTake(refs: BucketRef[]): number {
    const t = this.now();
    let wait = 0;
    for (const ref of refs) {
      const b = this.refill(ref, t);
      if (b.tokens < 1) wait = Math.max(wait, Math.ceil(((1 - b.tokens) * ref.rule.intervalMs) / ref.rule.capacity));
    }
    if (wait > 0) return wait;
    for (const ref of refs) this.buckets.get(ref.key)!.tokens -= 1;
    return 0;
  }

  /** Waits until every bucket has a token, then takes them. */
  async acquire(refs: BucketRef[]): Promise<void> {
    for (;;) {
      const wait = this.tryTake(refs);
      if (wait === 0) return;
      await this.sleep(wait);
    }
  }

  /** How many buckets are kept (full idle ones are dropped once there are many). */
  get size(): number {
    return this.buckets.size;
  }

  private refill(ref: BucketRef, t: number): Bucket {
    let b = this.buckets.get(ref.key);
    if (!b) {
      if (this.buckets.size >= MAX_IDLE_BUCKETS) this.dropIdle(t);
      b = { tokens: ref.rule.capacity, at: t };
      this.buckets.set(ref.key, b);
      return b;
    }
    const elapsed = Math.max(0, t - b.at);
    b.tokens = Math.min(ref.rule.capacity, b.tokens + (elapsed * ref.rule.capacity) / ref.rule.intervalMs);
    b.at = t;
    return b;
  }

  private dropIdle(t: number): void {
    // Idle a minute, any bucket of a rule with interval ≤ 60 s is full: the same as a new one.
    for (const [key, b] of this.buckets) {
      if (t - b.at > 60_000) this.buckets.delete(key);
    }
  }
}
