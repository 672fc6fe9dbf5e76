import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Card } from '../../cards/model.js';
import type { OutboundLog } from '../../src/bot/ports/outbound.js';
import { outboundRepo } from '../../src/db/repos/outbound-repo.js';
import { FixedClock } from '../../src/lib/clock.js';
import { createLarkClient } from '../../src/platforms/lark/client.js';
import { LarkSendError } from '../../src/platforms/lark/errors.js';
import { LarkMessenger } from '../../src/platforms/lark/messenger.js';
import { LarkSender } from '../../src/platforms/lark/sender.js';
import { larkUuid } from '../../src/platforms/lark/send-uuid.js';
import { TokenBucketLimiter } from '../../src/platforms/rate-limiter.js';
import { captureLogger } from '../support/capture-logger.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { FakeLark } from '../support/fake-lark.js';
import { APP_ID } from '../support/lark-payloads.js';

const card: Card = { title: '包案提醒', colour: 'orange', elements: [{ kind: 'markdown', text: '请于 **12月1日** 前报送进展' }] };
const render = (c: Card) => ({ schema: '2.0', config: { update_multi: true }, header: { title: { tag: 'plain_text', content: c.title } }, body: { elements: [] } });

describe('LarkMessenger against the fake Lark API', () => {
  let fake: FakeLark;
  let t: TestDatabase;
  let outbound: OutboundLog;
  const clock = new FixedClock(new Date('2026-11-28T08:00:00Z'));
  const slept: number[] = [];
  const { logger } = captureLogger();

  function messenger(log: OutboundLog = outbound) {
    const sleep = async (ms: number) => {
      slept.push(ms);
      clock.advance(ms);
    };
    const limiter = new TokenBucketLimiter(() => clock.now().getTime(), sleep);
    const sender = new LarkSender({ limiter, outbound: log, clock, logger, sleep });
    return new LarkMessenger(createLarkClient({ appId: APP_ID, appSecret: 'secret', domain: fake.url }, logger), sender, render);
  }
  const rows = () => t.db.prisma.outboundMessage.findMany({ orderBy: { createdAt: 'asc' } });

  beforeAll(async () => {
    fake = await FakeLark.start();
    t = await freshDatabase('postgres');
    outbound = outboundRepo(t.db.prisma);
  });
  afterAll(async () => {
    await fake.close();
    await t.drop();
  });
  beforeEach(async () => {
    slept.length = 0;
    fake.requests.length = 0;
    fake.messages.length = 0;
    await t.db.prisma.outboundMessage.deleteMany();
  });

  it('sends a card to a chat with its uuid and records it as SENT', async () => {
    const { messageId } = await messenger().send({ kind: 'chat', chatId: 'oc_office' }, card, { uuid: 'remind-case-1-2026-11-28' });
    expect(fake.messages).toEqual([
      expect.objectContaining({ message_id: messageId, kind: 'create', receive_id_type: 'chat_id', receive_id: 'oc_office', msg_type: 'interactive', uuid: 'remind-case-1-2026-11-28' }),
    ]);
    expect(JSON.parse(fake.messages[0]!.content)).toEqual(render(card));
    expect(fake.requests.filter((r) => r.path.startsWith('/open-apis/auth/'))).toHaveLength(1);
    expect(await rows()).toEqual([
      expect.objectContaining({ platform: 'LARK', uuid: 'remind-case-1-2026-11-28', destination: 'chat_id:oc_office', status: 'SENT', messageId, attempts: 1, lastError: null }),
    ]);
  });

  it('sends to a person by open_id when known, else union_id, else user_id', async () => {
    const m = messenger();
    await m.send({ kind: 'user', user: { platform: 'LARK', openId: 'ou_a', unionId: 'on_a', userId: 'a' } }, card, { uuid: 'u-1' });
    await m.send({ kind: 'user', user: { platform: 'LARK', unionId: 'on_b', userId: 'b' } }, card, { uuid: 'u-2' });
    await m.send({ kind: 'user', user: { platform: 'LARK', userId: 'c' } }, card, { uuid: 'u-3' });
    expect(fake.messages.map((x) => [x.receive_id_type, x.receive_id])).toEqual([
      ['open_id', 'ou_a'],
      ['union_id', 'on_b'],
      ['user_id', 'c'],
    ]);
  });

  it('replies and updates through the API the SDK calls', async () => {
    const m = messenger();
    const reply = await m.reply('om_user_msg', card, { uuid: 'reply-ev-1' });
    expect(fake.messages).toEqual([expect.objectContaining({ message_id: reply.messageId, kind: 'reply', parent_id: 'om_user_msg', uuid: 'reply-ev-1' })]);
    await m.update(reply.messageId, { ...card, title: '已报送' });
    expect(fake.patches).toContainEqual({ message_id: reply.messageId, content: JSON.stringify(render({ ...card, title: '已报送' })) });
    expect(fake.apiRequests().map((r) => `${r.method} ${r.path}`)).toEqual([`POST /open-apis/im/v1/messages/om_user_msg/reply`, `PATCH /open-apis/im/v1/messages/${reply.messageId}`]);
    expect((await rows()).map((r) => r.destination)).toEqual(['reply:om_user_msg']);
  });

  it('hashes keys longer than 50 characters into a stable uuid', async () => {
    const key = `reminder:${'case-0123456789abcdef'.repeat(4)}:2026-11-28`;
    const uuid = larkUuid(key);
    expect(uuid.length).toBeLessThanOrEqual(50);
    expect(larkUuid(key)).toBe(uuid);
    await messenger().send({ kind: 'chat', chatId: 'oc_x' }, card, { uuid: key });
    expect(fake.requests.at(-1)!.uuid).toBe(uuid);
  });

  it('never posts twice for one uuid: Lark dedupes within the hour, the record beyond it', async () => {
    const noRecord: OutboundLog = { deliveredMessageId: async () => null, record: async () => {} };
    const a = await messenger(noRecord).send({ kind: 'chat', chatId: 'oc_x' }, card, { uuid: 'same-key' });
    const b = await messenger(noRecord).send({ kind: 'chat', chatId: 'oc_x' }, card, { uuid: 'same-key' });
    expect(b.messageId).toBe(a.messageId);
    expect(fake.messages).toHaveLength(1);

    const c = await messenger().send({ kind: 'chat', chatId: 'oc_x' }, card, { uuid: 'other-key' });
    const calls = fake.apiRequests().length;
    const d = await messenger().send({ kind: 'chat', chatId: 'oc_x' }, card, { uuid: 'other-key' });
    expect(d.messageId).toBe(c.messageId);
    expect(fake.apiRequests()).toHaveLength(calls);
  });

  it('retries a 500 with exponential backoff and then records one delivered message', async () => {
    fake.failNext(2, 500);
    const { messageId } = await messenger().send({ kind: 'chat', chatId: 'oc_x' }, card, { uuid: 'retry-500' });
    expect(slept).toEqual([500, 1000]);
    expect(fake.apiRequests().map((r) => r.status)).toEqual([500, 500, 200]);
    expect(fake.messages).toHaveLength(1);
    expect(await rows()).toEqual([expect.objectContaining({ uuid: 'retry-500', status: 'SENT', messageId, attempts: 3 })]);
  });

  it('waits as long as x-ogw-ratelimit-reset says after a 429', async () => {
    fake.failNext(1, 429, { resetSeconds: 2 });
    await messenger().send({ kind: 'chat', chatId: 'oc_x' }, card, { uuid: 'rate-limited' });
    expect(slept).toEqual([2000]);
    expect(fake.messages).toHaveLength(1);
  });

  it('gives up at once on a 4xx and records the message as FAILED in the database', async () => {
    fake.failNext(1, 400, { code: 230002, msg: 'Bot/User can NOT be out of the chat.' });
    const err = await messenger()
      .send({ kind: 'chat', chatId: 'oc_gone' }, card, { uuid: 'perm-fail' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LarkSendError);
    expect(err).toMatchObject({ status: 400, larkCode: 230002, attempts: 1 });
    expect(fake.apiRequests()).toHaveLength(1);
    expect(slept).toEqual([]);
    const [row] = await rows();
    expect(row).toMatchObject({ uuid: 'perm-fail', destination: 'chat_id:oc_gone', status: 'FAILED', attempts: 1, messageId: null, sentAt: null });
    expect(row!.lastError).toContain('230002');
    expect(row!.payload).toEqual({ msg_type: 'interactive', card: render(card) });
  });

  it('records FAILED when 5xx answers outlast the retries', async () => {
    fake.failNext(5, 503);
    await expect(messenger().send({ kind: 'chat', chatId: 'oc_x' }, card, { uuid: 'always-503' })).rejects.toBeInstanceOf(LarkSendError);
    expect(slept).toEqual([500, 1000, 2000, 4000]);
    expect(await rows()).toEqual([expect.objectContaining({ status: 'FAILED', attempts: 5 })]);
  });

  it('records a failed update, and refuses a person with no Lark id', async () => {
    await expect(messenger().update('om_unknown', card)).rejects.toMatchObject({ larkCode: 230001 });
    await expect(messenger().send({ kind: 'user', user: { platform: 'LARK' } }, card, { uuid: 'nobody' })).rejects.toBeInstanceOf(LarkSendError);
    expect((await rows()).map((r) => [r.destination, r.status])).toEqual([
      ['update:om_unknown', 'FAILED'],
      ['user:(no Lark id)', 'FAILED'],
    ]);
  });

  it('keeps to 5 messages a second into one chat', async () => {
    const m = messenger();
    for (let i = 0; i < 6; i++) await m.send({ kind: 'chat', chatId: 'oc_busy' }, card, { uuid: `burst-${i}` });
    expect(slept).toEqual([200]);
  });

  it('finds a user by mobile or email (open_id), and null when Lark does not know them', async () => {
    fake.addUser({ open_id: 'ou_wang', union_id: 'on_wang', user_id: 'wang', mobile: '13800000001', email: 'wang@town.gov.cn' });
    const m = messenger();
    expect(await m.findUser({ mobile: '13800000001' })).toEqual({ platform: 'LARK', openId: 'ou_wang' });
    expect(await m.findUser({ mobile: '13900000000', email: 'wang@town.gov.cn' })).toEqual({ platform: 'LARK', openId: 'ou_wang' });
    expect(await m.findUser({ email: 'nobody@town.gov.cn' })).toBeNull();
    expect(fake.apiRequests('/open-apis/contact/').every((r) => r.query.user_id_type === 'open_id')).toBe(true);
  });
});
