import { beforeEach, describe, expect, it } from 'vitest';
import type { OutboundLog } from '../../src/bot/ports/outbound.js';
import { dingtalkBuckets, dingtalkRateRules } from '../../src/platforms/dingtalk/limits.js';
import { DingTalkSendError } from '../../src/platforms/dingtalk/send-error.js';
import type { DingTalkRequest } from '../../src/platforms/dingtalk/sender.js';
import { TokenBucketLimiter } from '../../src/platforms/rate-limiter.js';
import { captureLogger } from '../support/capture-logger.js';
import type { TestDatabase } from '../support/database.js';
import { dingtalkSenderFor, useFakeDingTalk } from '../support/dingtalk-sender.js';
import { FAKE_DT_ROBOT_CODE, FakeDingTalk } from '../support/fake-dingtalk.js';

const groupSend = (text = '你好'): DingTalkRequest => ({
  host: 'api',
  method: 'POST',
  path: '/v1.0/robot/groupMessages/send',
  body: { robotCode: FAKE_DT_ROBOT_CODE, openConversationId: 'cidGroup1', msgKey: 'sampleMarkdown', msgParam: JSON.stringify({ title: '通知', text }) },
});

describe('DingTalkSender against the fake DingTalk API', () => {
  const suite = useFakeDingTalk();
  let fake: FakeDingTalk;
  let t: TestDatabase;
  let outbound: OutboundLog;
  const { logger, lines } = captureLogger();
  const rows = () => t.db.prisma.outboundMessage.findMany({ orderBy: { createdAt: 'asc' } });

  beforeEach(() => {
    ({ fake, t, outbound } = suite);
    lines.length = 0;
  });

  it('calls with the token in x-acs-dingtalk-access-token, fetched once and reused', async () => {
    const { sender } = dingtalkSenderFor(fake, outbound, logger);
    await sender.call({ chatId: 'cidGroup1' }, groupSend('一'));
    await sender.call({ chatId: 'cidGroup1' }, groupSend('二'));
    expect(fake.tokenRequests()).toHaveLength(1);
    const token = fake.apiRequests()[0]!.token;
    expect(token).toMatch(/^at-/);
    expect(fake.apiRequests().map((r) => r.token)).toEqual([token, token]);
    expect(fake.messages.map((m) => m.msgParam.text)).toEqual(['一', '二']);
  });

  it('retries 5xx with exponential backoff, then succeeds', async () => {
    const { sender, slept } = dingtalkSenderFor(fake, outbound, logger);
    fake.failNext(2, 503);
    const { attempts } = await sender.call({ chatId: 'cidGroup1' }, groupSend());
    expect(attempts).toBe(3);
    expect(slept).toEqual([500, 1000]);
    expect(fake.messages).toHaveLength(1);
  });

  it('waits at least a second when DingTalk says the app is over its QPS (403 QpsLimit), or what Retry-After says', async () => {
    const { sender, slept } = dingtalkSenderFor(fake, outbound, logger);
    fake.failNext(1, 403, { code: 'Forbidden.AccessDenied.QpsLimitForApi', message: '请求过于频繁' });
    fake.failNext(1, 429, { retryAfterSeconds: 3 });
    const { attempts } = await sender.call({ chatId: 'cidGroup1' }, groupSend());
    expect(attempts).toBe(3);
    expect(slept).toEqual([1000, 3000]);
  });

  it('does not retry other 4xx', async () => {
    const { sender, slept } = dingtalkSenderFor(fake, outbound, logger);
    fake.failNext(1, 400, { code: 'invalid.chatbotId', message: '无效的机器人id' });
    const err = await sender.call({ chatId: 'cidGroup1' }, groupSend()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DingTalkSendError);
    expect(err).toMatchObject({ status: 400, dingtalkCode: 'invalid.chatbotId', attempts: 1, retryable: false });
    expect(slept).toEqual([]);
    expect(fake.apiRequests()).toHaveLength(1);
  });

  it('gives up after 5 tries, records the delivery as FAILED with the last error, and throws', async () => {
    const { sender } = dingtalkSenderFor(fake, outbound, logger);
    fake.failNext(5, 502);
    const err = await sender
      .deliver({ uuid: 'remind-1', destination: 'chat:cidGroup1', payload: { msgKey: 'sampleMarkdown' }, target: { chatId: 'cidGroup1' }, kind: 'send', request: groupSend() })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ attempts: 5, status: 502, retryable: true });
    expect(await rows()).toEqual([
      expect.objectContaining({ platform: 'DINGTALK', uuid: 'remind-1', destination: 'chat:cidGroup1', status: 'FAILED', attempts: 5, lastError: expect.stringContaining('HTTP 502'), messageId: null }),
    ]);
    expect(lines.some((l) => l.msg === 'dingtalk delivery failed' && l.uuid === 'remind-1')).toBe(true);
  });

  it('records a delivered send as SENT and does not post it again under the same uuid', async () => {
    const { sender } = dingtalkSenderFor(fake, outbound, logger);
    const d = { uuid: 'remind-2', destination: 'chat:cidGroup1', payload: {}, target: { chatId: 'cidGroup1' }, kind: 'send' as const, request: groupSend(), messageIdOf: () => 'dt_x' };
    expect(await sender.deliver(d)).toEqual({ messageId: 'dt_x' });
    expect(await sender.deliver(d)).toEqual({ messageId: 'dt_x' });
    expect(fake.messages).toHaveLength(1);
    expect(await rows()).toEqual([expect.objectContaining({ uuid: 'remind-2', status: 'SENT', messageId: 'dt_x', attempts: 1 })]);
  });

  it('on a refused token (401 InvalidAuthentication) fetches a new token and tries once more', async () => {
    const { sender, slept } = dingtalkSenderFor(fake, outbound, logger);
    await sender.call({ chatId: 'cidGroup1' }, groupSend('先'));
    fake.revokeTokens();
    const { attempts } = await sender.call({ chatId: 'cidGroup1' }, groupSend('后'));
    expect(attempts).toBe(2);
    expect(slept).toEqual([]);
    expect(fake.tokenRequests()).toHaveLength(2);
    expect(fake.apiRequests().map((r) => r.status)).toEqual([200, 401, 200]);
  });

  it('refreshes the token only once per call: a second refusal fails the call', async () => {
    const { sender } = dingtalkSenderFor(fake, outbound, logger);
    fake.failNext(2, 401);
    const err = await sender.call({ chatId: 'cidGroup1' }, groupSend()).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 401, dingtalkCode: 'InvalidAuthentication', attempts: 2, retryable: false });
    expect(fake.tokenRequests()).toHaveLength(2);
  });

  it('the legacy host: token in the access_token query, its own token, refreshed on errcode 42001', async () => {
    const { sender } = dingtalkSenderFor(fake, outbound, logger);
    fake.addUser('13800000001', 'staff001');
    const call = () => sender.call<{ result: { userid: string } }>({ app: true }, { host: 'oapi', method: 'POST', path: '/topapi/v2/user/getbymobile', body: { mobile: '13800000001' } });
    expect((await call()).body.result.userid).toBe('staff001');
    fake.failNext(1, 200, { errcode: 42001, message: 'access_token超时', path: /getbymobile/ });
    expect(await call()).toMatchObject({ attempts: 2, body: { result: { userid: 'staff001' } } });
    expect(fake.legacyTokenRequests()).toHaveLength(2);
    expect(fake.tokenRequests()).toHaveLength(0);
    expect(fake.apiRequests().every((r) => r.token?.startsWith('legacy-'))).toBe(true);
  });

  it('retries network errors (nothing listening) and gives up with a retryable error', async () => {
    const dead = await FakeDingTalk.start();
    await dead.close();
    const { sender, slept } = dingtalkSenderFor(dead, outbound, logger);
    const err = await sender.call({ app: true }, groupSend()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DingTalkSendError);
    expect(err).toMatchObject({ attempts: 5, retryable: true, status: null });
    expect((err as Error).message).toContain('fetch failed');
    expect(slept).toEqual([500, 1000, 2000, 4000]);
  });

  it('waits for the rate limit: 5 a second into one person or group, 15 a second for the app', async () => {
    const { sender, slept } = dingtalkSenderFor(fake, outbound, logger);
    for (let i = 0; i < 6; i++) await sender.call({ chatId: 'cidBusy' }, groupSend(`${i}`));
    // The sixth send into the same group waited for a token: 1000 ms / 5.
    expect(slept).toEqual([200]);
    expect(fake.messages).toHaveLength(6);
  });
});

describe('DingTalk rate rules', () => {
  it('15 a second per app by default, 5 per person and per group', () => {
    let t = 0;
    const limiter = new TokenBucketLimiter(() => t);
    const rules = dingtalkRateRules();
    expect(rules.appPerSecond).toEqual({ capacity: 15, intervalMs: 1000 });
    const take = (target: Parameters<typeof dingtalkBuckets>[0]) => limiter.tryTake(dingtalkBuckets(target, rules));
    for (let i = 0; i < 5; i++) expect(take({ userId: 'u1' })).toBe(0);
    expect(take({ userId: 'u1' })).toBe(200);
    for (let i = 0; i < 10; i++) expect(take({ chatId: `cid${i}` })).toBe(0);
    // 5 + 10 taken: the app's 15 are spent, whoever asks next waits.
    expect(take({ app: true })).toBe(67);
    t += 67;
    expect(take({ app: true })).toBe(0);
  });

  it('a larger edition raises the app quota (DINGTALK_APP_QPS); a person and a group stay at 5', () => {
    const limiter = new TokenBucketLimiter(() => 0);
    const rules = dingtalkRateRules(40);
    for (let i = 0; i < 40; i++) expect(limiter.tryTake(dingtalkBuckets({ chatId: `cid${i}` }, rules))).toBe(0);
    expect(limiter.tryTake(dingtalkBuckets({ app: true }, rules))).toBe(25);
    expect(rules.perUser).toEqual({ capacity: 5, intervalMs: 1000 });
  });
});
