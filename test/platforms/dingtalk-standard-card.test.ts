import { describe, expect, it } from 'vitest';
import type { Card } from '../../cards/model.js';
import { readActionId } from '../../src/platforms/dingtalk/action-text.js';
import { encodeDingTalkMessageId } from '../../src/platforms/dingtalk/message-ref.js';
import { normalizeDingTalkCardCallback } from '../../src/platforms/dingtalk/normalize.js';
import { placeOfStandardCard, renderDingTalkStandardCard, standardCardId } from '../../src/platforms/dingtalk/standard-card.js';

const card: Card = {
  title: 'XF-2026-0042 宅基地边界纠纷',
  subtitle: '待审定',
  colour: 'orange',
  tags: [{ text: '待审定', colour: 'orange' }],
  elements: [
    { kind: 'fields', fields: [{ label: '信访人', value: '张*明' }] },
    { kind: 'item', text: '报送进展', button: { label: '查看', style: 'default', action: { a: 'case.view', caseId: 'c1' } } },
    {
      kind: 'actions',
      buttons: [
        { label: '同意', style: 'primary', action: { a: 'ownership.approve', proposalId: 'p1' }, confirm: { title: '确认同意', text: '同意后包案生效' } },
        { label: '退回', style: 'danger', action: { a: 'ownership.return', proposalId: 'p1' } },
        { label: '详情', style: 'default', action: { a: 'case.view', caseId: 'c1' } },
      ],
    },
  ],
};

const at = new Date('2026-11-24T02:00:00Z');

describe('DingTalk 互动卡片普通版 (StandardCard)', () => {
  it('renders the layout inline: a header, markdown blocks, request buttons in rows of three, forwarding off', () => {
    const r = renderDingTalkStandardCard(card);
    expect(r.config).toEqual({ autoLayout: true, enableForward: false });
    expect(r.header.title).toEqual({ type: 'text', text: 'XF-2026-0042 宅基地边界纠纷' });
    const rows = r.contents.filter((c) => c.type === 'action');
    expect(rows.map((row) => row.type === 'action' && row.actions.map((b) => [b.label.text, b.actionType, b.status]))).toEqual([
      [['查看：报送进展', 'request', 'normal'], ['同意', 'request', 'primary'], ['退回', 'request', 'warning']],
      [['详情', 'request', 'normal']],
    ]);
    const ids = new Set(r.contents.flatMap((c) => [c.id, ...(c.type === 'action' ? c.actions.flatMap((b) => [b.id, b.label.id]) : [])]));
    expect(ids.size).toBe(r.contents.length + rows.flatMap((row) => (row.type === 'action' ? row.actions : [])).length * 2);
  });

  it("carries each button's action in its id; a button that asks first carries its question", () => {
    const buttons = renderDingTalkStandardCard(card).contents.flatMap((c) => (c.type === 'action' ? c.actions : []));
    expect(buttons.map((b) => readActionId(b.id))).toEqual([
      { kind: 'action', value: { a: 'case.view', caseId: 'c1' }, cardRef: null },
      { kind: 'confirm', value: { a: 'ownership.approve', proposalId: 'p1' }, title: '确认同意', text: '同意后包案生效', cardRef: null },
      { kind: 'action', value: { a: 'ownership.return', proposalId: 'p1' }, cardRef: null },
      { kind: 'action', value: { a: 'case.view', caseId: 'c1' }, cardRef: null },
    ]);
    expect(buttons.every((b) => /^[A-Za-z0-9_-]+(\.\d+)?$/.test(b.id))).toBe(true);
    expect(buttons[3]!.id).toBe(`${buttons[0]!.id}.2`);
    expect(readActionId('button_1646816888257')).toBeNull();
  });

  it('names a card so that its place can be read back, and the same send names the same card', () => {
    const group = { kind: 'chat', conversationId: 'cidTown==' } as const;
    expect(standardCardId(group, 'u1')).toBe(standardCardId(group, 'u1'));
    expect(standardCardId(group, 'u1')).not.toBe(standardCardId(group, 'u2'));
    expect(placeOfStandardCard(standardCardId(group, 'u1'))).toEqual(group);
    expect(placeOfStandardCard(standardCardId({ kind: 'user', userId: 'staff1' }, 'u1'))).toEqual({ kind: 'user', userId: 'staff1' });
    expect(placeOfStandardCard('xf1234')).toBeNull();
    expect(placeOfStandardCard('xs_notbase64json')).toBeNull();
  });

  it('R24: a click on a group card is a click in that group, whatever the callback says of its space', () => {
    const cardBizId = standardCardId({ kind: 'chat', conversationId: 'cidTown==' }, 'u1');
    const approve = renderDingTalkStandardCard(card).contents.flatMap((c) => (c.type === 'action' ? c.actions : []))[2]!;
    const raw = {
      outTrackId: cardBizId, corpId: 'ding9f50b15bccd16741', userId: 'staff1', userIdType: 1, type: 'actionCallback',
      content: JSON.stringify({ cardPrivateData: { actionIds: [approve.id], params: {} } }), extension: '{}', spaceType: 'IM_ROBOT', spaceId: 'staff1',
    };
    expect(normalizeDingTalkCardCallback(raw, { now: at })).toMatchObject({
      kind: 'action',
      chat: { id: 'cidTown==', type: 'group' },
      operator: { userId: 'staff1' },
      messageId: encodeDingTalkMessageId({ place: { kind: 'chat', conversationId: 'cidTown==' }, outTrackId: cardBizId }),
      value: { a: 'ownership.return', proposalId: 'p1' },
      form: null,
    });
  });

  it('a confirm button asks first; an unknown button id is passed on for the dispatcher to refuse', () => {
    const cardBizId = standardCardId({ kind: 'user', userId: 'staff1' }, 'u1');
    const buttons = renderDingTalkStandardCard(card).contents.flatMap((c) => (c.type === 'action' ? c.actions : []));
    const click = (id: string) => normalizeDingTalkCardCallback({
      outTrackId: cardBizId, userId: 'staff1', type: 'actionCallback', content: JSON.stringify({ cardPrivateData: { actionIds: [id], params: {} } }),
    }, { now: at });
    expect(click(buttons[1]!.id)).toMatchObject({ kind: 'confirm', chat: null, title: '确认同意', value: { a: 'ownership.approve', proposalId: 'p1' } });
    expect(click('button_1')).toMatchObject({ kind: 'action', chat: null, value: { actionIds: ['button_1'] } });
  });
});
