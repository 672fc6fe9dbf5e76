import { describe, expect, it } from 'vitest';
import { actionText, confirmText, readActionText, sendMessageLink } from '../../src/platforms/dingtalk/action-text.js';

describe('DingTalk buttons as texts (ActionCard links send a text back to the robot)', () => {
  it('an action value survives the trip: button → link → text → action', () => {
    const value = { a: 'ownership.approve', proposalId: '0b9e2c4e-2a2c-4c1e-9a53-3a4f1e0c7d11' };
    const link = sendMessageLink(actionText(value, 'dt_card_1'));
    expect(link.startsWith('dtmd://dingtalkclient/sendMessage?content=')).toBe(true);
    const text = decodeURIComponent(link.split('content=')[1]!);
    expect(readActionText(text)).toEqual({ kind: 'action', value, cardRef: 'dt_card_1' });
    expect(readActionText(actionText(value))).toEqual({ kind: 'action', value, cardRef: null });
  });

  it('a button that asks first carries its question', () => {
    const value = { a: 'case.resolve', caseId: 'x' };
    expect(readActionText(confirmText(value, '确认办结', '办结后将通知信访办回访', 'dt_card_2'))).toEqual({ kind: 'confirm', value, title: '确认办结', text: '办结后将通知信访办回访', cardRef: 'dt_card_2' });
  });

  it('anything else is an ordinary message: plain text, a broken or hostile payload', () => {
    expect(readActionText('帮助')).toBeNull();
    expect(readActionText('#操作 not-base64!')).toBeNull();
    expect(readActionText(`#操作 ${Buffer.from('{nope').toString('base64url')}`)).toBeNull();
    expect(readActionText(`#操作 ${Buffer.from(JSON.stringify({ a: 'no envelope' })).toString('base64url')}`)).toBeNull();
    expect(readActionText(`#确认 ${Buffer.from(JSON.stringify({ value: 1 })).toString('base64url')}`)).toBeNull();
  });
});
