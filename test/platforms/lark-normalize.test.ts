import { describe, expect, it } from 'vitest';
import { decodeLarkFormAction, encodeLarkFormAction } from '../../cards/lark/render.js';
import { LarkPayloadError } from '../../src/platforms/lark/errors.js';
import { normalizeLarkCardAction, normalizeLarkMessage } from '../../src/platforms/lark/normalize.js';
import { BOT_OPEN_ID, cardActionEvent, flattened, messageEvent } from '../support/lark-payloads.js';

const now = new Date('2026-11-28T08:00:00Z');

describe('Lark message normalization', () => {
  it('removes the bot mention, keeps other mentions by name, and takes ids, chat and event id', () => {
    const env = messageEvent({
      eventId: 'ev_1',
      messageId: 'om_1',
      chatId: 'oc_group',
      chatType: 'group',
      text: '@_user_1 登记 @_user_2 的来访',
      mentions: [
        { key: '@_user_1', id: { open_id: BOT_OPEN_ID }, name: '信访包案助手', mentioned_type: 'bot' },
        { key: '@_user_2', id: { open_id: 'ou_zhang', union_id: 'on_zhang' }, name: '张三', mentioned_type: 'user' },
      ],
      sender: { open_id: 'ou_li', union_id: 'on_li', user_id: 'li01' },
      createTime: now,
    });
    const m = normalizeLarkMessage(flattened(env), { botOpenId: BOT_OPEN_ID });
    expect(m).toEqual({
      kind: 'message',
      platform: 'LARK',
      eventId: 'ev_1',
      messageId: 'om_1',
      chat: { id: 'oc_group', type: 'group' },
      sender: { platform: 'LARK', openId: 'ou_li', unionId: 'on_li', userId: 'li01' },
      text: '登记 @张三 的来访',
      mentionsBot: true,
      sentAt: now,
    });
  });

  it('does not count a mention of another bot when the bot open_id is known', () => {
    const env = messageEvent({
      chatType: 'p2p',
      text: '@_user_1 你好',
      mentions: [{ key: '@_user_1', id: { open_id: 'ou_other_bot' }, name: '别的机器人', mentioned_type: 'bot' }],
    });
    const m = normalizeLarkMessage(flattened(env), { botOpenId: BOT_OPEN_ID });
    expect(m.mentionsBot).toBe(false);
    expect(m.text).toBe('@别的机器人 你好');
    expect(m.chat.type).toBe('p2p');
  });

  it('falls back to mentioned_type "bot" while the bot open_id is unknown, and a null user_id stays null', () => {
    const env = messageEvent({ text: '@_user_1 查询 XF-2026-0001', sender: { open_id: 'ou_x', user_id: null } });
    const m = normalizeLarkMessage(flattened(env), { botOpenId: null });
    expect(m).toMatchObject({ mentionsBot: true, text: '查询 XF-2026-0001', sender: { openId: 'ou_x', userId: null, unionId: null } });
  });

  it('reads the text of a rich-text (post) message', () => {
    const content = JSON.stringify({ title: '', content: [[{ tag: 'at', user_id: '@_user_1', user_name: '信访包案助手' }, { tag: 'text', text: ' 帮助' }]] });
    const m = normalizeLarkMessage(flattened(messageEvent({ messageType: 'post', content })), { botOpenId: BOT_OPEN_ID });
    expect(m.text).toBe('帮助');
  });

  it('refuses malformed payloads with a typed error, never a crash', () => {
    const cases: unknown[] = [
      null,
      'text',
      {},
      flattened({ ...messageEvent(), event: { sender: { sender_id: {} } } } as never),
      flattened(messageEvent({ content: '{not json' })),
      flattened(messageEvent({ chatType: 'topic' as never })),
    ];
    for (const raw of cases) {
      expect(() => normalizeLarkMessage(raw, { botOpenId: BOT_OPEN_ID })).toThrow(LarkPayloadError);
    }
  });
});

describe('Lark card action normalization', () => {
  it('takes the button value, operator, message and chat of a callback button', () => {
    const env = cardActionEvent({
      eventId: 'ev_c1',
      value: { a: 'case.accept', caseId: 'c-1' },
      operator: { open_id: 'ou_op', union_id: 'on_op', user_id: 'op01' },
      messageId: 'om_card',
      chatId: 'oc_chat',
    });
    expect(normalizeLarkCardAction(flattened(env), { now })).toEqual({
      kind: 'action',
      platform: 'LARK',
      eventId: 'ev_c1',
      chat: { id: 'oc_chat', type: 'group' },
      operator: { platform: 'LARK', openId: 'ou_op', unionId: 'on_op', userId: 'op01' },
      messageId: 'om_card',
      value: { a: 'case.accept', caseId: 'c-1' },
      form: null,
      receivedAt: now,
    });
  });

  it('turns a form submit into the decoded button name and the form fields', () => {
    const raw = flattened(cardActionEvent({ name: 'submit_progress', formValue: { note: '已走访', tag: '1' } }));
    expect(normalizeLarkCardAction(raw, { now })).toMatchObject({ value: { formAction: 'submit_progress' }, form: { note: '已走访', tag: '1' } });
    const decoded = normalizeLarkCardAction(raw, { now, decodeFormAction: (name) => ({ a: name.replace('submit_', 'case.') }) });
    expect(decoded.value).toEqual({ a: 'case.progress' });
  });

  it('decodes a form submit name written by the cards renderer, and leaves a foreign name raw', () => {
    const caseId = '0b9e4c52-6a55-4f43-9f7e-2d1f8d3c1a10';
    const name = encodeLarkFormAction({ a: 'progress.submit', caseId });
    const ours = normalizeLarkCardAction(flattened(cardActionEvent({ name, formValue: { note: 'x' } })), { now, decodeFormAction: decodeLarkFormAction });
    expect(ours.value).toEqual({ a: 'progress.submit', caseId });
    const foreign = normalizeLarkCardAction(flattened(cardActionEvent({ name: 'btn_submit_case', formValue: {} })), { now, decodeFormAction: decodeLarkFormAction });
    expect(foreign.value).toEqual({ formAction: 'btn_submit_case' });
  });

  it('refuses a callback without value or form name, or without an operator', () => {
    expect(() => normalizeLarkCardAction(flattened(cardActionEvent({})), { now })).toThrow(LarkPayloadError);
    const noOperator = { ...flattened(cardActionEvent({ value: { a: 'x' } })), operator: undefined };
    expect(() => normalizeLarkCardAction(noOperator, { now })).toThrow(LarkPayloadError);
    expect(() => normalizeLarkCardAction(42, { now })).toThrow(LarkPayloadError);
  });
});
