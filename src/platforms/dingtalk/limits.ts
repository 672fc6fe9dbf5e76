import type { BucketRef, RateRule } from '../rate-limiter.js';

// DingTalk's app API QPS depends on the edition: 20 (标准) / 40 (专业) / 60 (专属) per app
// (platforms.md §5, community answers). We stay under the smallest with 15/s per app, and at 5/s
// into one person's 1:1 chat or one group, as the scheduler notes ask.
export const DINGTALK_RATE_RULES = {
  appPerSecond: { capacity: 15, intervalMs: 1000 },
  perChat: { capacity: 5, intervalMs: 1000 },
  perUser: { capacity: 5, intervalMs: 1000 },
} satisfies Record<string, RateRule>;

/** What a call counts against besides the app: a group conversation, a person, or nothing more (`app`). */
export type DingTalkRateTarget = { chatId: string } | { userId: string } | { app: true };

/** The buckets one call must take from: always the app's, plus the group's or the person's. */
export function dingtalkBuckets(target: DingTalkRateTarget): BucketRef[] {
  const refs: BucketRef[] = [{ key: 'app:s', rule: DINGTALK_RATE_RULES.appPerSecond }];
  if ('chatId' in target) refs.push({ key: `chat:${target.chatId}`, rule: DINGTALK_RATE_RULES.perChat });
  if ('userId' in target) refs.push({ key: `user:${target.userId}`, rule: DINGTALK_RATE_RULES.perUser });
  return refs;
}
