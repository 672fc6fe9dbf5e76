import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { OutboundLog } from '../../src/bot/ports/outbound.js';
import { outboundRepo } from '../../src/db/repos/outbound-repo.js';
import { FixedClock } from '../../src/lib/clock.js';
import type { Logger } from '../../src/lib/logger.js';
import { AccessTokenCache, appAccessToken, legacyAccessToken } from '../../src/platforms/dingtalk/access-token.js';
import { DingTalkSender } from '../../src/platforms/dingtalk/sender.js';
import { TokenBucketLimiter } from '../../src/platforms/rate-limiter.js';
import { freshDatabase, type TestDatabase } from './database.js';
import { FAKE_DT_CLIENT_ID, FAKE_DT_CLIENT_SECRET, FakeDingTalk } from './fake-dingtalk.js';

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

export interface FakeDingTalkSuite {
  fake: FakeDingTalk;
  t: TestDatabase;
  outbound: OutboundLog;
}

/**
 * The fake DingTalk and a fresh database (with its outbound record) for one describe block; each
 * test starts with the fake's records and the outbound record empty.
 */
export function useFakeDingTalk(): FakeDingTalkSuite {
  const suite = {} as FakeDingTalkSuite;
  beforeAll(async () => {
    suite.fake = await FakeDingTalk.start();
    suite.t = await freshDatabase('postgres');
    suite.outbound = outboundRepo(suite.t.db.prisma);
  });
  afterAll(async () => {
    await suite.fake?.close();
    await suite.t?.drop();
  });
  beforeEach(async () => {
    suite.fake.reset();
    await suite.t.db.prisma.outboundMessage.deleteMany();
  });
  return suite;
}
