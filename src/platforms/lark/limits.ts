import type { BucketRef, RateRule } from '../rate-limiter.js';

// Lark's documented send limits (platforms.md §5): per app 50/s and 1000/min, per user and per
// chat 5/s, one message updated at most 5/s.
export const LARK_RATE_RULES = {
  appPerSecond: { capacity: 50, intervalMs: 1000 },
  appPerMinute: { capacity: 1000, intervalMs: 60_000 },
  perChat: { capacity: 5, intervalMs: 1000 },
  perUser: { capacity: 5, intervalMs: 1000 },
  perMessageUpdate: { capacity: 5, intervalMs: 1000 },
} satisfies Record<string, RateRule>;

/** What a call counts against besides the app: a chat, a user, an updated message, or nothing more (`app`). */
export type LarkRateTarget = { chatId: string } | { userId: string } | { updatedMessageId: string } | { app: true };

/** The buckets one call must take from: always the app's, plus the chat's, user's or message's. */
export function larkBuckets(target: LarkRateTarget): BucketRef[] {
  const refs: BucketRef[] = [
    { key: 'app:s', rule: LARK_RATE_RULES.appPerSecond },
    { key: 'app:m', rule: LARK_RATE_RULES.appPerMinute },
  ];
  if ('chatId' in target) refs.push({ key: `chat:${target.chatId}`, rule: LARK_RATE_RULES.perChat });
  if ('userId' in target) refs.push({ key: `user:${target.userId}`, rule: LARK_RATE_RULES.perUser });
  if ('updatedMessageId' in target) refs.push({ key: `update:${target.updatedMessageId}`, rule: LARK_RATE_RULES.perMessageUpdate });
  return refs;
}
