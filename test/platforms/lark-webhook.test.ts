import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Card } from '../../cards/model.js';
import type { InboundEvent } from '../../src/bot/inbound.js';
import type { ActionResponse } from '../../src/bot/messaging-port.js';
import { FixedClock } from '../../src/lib/clock.js';
import { createLarkEventDispatcher } from '../../src/platforms/lark/events.js';
import { larkWebhookRouter } from '../../src/platforms/lark/webhook.js';
import { captureLogger } from '../support/capture-logger.js';
import { chunked } from '../support/http-server.js';
import { BOT_OPEN_ID, cardActionEvent, encryptLark, messageEvent, signAndEncrypt, urlVerification } from '../support/lark-payloads.js';

const ENCRYPT_KEY = 'encrypt-key-for-tests';
const TOKEN = 'verification-token';
const NOW = new Date('2026-11-28T08:00:00Z');

const render = (card: Card) => ({ schema: '2.0', header: { title: { tag: 'plain_text', content: card.title } }, body: { elements: [] } });

describe('Lark webhook', () => {
  const clock = new FixedClock(NOW);
  const { logger, lines } = captureLogger();
  const received: InboundEvent[] = [];
  let answer: ActionResponse | void = undefined;
  let server: Server;
  let base = '';

  beforeAll(async () => {
    const dispatcher = createLarkEventDispatcher({
      encryptKey: ENCRYPT_KEY,
      verificationToken: TOKEN,
      dispatch: async (event) => {
        received.push(event);
        return answer;
      },
      render,
      logger,
      clock,
      botOpenId: () => BOT_OPEN_ID,
    });
    const router = larkWebhookRouter({ dispatcher, encryptKey: ENCRYPT_KEY, verificationToken: TOKEN, logger, clock });
    const app = new Koa();
    app.use(router.routes()).use(router.allowedMethods());
    server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  beforeEach(() => {
    received.length = 0;
    lines.length = 0;
    answer = undefined;
    clock.set(NOW);
  });

  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
  const signed = (path: string, payload: unknown, opts: { timestamp?: Date } = {}) => {
    const req = signAndEncrypt(payload, ENCRYPT_KEY, { timestamp: opts.timestamp ?? NOW });
    return post(path, req.rawBody, req.headers);
  };
  const settle = () => new Promise((r) => setTimeout(r, 20));

  it('answers the encrypted url_verification challenge (which carries no signature)', async () => {
    const res = await post('/lark/events', JSON.stringify({ encrypt: encryptLark(JSON.stringify(urlVerification('ch-123', TOKEN)), ENCRYPT_KEY) }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'ch-123' });
  });

  it('refuses a challenge naming another verification token, or an unsigned non-challenge', async () => {
    const wrongToken = await post('/lark/events', JSON.stringify({ encrypt: encryptLark(JSON.stringify(urlVerification('ch', 'other')), ENCRYPT_KEY) }));
    expect(wrongToken.status).toBe(401);
    const unsigned = await post('/lark/events', JSON.stringify({ encrypt: encryptLark(JSON.stringify(messageEvent()), ENCRYPT_KEY) }));
    expect(unsigned.status).toBe(401);
    expect(received).toEqual([]);
  });

  it('delivers a signed, encrypted message event to dispatch as a normalized InboundMessage', async () => {
    const env = messageEvent({ eventId: 'ev_msg_1', messageId: 'om_in_1', text: '@_user_1 帮助', chatId: 'oc_g', createTime: NOW });
    const res = await signed('/lark/events', env);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(await res.json()).toEqual({});
    await settle();
    expect(received).toEqual([
      expect.objectContaining({ kind: 'message', platform: 'LARK', eventId: 'ev_msg_1', messageId: 'om_in_1', text: '帮助', mentionsBot: true, chat: { id: 'oc_g', type: 'group' } }),
    ]);
  });

  it('acknowledges a message at once even when dispatch is slow or fails', async () => {
    let release!: () => void;
    const slow = new Promise<void>((r) => (release = r));
    const dispatcher = createLarkEventDispatcher({
      encryptKey: ENCRYPT_KEY,
      dispatch: async () => {
        await slow;
        throw new Error('reply failed');
      },
      render,
      logger,
      clock,
      botOpenId: () => null,
    });
    const started = performance.now();
    const ack = await dispatcher.invoke(messageEvent(), { needCheck: false });
    expect(ack).toEqual({});
    expect(performance.now() - started).toBeLessThan(500);
    release();
    await settle();
    expect(lines.some((l) => l.msg === 'lark message dispatch failed')).toBe(true);
  });

  it('answers a card callback with the toast and the rendered card', async () => {
    answer = { toast: { type: 'success', text: '已受理' }, card: { title: '包案已受理', colour: 'green', elements: [] } };
    const res = await signed('/lark/cards', cardActionEvent({ eventId: 'ev_card_1', value: { a: 'case.accept', caseId: 'c1' }, messageId: 'om_card_1' }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      toast: { type: 'success', content: '已受理' },
      card: { type: 'raw', data: render({ title: '包案已受理', colour: 'green', elements: [] }) },
    });
    expect(received).toEqual([expect.objectContaining({ kind: 'action', eventId: 'ev_card_1', messageId: 'om_card_1', value: { a: 'case.accept', caseId: 'c1' } })]);
  });

  it('refuses a forged signature with 401, logs it, and never dispatches', async () => {
    const req = signAndEncrypt(messageEvent(), 'not-our-key', { timestamp: NOW });
    const res = await post('/lark/events', req.rawBody, req.headers);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'BAD_SIGNATURE', message: expect.stringContaining('签名校验失败') });
    await settle();
    expect(received).toEqual([]);
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'lark request refused', reason: 'BAD_SIGNATURE', route: 'events', level: 40 }));
  });

  it('refuses a tampered body even with headers copied from a genuine request', async () => {
    const genuine = signAndEncrypt(messageEvent(), ENCRYPT_KEY, { timestamp: NOW });
    const other = signAndEncrypt(messageEvent({ text: '@_user_1 删除一切' }), ENCRYPT_KEY, { timestamp: NOW });
    const res = await post('/lark/cards', other.rawBody, genuine.headers);
    expect(res.status).toBe(401);
    expect(received).toEqual([]);
  });

  it('refuses a replay older than 5 minutes, and a timestamp more than 5 minutes ahead', async () => {
    const old = await signed('/lark/events', messageEvent(), { timestamp: new Date(NOW.getTime() - 5 * 60_000 - 1000) });
    expect(old.status).toBe(401);
    expect(await old.json()).toMatchObject({ error: 'STALE_TIMESTAMP', message: expect.stringContaining('防重放') });
    const ahead = await signed('/lark/events', messageEvent(), { timestamp: new Date(NOW.getTime() + 6 * 60_000) });
    expect(ahead.status).toBe(401);
    const fresh = await signed('/lark/events', messageEvent(), { timestamp: new Date(NOW.getTime() - 4 * 60_000) });
    expect(fresh.status).toBe(200);
    await settle();
    expect(received).toHaveLength(1);
    expect(lines).toContainEqual(expect.objectContaining({ reason: 'STALE_TIMESTAMP', skewSeconds: -301 }));
  });

  it('answers a body over 1 MB with 413 and a Chinese reason, signed or not, declared or streamed, and dispatches nothing', async () => {
    const big = messageEvent({ text: `@_user_1 ${'长'.repeat(400_000)}` });
    const req = signAndEncrypt(big, ENCRYPT_KEY, { timestamp: NOW });
    expect(req.rawBody.length).toBeGreaterThan(1024 * 1024);
    const declared = await post('/lark/events', req.rawBody, req.headers);
    expect(declared.status).toBe(413);
    expect(await declared.json()).toEqual({ error: 'BODY_TOO_LARGE', message: expect.stringContaining('请求内容过大：超过 1 MB 的上限') });
    const streamed = await fetch(`${base}/lark/cards`, { method: 'POST', headers: req.headers, ...chunked(req.rawBody) } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(((await streamed.json()) as { error: string }).error).toBe('BODY_TOO_LARGE');
    // The connection stays usable: the refused body was drained, not cut off.
    expect((await signed('/lark/events', messageEvent())).status).toBe(200);
    await settle();
    expect(received).toHaveLength(1);
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'lark request refused', reason: 'BODY_TOO_LARGE', route: 'cards' }));
  });

  it('answers malformed JSON with 400', async () => {
    const res = await post('/lark/events', '{"encrypt": ');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'MALFORMED_JSON' });
    expect((await post('/lark/cards', '[1,2]')).status).toBe(400);
  });

  it('acknowledges an unknown event type harmlessly', async () => {
    const env = { ...messageEvent(), header: { ...messageEvent().header, event_type: 'im.chat.member.bot.added_v1' }, event: { chat_id: 'oc_x' } };
    const res = await signed('/lark/events', env);
    expect(res.status).toBe(200);
    await settle();
    expect(received).toEqual([]);
  });

  it('acknowledges a signed but malformed message without dispatching it', async () => {
    const env = messageEvent();
    const res = await signed('/lark/events', { ...env, event: { ...env.event, message: { ...env.event.message, content: '{oops' } } });
    expect(res.status).toBe(200);
    await settle();
    expect(received).toEqual([]);
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'lark message ignored: malformed' }));
  });

  it('answers a card click with an error toast when dispatch throws', async () => {
    const dispatcher = createLarkEventDispatcher({
      dispatch: async () => {
        throw new Error('boom');
      },
      render,
      logger,
      clock,
      botOpenId: () => null,
    });
    expect(await dispatcher.invoke(cardActionEvent({ value: { a: 'x' } }), { needCheck: false })).toEqual({ toast: { type: 'error', content: '操作失败，请稍后再试' } });
  });

  it('answers a slow card click before Lark gives up, with a "processing" toast', async () => {
    const dispatcher = createLarkEventDispatcher({
      dispatch: () => new Promise((r) => setTimeout(() => r({ toast: { type: 'success', text: 'late' } }), 200)),
      render,
      logger,
      clock,
      botOpenId: () => null,
      cardDeadlineMs: 30,
    });
    expect(await dispatcher.invoke(cardActionEvent({ value: { a: 'x' } }), { needCheck: false })).toEqual({ toast: { type: 'info', content: '已收到，正在处理，请稍后查看' } });
  });
});
