import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderLarkCard } from '../../cards/lark/render.js';
import type { Card } from '../../cards/model.js';
import type { InboundEvent } from '../../src/bot/inbound.js';
import { loadConfig } from '../../src/config.js';
import { FixedClock } from '../../src/lib/clock.js';
import { createLarkPlatform } from '../../src/platforms/lark/index.js';
import { captureLogger } from '../support/capture-logger.js';
import { FAKE_BOT_OPEN_ID, FakeLark } from '../support/fake-lark.js';
import { APP_ID, messageEvent, signAndEncrypt } from '../support/lark-payloads.js';

const render = (card: Card) => ({ schema: '2.0', header: { title: { tag: 'plain_text', content: card.title } } });
const outbound = { deliveredMessageId: async () => null, record: async () => {} };

describe('the Lark platform as the composition root builds it', () => {
  const { logger } = captureLogger();
  const now = new Date('2026-11-28T08:00:00Z');
  let fake: FakeLark;
  beforeAll(async () => {
    fake = await FakeLark.start();
  });
  afterAll(() => fake.close());

  it('is absent without app credentials', () => {
    expect(createLarkPlatform({ config: loadConfig({}), dispatch: async () => {}, logger, render, outbound })).toBeNull();
  });

  it('learns its bot open_id at start, serves the webhook routes, and sends through the messenger', async () => {
    const config = loadConfig({ LARK_APP_ID: APP_ID, LARK_APP_SECRET: 'secret', LARK_ENCRYPT_KEY: 'ek', LARK_DOMAIN: fake.url });
    const received: InboundEvent[] = [];
    const platform = createLarkPlatform({ config, dispatch: async (e) => void received.push(e), logger, render, outbound, clock: new FixedClock(now) })!;
    await platform.start();
    expect(fake.requests).toContainEqual(expect.objectContaining({ method: 'GET', path: '/open-apis/bot/v3/info' }));

    const app = new Koa();
    app.use(platform.router!.routes());
    const server: Server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      // Typed "user" on purpose: only the open_id learnt at start says it is this bot.
      const env = messageEvent({ text: '@_user_1 帮助', mentions: [{ key: '@_user_1', id: { open_id: FAKE_BOT_OPEN_ID }, name: '助手', mentioned_type: 'user' }] });
      const req = signAndEncrypt(env, 'ek', { timestamp: now });
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/lark/events`, { method: 'POST', body: req.rawBody, headers: req.headers });
      expect(res.status).toBe(200);
      await new Promise((r) => setTimeout(r, 20));
      expect(received).toEqual([expect.objectContaining({ text: '帮助', mentionsBot: true })]);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }

    const sent = await platform.messenger.send({ kind: 'chat', chatId: 'oc_1' }, { title: 'hi', colour: 'blue', elements: [] }, { uuid: 'k1' });
    expect(fake.messages).toEqual([expect.objectContaining({ message_id: sent.messageId, uuid: 'k1' })]);
    await platform.stop();
  });

  it('renders with the cards renderer unless told otherwise', async () => {
    const config = loadConfig({ LARK_APP_ID: APP_ID, LARK_APP_SECRET: 'secret', LARK_MODE: 'ws', LARK_DOMAIN: fake.url });
    const platform = createLarkPlatform({ config, dispatch: async () => {}, logger, outbound })!;
    expect(platform.router).toBeNull();
    const card: Card = { title: '包案提醒', colour: 'orange', elements: [{ kind: 'markdown', text: '请报送进展' }] };
    await platform.messenger.send({ kind: 'chat', chatId: 'oc_2' }, card, { uuid: 'k2' });
    expect(JSON.parse(fake.messages.at(-1)!.content)).toEqual(renderLarkCard(card));
  });
});
