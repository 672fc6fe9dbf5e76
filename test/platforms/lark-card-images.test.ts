import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { renderLarkCard, type LarkCardJson } from '../../cards/lark/render.js';
import type { Card } from '../../cards/model.js';
import type { OutboundLog } from '../../src/bot/ports/outbound.js';
import { FixedClock } from '../../src/lib/clock.js';
import { createLarkClient } from '../../src/platforms/lark/client.js';
import { LarkMessenger } from '../../src/platforms/lark/messenger.js';
import { LarkSender } from '../../src/platforms/lark/sender.js';
import { TokenBucketLimiter } from '../../src/platforms/rate-limiter.js';
import { components } from '../cards/lark-walk.js';
import { captureLogger } from '../support/capture-logger.js';
import { FakeLark } from '../support/fake-lark.js';
import { APP_ID } from '../support/lark-payloads.js';

// Cards with pictures: the PNG is uploaded to Lark first (POST /open-apis/im/v1/images) and the
// card names it by the image_key Lark returned.

const PNG_A = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mP8/x8AAwMCAO+ip1sAAAAASUVORK5CYII=', 'base64'));
const PNG_B = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'));

const chartCard = (png: Uint8Array): Card => ({
  title: '信访工作周报',
  colour: 'blue',
  elements: [{ kind: 'markdown', text: '**按村（社区）**' }, { kind: 'image', png, alt: '青山村 新收 4' }],
});

const imgOf = (content: string) => components(JSON.parse(content) as LarkCardJson).map((c) => c.node).find((n) => n.tag === 'img');

describe('card images on Lark', () => {
  let fake: FakeLark;
  const clock = new FixedClock(new Date('2026-11-23T01:00:00Z'));
  const slept: number[] = [];
  const noRecord: OutboundLog = { deliveredMessageId: async () => null, record: async () => {} };
  const log = captureLogger();

  function messenger() {
    const sleep = async (ms: number) => {
      slept.push(ms);
      clock.advance(ms);
    };
    const sender = new LarkSender({ limiter: new TokenBucketLimiter(() => clock.now().getTime(), sleep), outbound: noRecord, clock, logger: log.logger, sleep });
    return new LarkMessenger(createLarkClient({ appId: APP_ID, appSecret: 'secret', domain: fake.url }, log.logger), sender, renderLarkCard, { logger: log.logger });
  }

  beforeAll(async () => {
    fake = await FakeLark.start();
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    slept.length = 0;
    fake.requests.length = 0;
    fake.messages.length = 0;
    fake.images.length = 0;
    log.lines.length = 0;
  });

  it('uploads the PNG as a message image (multipart) and sends the card with the key Lark returned', async () => {
    await messenger().send({ kind: 'user', user: { platform: 'LARK', openId: 'ou_mayor' } }, chartCard(PNG_A), { uuid: 'weekly-1' });
    expect(fake.images).toHaveLength(1);
    expect(fake.images[0]).toMatchObject({ image_type: 'message' });
    expect(fake.images[0]!.bytes.equals(Buffer.from(PNG_A))).toBe(true);
    expect(fake.apiRequests().map((r) => `${r.method} ${r.path}`)).toEqual(['POST /open-apis/im/v1/images', 'POST /open-apis/im/v1/messages']);
    expect(imgOf(fake.messages[0]!.content)).toEqual({
      tag: 'img', img_key: fake.images[0]!.image_key, alt: { tag: 'plain_text', content: '青山村 新收 4' }, scale_type: 'fit_horizontal', preview: true,
    });
  });

  it('uploads one picture once: to many people, in replies and updates; another picture is uploaded on its own', async () => {
    const m = messenger();
    const sent = [];
    for (const openId of ['ou_office', 'ou_mayor', 'ou_secretary']) {
      // A new Uint8Array each time, as each recipient's card is built anew: the content counts, not the object.
      sent.push(await m.send({ kind: 'user', user: { platform: 'LARK', openId } }, chartCard(Uint8Array.from(PNG_A)), { uuid: `weekly-${openId}` }));
    }
    await m.reply('om_user_msg', chartCard(PNG_A), { uuid: 'reply-1' });
    await m.update(sent[0]!.messageId, chartCard(PNG_A));
    expect(fake.images).toHaveLength(1);
    const key = fake.images[0]!.image_key;
    expect([...fake.messages.map((x) => x.content), ...fake.patches.map((p) => p.content)].map((c) => imgOf(c)?.img_key)).toEqual([key, key, key, key, key]);

    await m.send({ kind: 'chat', chatId: 'oc_office' }, chartCard(PNG_B), { uuid: 'other-chart' });
    expect(fake.images.map((i) => i.image_key)).toEqual([key, expect.not.stringMatching(key)]);
    expect(imgOf(fake.messages.at(-1)!.content)?.img_key).toBe(fake.images[1]!.image_key);
  });

  it('retries an upload Lark answered with 500, and uploads once', async () => {
    fake.failNext(2, 500, { path: /\/im\/v1\/images$/ });
    await messenger().send({ kind: 'chat', chatId: 'oc_office' }, chartCard(PNG_A), { uuid: 'retry' });
    expect(slept).toEqual([500, 1000]);
    expect(fake.images).toHaveLength(1);
    expect(imgOf(fake.messages[0]!.content)?.img_key).toBe(fake.images[0]!.image_key);
  });

  it('sends the card with the alt text when Lark refuses the upload (e.g. no im:resource permission), and tries again next time', async () => {
    const m = messenger();
    fake.failNext(1, 400, { code: 99991672, msg: 'Access denied. One of the following scopes is required: [im:resource]', path: /\/im\/v1\/images$/ });
    await m.send({ kind: 'chat', chatId: 'oc_office' }, chartCard(PNG_A), { uuid: 'refused' });
    expect(fake.images).toHaveLength(0);
    expect(imgOf(fake.messages[0]!.content)).toBeUndefined();
    expect(fake.messages[0]!.content).toContain('青山村 新收 4');
    expect(log.lines).toContainEqual(expect.objectContaining({ level: 50, msg: 'lark image upload failed: the card goes without it' }));

    await m.send({ kind: 'chat', chatId: 'oc_office' }, chartCard(PNG_A), { uuid: 'after-refusal' });
    expect(fake.images).toHaveLength(1);
    expect(imgOf(fake.messages[1]!.content)?.img_key).toBe(fake.images[0]!.image_key);
  });

  it('a card without pictures uploads nothing', async () => {
    await messenger().send({ kind: 'chat', chatId: 'oc_office' }, { title: '提醒', colour: 'orange', elements: [{ kind: 'markdown', text: '请报送' }] }, { uuid: 'plain' });
    expect(fake.apiRequests().map((r) => r.path)).toEqual(['/open-apis/im/v1/messages']);
  });
});
