import { describe, expect, it } from 'vitest';
import { eventKey } from '../../src/bot/event-key.js';
import type { InboundAction, InboundMessage } from '../../src/bot/inbound.js';
import { decodeDingTalkMessageId, encodeDingTalkMessageId } from '../../src/platforms/dingtalk/message-ref.js';
import { normalizeDingTalkCardCallback, normalizeDingTalkRobotMessage as N } from '../../src/platforms/dingtalk/normalize.js';
import { DingTalkPayloadError } from '../../src/platforms/dingtalk/payload-error.js';
import { actionClick, cardCallback, confirmClick, GROUP_ID, LI, robotAudio, robotPicture, robotRichText, robotText, ZHANG } from '../support/dingtalk-payloads.js';

/** A template card's click: always an action (a standard card's confirm button is a confirmation). */
function templateClick(raw: unknown, o: { now: Date }) {
  const e = normalizeDingTalkCardCallback(raw, o);
  if (e.kind !== 'action') throw new Error(`not an action: ${e.kind}`);
  return e;
}

const now = new Date('2026-11-28T08:00:00Z');
const sentAt = new Date('2026-11-28T07:59:58Z');
const caseValue = { a: 'case.view', caseId: '6a1f8a52-2b1e-4c1e-9a57-0d6f1b1c2d3e' };

const malformed = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DingTalkPayloadError);
    return err as DingTalkPayloadError;
  }
  throw new Error('expected a DingTalkPayloadError');
};

describe('DingTalk robot message normalization', () => {
  it('turns a 1:1 text into an InboundMessage addressed to the bot, with staff id, dingtalk id and nick', () => {
    const raw = robotText('待办', { msgId: 'msgP2p1==', conversationType: '1', conversationId: 'cidP2p==', createAt: sentAt });
    const event = N(raw, { now });
    expect(event).toEqual({
      kind: 'message',
      platform: 'DINGTALK',
      eventId: 'msgP2p1==',
      messageId: expect.stringMatching(/^dt_/),
      chat: { id: 'cidP2p==', type: 'p2p' },
      sender: { platform: 'DINGTALK', userId: LI.staffId, openId: LI.dingtalkId, name: '李四' },
      text: '待办',
      mentionsBot: true,
      sentAt,
    });
    // A reply goes to the sender's 1:1 chat, which DingTalk addresses by user id.
    expect(decodeDingTalkMessageId((event as InboundMessage).messageId)).toEqual({ place: { kind: 'user', userId: LI.staffId }, key: 'msgP2p1==' });
  });

  it('names the group as where to reply to a group message', () => {
    const event = N(robotText(' 帮助', { msgId: 'msgG1==' }), { now }) as InboundMessage;
    expect(decodeDingTalkMessageId(event.messageId)).toEqual({ place: { kind: 'chat', conversationId: GROUP_ID }, key: 'msgG1==' });
  });

  it('reads a group text as DingTalk delivers it (the @robot removed, its space left) as a mention of the bot', () => {
    const event = N(robotText(' 查询 XF-2026-0001', { createAt: sentAt }), { now });
    expect(event).toMatchObject({ kind: 'message', chat: { id: GROUP_ID, type: 'group' }, text: '查询 XF-2026-0001', mentionsBot: true });
  });

  it('strips leading @mentions should DingTalk leave them in, but keeps an @ in the middle', () => {
    const raw = robotText('@信访包案助手 @张三 登记 @王五 的来访', { atOthers: [ZHANG] });
    expect(N(raw, { now })).toMatchObject({ text: '登记 @王五 的来访', mentionsBot: true });
    // One at-user (the robot) ⇒ at most one leading mention removed.
    expect(N(robotText('@信访包案助手 @张三 你好'), { now })).toMatchObject({ text: '@张三 你好' });
  });

  it('counts a group message as addressed to the bot by isInAtList or by the bot among atUsers', () => {
    const notAt = robotText('大家好', { atBot: false });
    expect(N(notAt, { now })).toMatchObject({ mentionsBot: false, text: '大家好' });
    const { isInAtList: _dropped, ...withoutFlag } = robotText(' 帮助');
    expect(N(withoutFlag, { now })).toMatchObject({ mentionsBot: true, text: '帮助' });
  });

  it('takes a sender outside the organisation (no staff id) by dingtalk id', () => {
    const event = N(robotText('你好', { conversationType: '1', sender: { staffId: null, dingtalkId: '$:LWCP_v1:$ext==', nick: '访客' } }), { now });
    expect(event).toMatchObject({ sender: { platform: 'DINGTALK', userId: null, openId: '$:LWCP_v1:$ext==', name: '访客' } });
  });

  it('gives a picture an empty text (the bot answers with help), and a rich text its text parts', () => {
    expect(N(robotPicture({ conversationType: '1' }), { now })).toMatchObject({ kind: 'message', text: '' });
    const rich = robotRichText([{ text: '@信访包案助手' }, { text: '登记' }, 'picture', { text: '现场照片' }]);
    expect(N(rich, { now })).toMatchObject({ kind: 'message', text: '登记\n现场照片' });
    expect(N(robotAudio('待办', { conversationType: '1' }), { now })).toMatchObject({ kind: 'message', text: '待办' });
  });

  it('turns a "#操作" click in a 1:1 chat into an InboundAction answered to the operator, keyed by its msgId', () => {
    const raw = actionClick(caseValue, { msgId: 'msgClick1==', conversationType: '1', conversationId: 'cidP2p==' });
    const event = N(raw, { now });
    expect(event).toEqual({
      kind: 'action',
      platform: 'DINGTALK',
      eventId: 'msgClick1==',
      chat: null,
      operator: { platform: 'DINGTALK', userId: LI.staffId, openId: LI.dingtalkId, name: '李四' },
      messageId: null,
      value: caseValue,
      form: null,
      receivedAt: now,
    });
    expect(eventKey(event as InboundAction)).toBe('act:msgClick1==');
  });

  it('takes the card a clicked button names as the message id: a double click (two msgIds) has one key', () => {
    const cardRef = 'xf0f3c1d2e4b5a69788796a5b4c3d2e1f0';
    const first = N(actionClick(caseValue, { cardRef }), { now }) as InboundAction;
    const second = N(actionClick(caseValue, { cardRef }), { now }) as InboundAction;
    expect(first).toMatchObject({ kind: 'action', chat: { id: GROUP_ID, type: 'group' } });
    // Named as the messenger named the message it sent, so that the answer replaces that very card.
    expect(decodeDingTalkMessageId(first.messageId!)).toEqual({ place: { kind: 'chat', conversationId: GROUP_ID }, key: cardRef });
    const inChat = N(actionClick(caseValue, { cardRef, conversationType: '1' }), { now }) as InboundAction;
    expect(decodeDingTalkMessageId(inChat.messageId!)).toEqual({ place: { kind: 'user', userId: LI.staffId }, key: cardRef });
    expect(first.eventId).not.toBe(second.eventId);
    expect(eventKey(first)).toBe(eventKey(second));
    expect(eventKey(N(actionClick(caseValue, { cardRef, sender: ZHANG }), { now }) as InboundAction)).not.toBe(eventKey(first));
  });

  it('recognises a click in a group even with the robot mention left in front', () => {
    const raw = actionClick(caseValue);
    const withMention = { ...raw, text: { content: `@信访包案助手 ${raw.text.content}` } };
    expect(N(withMention, { now })).toMatchObject({ kind: 'action', value: caseValue, chat: { type: 'group' } });
  });

  it('turns a "#确认" click into a confirmation request carrying the value, the question and the card', () => {
    const event = N(confirmClick(caseValue, '确认办结', '办结后将通知信访人', { msgId: 'msgC==', cardRef: 'dt_card' }), { now });
    expect(event).toEqual({
      kind: 'confirm',
      platform: 'DINGTALK',
      eventId: 'msgC==',
      chat: { id: GROUP_ID, type: 'group' },
      operator: expect.objectContaining({ userId: LI.staffId }),
      value: caseValue,
      title: '确认办结',
      text: '办结后将通知信访人',
      cardRef: 'dt_card',
      receivedAt: now,
    });
    expect(N(confirmClick(caseValue, '确认', '？', { conversationType: '1' }), { now })).toMatchObject({ kind: 'confirm', chat: null, cardRef: null });
  });

  it('leaves a "#操作" text that does not decode as a plain message', () => {
    expect(N(robotText('#操作 不是编码'), { now })).toMatchObject({ kind: 'message', text: '#操作 不是编码' });
  });

  it('keys a message by its msgId for the dispatcher', () => {
    const event = N(robotText(' 帮助', { msgId: 'msgK==' }), { now });
    expect(eventKey(event as InboundMessage)).toBe('msg:msgK==');
  });

  it('refuses malformed payloads with a structured error, never a raw one', () => {
    const { msgId: _m, ...noId } = robotText('x');
    expect(malformed(() => N(noId, { now })).issues).toEqual([expect.stringMatching(/^msgId:/)]);
    expect(malformed(() => N({ ...robotText('x'), conversationType: '3' }, { now })).issues).toEqual(['conversationType: unknown "3"']);
    const { senderId: _s, ...anonymous } = robotText('x', { sender: { staffId: null, dingtalkId: 'd', nick: 'n' } });
    expect(malformed(() => N(anonymous, { now })).kind).toBe('robot_message');
    const { text: _t, ...noText } = robotText('x');
    expect(malformed(() => N(noText, { now })).issues).toEqual(['text: missing for a text message']);
    expect(malformed(() => N(null, { now })).code).toBe('DINGTALK_MALFORMED_PAYLOAD');
    expect(malformed(() => N({ ...robotText('x'), createAt: 'yesterday' }, { now })).issues[0]).toMatch(/^createAt:/);
  });
});

describe('DingTalk card callback normalization', () => {
  it('takes the value from params.action and the form from the other params; the card is named as the messenger names it', () => {
    const raw = cardCallback({ outTrackId: 'card-1', action: { a: 'progress.submit', caseId: caseValue.caseId }, form: { note: '已约谈信访人', visitedOn: '2026-11-27' } });
    expect(templateClick(raw, { now })).toEqual({
      kind: 'action',
      platform: 'DINGTALK',
      eventId: expect.stringMatching(/^card:[\w-]{32}$/),
      chat: { id: GROUP_ID, type: 'group' },
      operator: { platform: 'DINGTALK', userId: LI.staffId, unionId: null, openId: null },
      messageId: encodeDingTalkMessageId({ place: { kind: 'chat', conversationId: GROUP_ID }, outTrackId: 'card-1' }),
      value: { a: 'progress.submit', caseId: caseValue.caseId },
      form: { note: '已约谈信访人', visitedOn: '2026-11-27' },
      receivedAt: now,
    });
  });

  it('gives the same callback delivered twice the same event id and key, another click another', () => {
    const raw = cardCallback({ outTrackId: 'card-2', action: caseValue });
    const a = templateClick(raw, { now });
    const b = templateClick(structuredClone(raw), { now: new Date(now.getTime() + 5000) });
    expect(a.eventId).toBe(b.eventId);
    expect(eventKey(a)).toBe(eventKey(b));
    const other = templateClick(cardCallback({ outTrackId: 'card-2', action: caseValue, userId: ZHANG.staffId! }), { now });
    expect(eventKey(other)).not.toBe(eventKey(a));
  });

  it('answers a 1:1 card to the operator (no chat), and takes a union id when userIdType says so', () => {
    const p2p = templateClick(cardCallback({ outTrackId: 'card-3', action: caseValue, spaceType: 'IM_ROBOT', spaceId: LI.staffId! }), { now });
    expect(p2p.chat).toBeNull();
    expect(decodeDingTalkMessageId(p2p.messageId!)).toEqual({ place: { kind: 'user', userId: LI.staffId }, outTrackId: 'card-3' });
    const byUnion = templateClick({ ...cardCallback({ action: caseValue }), userIdType: 2, userId: 'union-li' }, { now });
    expect(byUnion.operator).toEqual({ platform: 'DINGTALK', userId: null, unionId: 'union-li', openId: null });
  });

  it('reads content handed over parsed, and passes a click without params.action on for the dispatcher to refuse', () => {
    expect(templateClick(cardCallback({ action: caseValue, contentAsObject: true }), { now }).value).toEqual(caseValue);
    const stale = templateClick(cardCallback({ actionIds: ['btn_ok'] }), { now });
    expect(stale).toMatchObject({ value: { actionIds: ['btn_ok'] }, form: null });
    expect(templateClick(cardCallback({ action: 'not json' }), { now }).value).toBe('not json');
  });

  it('refuses malformed callbacks with a structured error', () => {
    expect(malformed(() => templateClick({ ...cardCallback(), content: '{oops' }, { now })).issues).toEqual(['content: not JSON']);
    expect(malformed(() => templateClick({ ...cardCallback(), content: '{}' }, { now })).issues[0]).toMatch(/^cardPrivateData:/);
    const { outTrackId: _o, ...noTrack } = cardCallback();
    expect(malformed(() => templateClick(noTrack, { now })).kind).toBe('card_callback');
    expect(malformed(() => templateClick({ ...cardCallback(), type: 'dataCallback' }, { now })).issues[0]).toMatch(/^type:/);
  });
});
