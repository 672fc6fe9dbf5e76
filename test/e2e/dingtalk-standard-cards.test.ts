import { beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../support/database.js';
import { buttonsOf, DingTalkHarness, standardButtons, useDingTalkSuite } from '../support/dingtalk-harness.js';
import type { FakeDingTalkStandardCard } from '../support/fake-dingtalk.js';
import { collectiveCase, ownershipTerms } from '../support/flows.js';
import { proposeOwnership } from '../../src/usecases/ownership/propose-ownership.js';
import type { Township } from '../support/township.js';
import type { Person } from '../../src/domain/model.js';

// DINGTALK_CARDS=standard: cards go as 互动卡片普通版 (StandardCard) through the robot
// interactive-card endpoints, buttons are `request` buttons that call back (HTTP or stream), and a
// click's answer updates the card in place. Formats: docs/platforms/dingtalk-standard-card.md.

const PUBLIC_URL = 'https://xinfang.example.gov.cn';

/** No click posts a text in the chat: no #操作 texts, no dtmd links. */
const expectNoActionTexts = (cards: FakeDingTalkStandardCard[]) => {
  for (const c of cards) {
    const shown = JSON.stringify([c.cardData, ...c.updates]);
    expect(shown).not.toContain('#操作');
    expect(shown).not.toContain('dtmd://');
  }
};

function approvalFlow(mode: 'http' | 'stream') {
  const suite = useDingTalkSuite('2026-11-24T10:00:00+08:00', { mode, cards: 'standard', publicUrl: PUBLIC_URL });
  let t: TestDatabase;
  let town: Township;
  let h: DingTalkHarness;
  beforeAll(() => void ({ t, town, h } = suite));

  const button = (p: Person, label: string, since = 0) => {
    const card = h.standardCards(p).slice(since).reverse().find((c) => standardButtons(c).some((b) => b.label === label));
    if (!card) throw new Error(`no standard card with ${label} for ${p.name}`);
    return { card, id: standardButtons(card).find((b) => b.label === label)!.id };
  };

  it(`R4: the approver approves on standard cards in 1:1 (${mode}): 同意 asks first, 确定 approves and updates that card in place; a repeated callback has one effect`, async () => {
    const p = town.people;
    const c = await collectiveCase(town);
    await proposeOwnership(town.deps, town.actor(p.office), ownershipTerms(town, c.id));
    await h.say(p.approver, `案件 ${c.number}`, { p2p: true });
    const caseCard = button(p.approver, '审定包案意见');
    expect(caseCard.card).toMatchObject({ userId: expect.any(String), openConversationId: null });
    expect(caseCard.card.callbackUrl).toBe(mode === 'http' ? `${PUBLIC_URL}/dingtalk/cards` : null);
    expect(caseCard.card.cardData).toMatchObject({ config: { enableForward: false } });

    let since = h.standardCards(p.approver).length;
    await h.standardClick(p.approver, caseCard.card, caseCard.id);
    const approve = button(p.approver, '同意', since);
    expect(approve.id.startsWith('xfc_')).toBe(true);

    since = h.standardCards(p.approver).length;
    await h.standardClick(p.approver, approve.card, approve.id);
    const confirm = button(p.approver, '确定', since);
    expect(JSON.stringify(confirm.card.cardData)).toContain('请确认');

    await h.standardClick(p.approver, confirm.card, confirm.id, { frameId: 'frame-approve' });
    expect((await t.db.prisma.case.findUniqueOrThrow({ where: { id: c.id } })).status).toBe('IN_PROGRESS');
    // The answer replaced the card that was clicked (PUT /v1.0/im/robots/interactiveCards), no new message.
    expect(confirm.card.updates.length).toBe(1);
    expect(standardButtons(confirm.card).map((b) => b.label)).not.toContain('确定');

    const audits = await t.db.prisma.auditLog.count({ where: { action: 'ownership.approve' } });
    await h.standardClick(p.approver, confirm.card, confirm.id, { frameId: 'frame-approve' });
    await h.standardClick(p.approver, confirm.card, confirm.id);
    expect(await t.db.prisma.auditLog.count({ where: { action: 'ownership.approve' } })).toBe(audits);
    expectNoActionTexts(h.fake.standardCards);
    expect(h.fake.messages.filter((m) => m.msgKey.startsWith('sampleActionCard'))).toEqual([]);
  });
}

describe('DingTalk standard cards over HTTP callbacks (fake DingTalk; real PostgreSQL)', () => {
  approvalFlow('http');
});

describe('DingTalk standard cards over the stream (fake DingTalk; real PostgreSQL)', () => {
  approvalFlow('stream');
});

describe('DingTalk standard cards in the town group', () => {
  const suite = useDingTalkSuite('2026-11-24T10:00:00+08:00', { cards: 'standard', publicUrl: PUBLIC_URL });
  let town: Township;
  let h: DingTalkHarness;
  beforeAll(() => void ({ town, h } = suite));

  it('R24: a case card in the group is a standard card with the petitioner masked; a click there is answered masked, in the group', async () => {
    const p = town.people;
    const c = await collectiveCase(town);
    await h.say(p.office, `案件 ${c.number}`);
    const [card] = h.standardCards();
    expect(card).toBeDefined();
    const shown = JSON.stringify(card!.cardData);
    // DingTalk markdown shows a literal * as ＊ (markdown.ts).
    expect(shown).toContain('张＊明');
    expect(shown).not.toContain('张大明');
    expect(shown).not.toContain('13812345678');
    // Someone without the right clicks 分类 in the group: refused with the reason, to them alone; nothing changes.
    const classify = standardButtons(card!).find((b) => b.label === '分类')!;
    const audits = await suite.t.db.prisma.auditLog.count();
    await h.standardClick(p.villageCadre, card!, classify.id);
    expect(await suite.t.db.prisma.auditLog.count()).toBe(audits);
    expect(card!.updates).toEqual([]);
    expect(JSON.stringify(h.standardCards(p.villageCadre).at(-1)?.cardData ?? {})).toContain('此操作由信访办（信访领导小组）办理');
    const first = standardButtons(card!)[0]!;
    await h.standardClick(p.office, card!, first.id);
    const everything = JSON.stringify(h.standardCards().map((x) => [x.cardData, ...x.updates]));
    expect(everything).not.toContain('张大明');
    expect(everything).not.toContain('13812345678');
    expectNoActionTexts(h.fake.standardCards);
  });

  it('R5/R24: the office refreshes its 待办 in the group: the callback runs the use case and the group card is updated in place, still masked', async () => {
    const p = town.people;
    await h.say(p.office, '待办');
    const list = h.standardCards().at(-1)!;
    const cards = h.standardCards().length;
    const added = await collectiveCase(town, { title: '灌溉渠道维修纠纷' });
    const refresh = standardButtons(list).find((b) => b.label === '刷新')!;
    await h.standardClick(p.office, list, refresh.id);
    expect(list.updates.length).toBe(1);
    expect(h.standardCards().length).toBe(cards);
    const shown = JSON.stringify(list.cardData);
    expect(shown).toContain(added.number);
    expect(shown).not.toContain('张大明');
  });

  it('the last fallback: when DingTalk refuses standard cards (no permission), a robot message goes instead — with #操作 buttons 1:1, without them in the group — and the refusal is logged', async () => {
    const p = town.people;
    const c = await collectiveCase(town, { title: '道路硬化占地补偿' });
    // A proposal waits for the approver: their case card offers 审定.
    await proposeOwnership(town.deps, town.actor(p.office), ownershipTerms(town, c.id));
    const cards = h.fake.standardCards.length;
    h.fake.failNext(1, 403, { code: 'Forbidden.AccessDenied', message: '应用没有权限', path: /interactiveCards\/send/ });
    await h.say(p.office, `案件 ${c.number}`);
    const inGroup = h.groupMessages().at(-1)!;
    expect(inGroup.msgKey).toBe('sampleMarkdown');
    expect(JSON.stringify(inGroup.msgParam)).not.toContain('dtmd://');
    expect(JSON.stringify(inGroup.msgParam)).toContain('张＊明');
    h.fake.failNext(1, 403, { code: 'Forbidden.AccessDenied', message: '应用没有权限', path: /interactiveCards\/send/ });
    const since = h.fake.messages.length;
    await h.say(p.approver, `案件 ${c.number}`, { p2p: true });
    const oneToOne = h.messagesTo(p.approver, since).find((m) => m.msgParam.title?.startsWith(c.number));
    expect(oneToOne && buttonsOf(oneToOne).length).toBeGreaterThan(0);
    expect(h.fake.standardCards.length).toBe(cards);
    expect(h.logLines.filter((l) => String(l.msg).includes('standard card refused'))).toHaveLength(2);
  });

  it('a click on a button that is not ours (a stale or forged id) is refused with a reason and changes nothing', async () => {
    const [card] = h.standardCards();
    const data = JSON.stringify(card!.cardData);
    const updates = card!.updates.length;
    const audits = await suite.t.db.prisma.auditLog.count();
    expect(await h.standardClick(town.people.office, card!, 'button_1646816888257')).toBe(200);
    expect(JSON.stringify(card!.cardData)).toBe(data);
    expect(card!.updates.length).toBe(updates);
    expect(await suite.t.db.prisma.auditLog.count()).toBe(audits);
    expect(JSON.stringify(h.standardCards(town.people.office).at(-1)!.cardData)).toContain('无法识别的卡片操作');
  });
});
