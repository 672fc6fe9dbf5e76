/**
 * R24: how long the copies of what the bot sent (the platforms' outbound records, the outbox's
 * pushes) keep their content — cards and notifications full of petitioners' names and numbers.
 * After that only what idempotency and the figures need stays: ids, status, times.
 */
export interface PayloadRetention {
  /** Days a delivered message keeps its content; 0 = none kept once delivered. */
  sentDays: number;
  /** Days an undelivered one keeps it, beyond any retry (hours), so that a failure can be looked into. */
  failedDays: number;
}

export const DEFAULT_PAYLOAD_RETENTION: Readonly<PayloadRetention> = Object.freeze({ sentDays: 7, failedDays: 30 });

export interface PayloadCutoffs {
  /** Delivered copies recorded before this lose their content. */
  sentBefore: Date;
  /** Undelivered (failed, cancelled) copies recorded before this lose theirs. */
  failedBefore: Date;
}

const DAY_MS = 86_400_000;

/** The cutoffs at `now`: whole days of 24 hours, counted from when each copy was recorded. */
export function payloadCutoffs(now: Date, retention: PayloadRetention): PayloadCutoffs {
  return { sentBefore: new Date(now.getTime() - retention.sentDays * DAY_MS), failedBefore: new Date(now.getTime() - retention.failedDays * DAY_MS) };
}
