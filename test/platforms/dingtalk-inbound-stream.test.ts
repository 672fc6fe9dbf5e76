import { beforeEach, describe, expect, it } from 'vitest';
import type { InboundAction, InboundEvent } from '../../src/bot/inbound.js';
import type { ActionResponse } from '../../src/bot/messaging-port.js';
import { FixedClock } from '../../src/lib/clock.js';
import { createDingTalkInbound, type Dispatch } from '../../src/platforms/dingtalk/events.js';
import { createDingTalkStream, createDWClient } from '../../src/platforms/dingtalk/stream.js';
import { captureLogger } from '../support/capture-logger.js';
import { cardCallback, CLIENT_ID, CLIENT_SECRET, robotText, streamFrame, TOPIC_CARD, TOPIC_ROBOT } from '../support/dingtalk-payloads.js';

// The SDK's gateway URLs are hard-coded: frames are fed through its downstream entry point
// (what its socket's message handler calls) with the socket stubbed, as platforms.md 4.1 says.

const NOW = new Date('2026-11-28T08:00:00Z');
const caseValue = { a: 'case.view', caseId: '6a1f8a52-2b1e-4c1e-9a57-0d6f1b1c2d3e' };

describe('DingTalk stream mode', () => {
  const { logger, lines } = captureLogger();
  const clock = new FixedClock(NOW);
  /** What happened, in order: frames the client sent and dispatches. */
  let trail: ({ sent: Record<string, unknown> } | { dispatched: InboundEvent })[];
  let answers: { action: InboundAction; response: ActionResponse }[];
  let dispatch: Dispatch;
  let stream: ReturnType<typeof createDingTalkStream>;
  let inbound: ReturnType<typeof createDingTalkInbound>;

  beforeEach(() => {
    trail = [];
    answers = [];
    lines.length = 0;
    dispatch = async (e) => {
      trail.push({ dispatched: e });
      return e.kind === 'action' ? { toast: { type: 'success', text: '已受理' } } : undefined;
    };
    inbound = createDingTalkInbound({
      dispatch: (e) => dispatch(e),
      answer: async (action, response) => void answers.push({ action, response }),
      confirm: async () => undefined,
      logger,
      clock,
    });
    stream = createDingTalkStream({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, client: createDWClient(CLIENT_ID, CLIENT_SECRET), inbound, logger });
    (stream.client as unknown as { socket: unknown }).socket = {
      readyState: 1,
      send: (data: string) => trail.push({ sent: JSON.parse(data) as Record<string, unknown> }),
    };
  });

  const push = (frame: unknown) => stream.client.onDownStream(typeof frame === 'string' ? frame : JSON.stringify(frame));
  const sent = () => trail.flatMap((t) => ('sent' in t ? [t.sent] : []));
  const dispatched = () => trail.flatMap((t) => ('dispatched' in t ? [t.dispatched] : []));
  const ack = (messageId: string) => ({ code: 200, headers: { contentType: 'application/json', messageId }, message: 'OK', data: JSON.stringify({ response: {} }) });

  it('subscribes to robot messages and card callbacks, with the SDK reconnects and keep-alive off', () => {
    const config = stream.client.getConfig();
    expect(config.subscriptions).toEqual(
      expect.arrayContaining([
        { type: 'CALLBACK', topic: TOPIC_ROBOT },
        { type: 'CALLBACK', topic: TOPIC_CARD },
      ]),
    );
    expect(config).toMatchObject({ autoReconnect: false, keepAlive: false });
  });

  it('acknowledges a robot message before dispatching it', async () => {
    push(streamFrame(TOPIC_ROBOT, robotText(' 待办', { msgId: 'msgS1==' }), 'm-1'));
    await inbound.idle();
    expect(trail).toEqual([{ sent: ack('m-1') }, { dispatched: expect.objectContaining({ kind: 'message', platform: 'DINGTALK', eventId: 'msgS1==', text: '待办' }) }]);
  });

  it('acknowledges at once even while the dispatch has not finished', () => {
    dispatch = () => new Promise(() => undefined);
    push(streamFrame(TOPIC_ROBOT, robotText(' 待办'), 'm-slow'));
    expect(sent()).toEqual([ack('m-slow')]);
  });

  it('acknowledges a re-push of the same stream message again but dispatches it once', async () => {
    const frame = streamFrame(TOPIC_ROBOT, robotText(' 待办', { msgId: 'msgS2==' }), 'm-2');
    push(frame);
    push(frame);
    await inbound.idle();
    expect(sent()).toEqual([ack('m-2'), ack('m-2')]);
    expect(dispatched()).toHaveLength(1);
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'dingtalk stream re-push ignored', messageId: 'm-2' }));
  });

  it('remembers a bounded number of stream message ids (the dispatcher still dedupes by event key)', async () => {
    stream = createDingTalkStream({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, client: createDWClient(CLIENT_ID, CLIENT_SECRET), inbound, logger, recentCapacity: 2 });
    (stream.client as unknown as { socket: unknown }).socket = { readyState: 1, send: () => undefined };
    const frame = (n: number) => streamFrame(TOPIC_ROBOT, robotText(' 待办', { msgId: `msgB${n}==` }), `m-b${n}`);
    [1, 2, 2, 3, 1].forEach((n) => push(frame(n)));
    await inbound.idle();
    expect(dispatched().map((e) => e.eventId)).toEqual(['msgB1==', 'msgB2==', 'msgB3==', 'msgB1==']);
  });

  it('acknowledges a card callback, dispatches the click and delivers its answer', async () => {
    push(streamFrame(TOPIC_CARD, cardCallback({ outTrackId: 'xf-1', action: caseValue, form: { note: '已约谈' } }), 'm-card'));
    await inbound.idle();
    expect(sent()).toEqual([ack('m-card')]);
    expect(dispatched()).toEqual([expect.objectContaining({ kind: 'action', value: caseValue, form: { note: '已约谈' } })]);
    expect(answers).toEqual([{ action: dispatched()[0], response: { toast: { type: 'success', text: '已受理' } } }]);
  });

  it('leaves the SDK to answer a SYSTEM ping, and acknowledges an org EVENT without dispatching it', async () => {
    const ping = { specVersion: '1.0', type: 'SYSTEM', headers: { topic: 'ping', messageId: 'm-ping', contentType: 'application/json', time: String(NOW.getTime()) }, data: '{"opaque":"x1"}' };
    push(ping);
    expect(sent()).toEqual([{ code: 200, headers: ping.headers, message: 'OK', data: ping.data }]);
    push(streamFrame('user_modify_org', { userId: ['1'] }, 'm-event', { type: 'EVENT' }));
    await inbound.idle();
    expect(sent()[1]).toEqual({ code: 200, headers: { contentType: 'application/json', messageId: 'm-event' }, message: 'OK', data: JSON.stringify({ status: 'SUCCESS' }) });
    expect(dispatched()).toEqual([]);
  });

  it('survives frames it cannot read: not JSON, data not JSON, a malformed payload (each acknowledged)', async () => {
    expect(() => push('not json')).not.toThrow();
    push(streamFrame(TOPIC_ROBOT, '{oops', 'm-bad-data'));
    push(streamFrame(TOPIC_ROBOT, { ...robotText('x'), conversationType: '7' }, 'm-bad-shape'));
    await inbound.idle();
    expect(sent()).toEqual([ack('m-bad-data'), ack('m-bad-shape')]);
    expect(dispatched()).toEqual([]);
    expect(lines.map((l) => l.msg)).toEqual(
      expect.arrayContaining(['dingtalk stream frame ignored: unreadable', 'dingtalk stream callback ignored: data is not JSON', 'dingtalk robot message ignored: malformed']),
    );
  });

  it('keeps the socket handler alive when the inbound handler throws', () => {
    const throwing = createDingTalkStream({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      client: createDWClient(CLIENT_ID, CLIENT_SECRET),
      inbound: {
        robotMessage: () => {
          throw new Error('bug');
        },
        cardCallback: () => ({ ok: false, reason: 'MALFORMED_PAYLOAD', issues: [] }),
        idle: async () => undefined,
      },
      logger,
    });
    const frames: string[] = [];
    (throwing.client as unknown as { socket: unknown }).socket = { readyState: 1, send: (d: string) => frames.push(d) };
    expect(() => throwing.client.onDownStream(JSON.stringify(streamFrame(TOPIC_ROBOT, robotText('x'), 'm-throw')))).not.toThrow();
    expect(frames.map((f) => JSON.parse(f))).toEqual([ack('m-throw')]);
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'dingtalk stream callback failed', messageId: 'm-throw' }));
  });
});
