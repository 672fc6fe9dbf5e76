import Koa from 'koa';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eventKey } from '../../src/bot/event-key.js';
import type { InboundAction, InboundEvent } from '../../src/bot/inbound.js';
import type { ActionResponse } from '../../src/bot/messaging-port.js';
import { FixedClock } from '../../src/lib/clock.js';
import { createDingTalkInbound, type Dispatch } from '../../src/platforms/dingtalk/events.js';
import { dingtalkHttpRouter } from '../../src/platforms/dingtalk/http.js';
import type { DingTalkConfirmRequest } from '../../src/platforms/dingtalk/normalize.js';
import { captureLogger } from '../support/capture-logger.js';
import { actionClick, cardCallback, CLIENT_SECRET, confirmClick, freshSignedHeaders, robotPicture, robotText, signedHeaders } from '../support/dingtalk-payloads.js';
import { chunked, serve } from '../support/http-server.js';

const NOW = new Date('2026-11-28T08:00:00Z');
const caseValue = { a: 'case.view', caseId: '6a1f8a52-2b1e-4c1e-9a57-0d6f1b1c2d3e' };

describe('DingTalk HTTP callback mode', () => {
  const clock = new FixedClock(NOW);
  const { logger, lines } = captureLogger();
  const received: InboundEvent[] = [];
  const answers: { action: InboundAction; response: ActionResponse }[] = [];
  const confirms: DingTalkConfirmRequest[] = [];
  let dispatch: Dispatch;
  const inbound = createDingTalkInbound({
    dispatch: (e) => dispatch(e),
    answer: async (action, response) => void answers.push({ action, response }),
    confirm: async (request) => void confirms.push(request),
    logger,
    clock,
  });
  let server: Awaited<ReturnType<typeof serve>>;

  beforeAll(async () => {
    const app = new Koa();
    const router = dingtalkHttpRouter({ inbound, appSecret: CLIENT_SECRET, logger, clock });
    app.use(router.routes()).use(router.allowedMethods());
    server = await serve(app);
  });
  afterAll(() => server.close());
  beforeEach(() => {
    received.length = 0;
    answers.length = 0;
    confirms.length = 0;
    lines.length = 0;
    clock.set(NOW);
    dispatch = async (e) => {
      received.push(e);
      return e.kind === 'action' ? { toast: { type: 'success', text: '已受理' } } : undefined;
    };
  });

  const post = (path: string, body: string, headers: Record<string, string>) => fetch(`${server.base}${path}`, { method: 'POST', body, headers });
  const signed = (path: string, payload: unknown, at: Date = NOW, secret = CLIENT_SECRET) => post(path, JSON.stringify(payload), freshSignedHeaders(secret, at));

  it('dispatches a signed robot message as an InboundMessage and answers 200 with an empty JSON body', async () => {
    const res = await signed('/dingtalk/robot', robotText(' 待办', { msgId: 'msgH1==' }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(await res.json()).toEqual({});
    await inbound.idle();
    expect(received).toEqual([expect.objectContaining({ kind: 'message', platform: 'DINGTALK', eventId: 'msgH1==', text: '待办', mentionsBot: true })]);
  });

  it('hands the same message delivered twice on with one event key, for the dispatcher to claim once', async () => {
    const payload = robotText(' 待办', { msgId: 'msgTwice==' });
    await signed('/dingtalk/robot', payload);
    await signed('/dingtalk/robot', payload, new Date(NOW.getTime() + 3000));
    await inbound.idle();
    expect(received).toHaveLength(2);
    expect(eventKey(received[0]!)).toBe(eventKey(received[1]!));
  });

  it('answers at once while the dispatch is still running', async () => {
    let release!: () => void;
    dispatch = () => new Promise((r) => (release = () => r(undefined)));
    const started = performance.now();
    const res = await signed('/dingtalk/robot', robotText(' 待办'));
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(500);
    release();
    await inbound.idle();
  });

  it('refuses a request without signature headers with 401, logs it, and dispatches nothing', async () => {
    const res = await post('/dingtalk/robot', JSON.stringify(robotText(' 待办')), { 'content-type': 'application/json' });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: 'UNSIGNED', message: expect.stringContaining('缺少 timestamp 或 sign') });
    await inbound.idle();
    expect(received).toEqual([]);
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'dingtalk request refused', reason: 'UNSIGNED', route: 'robot', level: 40 }));
  });

  it('refuses a signature made with another secret', async () => {
    const res = await signed('/dingtalk/cards', cardCallback({ action: caseValue }), NOW, 'not-our-secret');
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'BAD_SIGNATURE', message: expect.stringContaining('签名校验失败') });
    const headers = { ...signedHeaders(CLIENT_SECRET, NOW), sign: signedHeaders(CLIENT_SECRET, new Date(NOW.getTime() + 1)).sign };
    expect((await post('/dingtalk/robot', JSON.stringify(robotText('x')), headers)).status).toBe(401);
    await inbound.idle();
    expect(received).toEqual([]);
    expect(lines).toContainEqual(expect.objectContaining({ reason: 'BAD_SIGNATURE', route: 'cards' }));
  });

  it('refuses a timestamp more than 5 minutes old or ahead by default (DingTalk signs only the timestamp), and accepts a fresh one', async () => {
    const old = await signed('/dingtalk/robot', robotText(' 待办'), new Date(NOW.getTime() - 5 * 60_000 - 1000));
    expect(old.status).toBe(401);
    expect(await old.json()).toEqual({ error: 'STALE_TIMESTAMP', message: expect.stringContaining('相差超过 5 分钟，已拒绝（防重放）') });
    expect((await signed('/dingtalk/robot', robotText(' 待办'), new Date(NOW.getTime() + 5 * 60_000 + 1000))).status).toBe(401);
    // What the old one-hour window let through.
    expect((await signed('/dingtalk/robot', robotText(' 待办'), new Date(NOW.getTime() - 59 * 60_000))).status).toBe(401);
    const notNumber = await post('/dingtalk/robot', '{}', { timestamp: 'yesterday', sign: 'x' });
    expect(notNumber.status).toBe(401);
    expect((await signed('/dingtalk/robot', robotText(' 待办'), new Date(NOW.getTime() - 4 * 60_000))).status).toBe(200);
    expect((await signed('/dingtalk/robot', robotText(' 待办'), new Date(NOW.getTime() + 4 * 60_000))).status).toBe(200);
    await inbound.idle();
    expect(received).toHaveLength(2);
    expect(lines).toContainEqual(expect.objectContaining({ reason: 'STALE_TIMESTAMP', skewSeconds: -301 }));
  });

  it('DINGTALK_CALLBACK_WINDOW_SECONDS sets the window', async () => {
    const app = new Koa();
    const router = dingtalkHttpRouter({ inbound, appSecret: CLIENT_SECRET, logger, clock, maxSkewMs: 45_000 });
    app.use(router.routes());
    const narrow = await serve(app);
    try {
      const at = (offsetMs: number) => fetch(`${narrow.base}/dingtalk/robot`, { method: 'POST', body: JSON.stringify(robotText(' 待办')), headers: signedHeaders(CLIENT_SECRET, new Date(NOW.getTime() + offsetMs)) });
      const stale = await at(-46_000);
      expect(stale.status).toBe(401);
      expect(((await stale.json()) as { message: string }).message).toContain('相差超过 45 秒');
      expect((await at(-44_000)).status).toBe(200);
    } finally {
      await narrow.close();
    }
  });

  it('takes a signature with one body only: another body under a used signature is refused, the same body again is acknowledged once', async () => {
    const headers = signedHeaders(CLIENT_SECRET, new Date(NOW.getTime() - 1000));
    const first = robotText(' 待办', { msgId: 'msgFirst==' });
    expect((await post('/dingtalk/robot', JSON.stringify(first), headers)).status).toBe(200);
    const replay = await post('/dingtalk/cards', JSON.stringify(cardCallback({ action: caseValue })), headers);
    expect(replay.status).toBe(401);
    expect(await replay.json()).toEqual({ error: 'REPLAYED', message: expect.stringContaining('该签名已用于另一请求，已拒绝（防重放）') });
    const again = await post('/dingtalk/robot', JSON.stringify(first), headers);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({});
    await inbound.idle();
    expect(received).toEqual([expect.objectContaining({ eventId: 'msgFirst==' })]);
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'dingtalk request refused', reason: 'REPLAYED', route: 'cards' }));
  });

  it('answers a correctly signed body over 256 KB with 413 and a Chinese reason on both routes, declared or streamed, and dispatches nothing', async () => {
    const big = JSON.stringify({ ...robotText(' 待办'), padding: 'x'.repeat(300 * 1024) });
    for (const path of ['/dingtalk/robot', '/dingtalk/cards']) {
      const declared = await post(path, big, { ...signedHeaders(CLIENT_SECRET, NOW), 'content-type': 'application/json' });
      expect(declared.status, path).toBe(413);
      expect(await declared.json()).toEqual({ error: 'BODY_TOO_LARGE', message: expect.stringContaining('请求内容过大：超过 256 KB 的上限') });
    }
    const streamed = await fetch(`${server.base}/dingtalk/robot`, { method: 'POST', headers: signedHeaders(CLIENT_SECRET, NOW), ...chunked(big) } as RequestInit);
    expect(streamed.status).toBe(413);
    await inbound.idle();
    expect(received).toEqual([]);
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'dingtalk request refused', reason: 'BODY_TOO_LARGE', route: 'cards' }));
  });

  it('answers malformed JSON, or JSON that is not an object, with 400', async () => {
    const res = await post('/dingtalk/robot', '{"msgId": ', signedHeaders(CLIENT_SECRET, NOW));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'MALFORMED_JSON' });
    expect((await post('/dingtalk/cards', '[1,2]', signedHeaders(CLIENT_SECRET, NOW))).status).toBe(400);
  });

  it('acknowledges a signed payload it cannot read, logs why, and dispatches nothing', async () => {
    const res = await signed('/dingtalk/robot', { ...robotText('x'), conversationType: '9' });
    expect(res.status).toBe(200);
    await inbound.idle();
    expect(received).toEqual([]);
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'dingtalk robot message ignored: malformed', issues: ['conversationType: unknown "9"'] }));
  });

  it('dispatches a picture as an empty message (the bot answers with help)', async () => {
    await signed('/dingtalk/robot', robotPicture({ conversationType: '1' }));
    await inbound.idle();
    expect(received).toEqual([expect.objectContaining({ kind: 'message', text: '', chat: expect.objectContaining({ type: 'p2p' }) })]);
  });

  it('dispatches a card callback and delivers its answer through the answer hook', async () => {
    const res = await signed('/dingtalk/cards', cardCallback({ outTrackId: 'xf-card-1', action: caseValue, form: { note: '已约谈' } }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
    await inbound.idle();
    expect(received).toEqual([expect.objectContaining({ kind: 'action', value: caseValue, form: { note: '已约谈' } })]);
    expect(answers).toEqual([{ action: received[0], response: { toast: { type: 'success', text: '已受理' } } }]);
  });

  it('dispatches a "#操作" text as a click, and answers a failed click with an error toast', async () => {
    dispatch = async () => {
      throw new Error('database down');
    };
    await signed('/dingtalk/robot', actionClick(caseValue, { msgId: 'msgFail==' }));
    await inbound.idle();
    expect(answers).toEqual([{ action: expect.objectContaining({ kind: 'action', eventId: 'msgFail==', value: caseValue }), response: { toast: { type: 'error', text: '操作失败，请稍后再试' } } }]);
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'dingtalk click dispatch failed', eventId: 'msgFail==' }));
  });

  it('sends no answer when a click answers nothing', async () => {
    dispatch = async () => ({});
    await signed('/dingtalk/robot', actionClick(caseValue));
    await inbound.idle();
    expect(answers).toEqual([]);
  });

  it('asks for confirmation once for a "#确认" text delivered twice, without dispatching it', async () => {
    const payload = confirmClick(caseValue, '确认办结', '办结后将通知信访人', { msgId: 'msgConfirm==' });
    await signed('/dingtalk/robot', payload);
    await signed('/dingtalk/robot', payload, new Date(NOW.getTime() + 2000));
    await inbound.idle();
    expect(received).toEqual([]);
    expect(confirms).toEqual([expect.objectContaining({ kind: 'confirm', eventId: 'msgConfirm==', value: caseValue, title: '确认办结' })]);
  });
});
