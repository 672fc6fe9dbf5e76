import type { OutboundLog } from '../../src/bot/ports/outbound.js';
import { FixedClock } from '../../src/lib/clock.js';
import type { Logger } from '../../src/lib/logger.js';
import { AccessTokenCache, appAccessToken, legacyAccessToken } from '../../src/platforms/dingtalk/access-token.js';
import { DingTalkSender } from '../../src/platforms/dingtalk/sender.js';
import { TokenBucketLimiter } from '../../src/platforms/rate-limiter.js';
import { FAKE_DT_CLIENT_ID, FAKE_DT_CLIENT_SECRET, type FakeDingTalk } from './fake-dingtalk.js';

/**
 * A DingTalkSender wired to the fake on both hosts, with one fake clock for tokens and limits and
 * an injected sleep that records each wait and moves the clock on.
 */
export function dingtalkSenderFor(fake: FakeDingTalk, outbound: OutboundLog, logger: Logger, clock = new FixedClock(new Date('2026-11-28T08:00:00Z'))) {
  const slept: number[] = [];
  const sleep = async (ms: number) => {
    slept.push(ms);
    clock.advance(ms);
  };
  const now = () => clock.now().getTime();
  const app = { clientId: FAKE_DT_CLIENT_ID, clientSecret: FAKE_DT_CLIENT_SECRET };
  const sender = new DingTalkSender({
    apiUrl: fake.url,
    oapiUrl: fake.url,
    tokens: { api: new AccessTokenCache(appAccessToken(fake.url, app), now), oapi: new AccessTokenCache(legacyAccessToken(fake.url, app), now) },
    limiter: new TokenBucketLimiter(now, sleep),
    outbound,
    clock,
    logger,
    sleep,
  });
  return { sender, slept, clock };
}
