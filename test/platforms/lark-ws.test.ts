import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Card } from '../../cards/model.js';
import type { InboundEvent } from '../../src/bot/inbound.js';
import { FixedClock } from '../../src/lib/clock.js';
import { createLarkEventDispatcher } from '../../src/platforms/lark/events.js';
import { startLarkWs } from '../../src/platforms/lark/ws.js';
import { captureLogger } from '../support/capture-logger.js';
import { FakeLark } from '../support/fake-lark.js';
import { APP_ID, BOT_OPEN_ID, cardActionEvent, messageEvent } from '../support/lark-payloads.js';

// WSClient hands every event frame to `dispatcher.invoke(data, { needCheck: false })`: plain
// envelopes, no signature, no encryption. Emulating its protobuf socket is not worth it.

const render = (card: Card) => ({ schema: '2.0', header: { title: { tag: 'plain_text', content: card.title } } });

describe('Lark long-connection mode', () => {
  const { logger, lines } = captureLogger();
  const clock = new FixedClock(new Date('2026-11-28T08:00:00Z'));
  let fake: FakeLark;
  beforeAll(async () => {
    fake = await FakeLark.start();
  });
  afterAll(() => fake.close());

  function dispatcherWith(received: InboundEvent[]) {
    // No encrypt key: ws mode needs none.
    return createLarkEventDispatcher({
      dispatch: async (event) => {
        received.push(event);
        return event.kind === 'action' ? { toast: { type: 'success', text: '已办结' }, card: { title: '已办结', colour: 'green', elements: [] } } : undefined;
      },
      render,
      logger,
      clock,
      botOpenId: () => BOT_OPEN_ID,
    });
  }

  it('dispatches a pushed message event and acks it', async () => {
    const received: InboundEvent[] = [];
    const ack = await dispatcherWith(received).invoke(messageEvent({ eventId: 'ev_ws_1', text: '@_user_1 待办' }), { needCheck: false });
    expect(ack).toEqual({});
    await new Promise((r) => setTimeout(r, 10));
    expect(received).toEqual([expect.objectContaining({ kind: 'message', eventId: 'ev_ws_1', text: '待办', mentionsBot: true })]);
  });

  it('answers a card callback frame with the toast and rendered card, as the webhook does', async () => {
    const received: InboundEvent[] = [];
    const ack = await dispatcherWith(received).invoke(cardActionEvent({ eventId: 'ev_ws_2', name: 'close_case', formValue: { reason: '已化解' } }), { needCheck: false });
    expect(ack).toEqual({ toast: { type: 'success', content: '已办结' }, card: { type: 'raw', data: render({ title: '已办结', colour: 'green', elements: [] }) } });
    expect(received).toEqual([expect.objectContaining({ kind: 'action', eventId: 'ev_ws_2', value: { formAction: 'close_case' }, form: { reason: '已化解' } })]);
  });

  it('refuses an app id the SDK would silently ignore', async () => {
    await expect(startLarkWs({ appId: 'my-app', appSecret: 's', domain: fake.url }, dispatcherWith([]), logger)).rejects.toThrow(/cli_/);
  });

  it('starts the WSClient against the configured domain and closes it on shutdown', async () => {
    const ws = await startLarkWs({ appId: APP_ID, appSecret: 'secret', domain: fake.url }, dispatcherWith([]), logger);
    for (let i = 0; i < 100 && !fake.requests.some((r) => r.path === '/callback/ws/endpoint'); i++) await new Promise((r) => setTimeout(r, 20));
    expect(fake.requests).toContainEqual(expect.objectContaining({ path: '/callback/ws/endpoint', body: expect.objectContaining({ AppID: APP_ID, AppSecret: 'secret' }) }));
    ws.close();
    const calls = fake.requests.length;
    await new Promise((r) => setTimeout(r, 100));
    expect(fake.requests.length).toBe(calls);
    expect(['idle', 'failed']).toContain((ws.status() as { state: string }).state);
    expect(lines.some((l) => l.component === 'lark-sdk')).toBe(true);
  });
});
