import type { BucketRef, RateRule } from '../rate-limiter.js';

// DingTalk's app API QPS depends on the edition: 20 (标准) / 40 (专业) / 60 (专属) per app
// (platforms.md §5, community answers). By default we stay under the smallest with 15/s per app
// (DINGTALK_APP_QPS raises it for a larger edition), and at 5/s into one person's 1:1 chat or one
// group, as the scheduler notes ask.
export const DEFAULT_DINGTALK_APP_QPS = 15;

export interface DingTalkRateRules {
  appPerSecond: RateRule;
  perChat: RateRule;
  perUser: RateRule;
}

export function dingtalkRateRules(appPerSecond = DEFAULT_DINGTALK_APP_QPS): DingTalkRateRules {
  return {
    appPerSecond: { capacity: appPerSecond, intervalMs: 1000 },
    perChat: { capacity: 5, intervalMs: 1000 },
    perUser: { capacity: 5, intervalMs: 1000 },
  };
}

/** What a call counts against besides the app: a group conversation, a person, or nothing more (`app`). */
export type DingTalkRateTarget = { chatId: string } | { userId: string } | { app: true };

/** The buckets one call must take from: always the app's, plus the group's or the person's. */
export function dingtalkBuckets(target: DingTalkRateTarget, rules: DingTalkRateRules): BucketRef[] {
  const refs: BucketRef[] = [{ key: 'app:s', rule: rules.appPerSecond }];
  if ('chatId' in target) refs.push({ key: `chat:${target.chatId}`, rule: rules.perChat });
  if ('userId' in target) refs.push({ key: `user:${target.userId}`, rule: rules.perUser });
  return refs;
}
