import { beforeAll, describe, expect, it } from 'vitest';
import { proposeOwnership } from '../../src/usecases/ownership/propose-ownership.js';
import type { TestDatabase } from '../support/database.js';
import { DingTalkHarness, useDingTalkSuite, templateButtons } from '../support/dingtalk-harness.js';
import { collectiveCase, ownedCase, ownershipTerms } from '../support/flows.js';
import type { Township } from '../support/township.js';

// The same bot through DingTalk's other ways in and out: stream mode (frames through the SDK's
// downstream entry, acknowledged first) and a township's interactive card template (clicks as
// card callbacks to /dingtalk/cards, answers updating the card in place).

describe('DingTalk stream mode end to end (SDK downstream entry, stubbed socket; real PostgreSQL)', () => {
  const suite = useDingTalkSuite('2026-11-24T10:00:00+08:00', { mode: 'stream' });
  let t: TestDatabase;
  let town: Township;
  let h: DingTalkHarness;
  beforeAll(() => void ({ t, town, h } = suite));

  it('acknowledges each frame with its messageId and answers 帮助 in the group; a re-pushed frame and a repeated message are answered once', async () => {
    const before = h.fake.messages.length;
    await h.say(town.people.villageCadre, '帮助', { frameId: 'frame-help-1', msgId: 'msgHelp1==' });
    expect(h.acks.at(-1)).toMatchObject({ code: 200, headers: { messageId: 'frame-help-1' } });
    expect(h.fake.messages.length).toBe(before + 1);
    expect(JSON.stringify(h.fake.messages.at(-1)!.msgParam)).toContain('登记');
    // The gateway pushes the frame again (not acknowledged in time), and DingTalk sends the message again under a new frame.
    await h.say(town.people.villageCadre, '帮助', { frameId: 'frame-help-1', msgId: 'msgHelp1==' });
    await h.say(town.people.villageCadre, '帮助', { frameId: 'frame-help-2', msgId: 'msgHelp1==' });
    expect(h.acks.filter((a) => (a.headers as { messageId: string }).messageId.startsWith('frame-help'))).toHaveLength(3);
    expect(h.fake.messages.length).toBe(before + 1);
  });

  it('R1: files a case by the guided form over the stream', async () => {
    const p = town.people;
    await h.say(p.villageCadre, '登记', { p2p: true });
    await h.fill(p.villageCadre, { 标题: '二组道路硬化款未到位', 反映内容: '村民反映二组道路硬化补助款迟迟未到位。', 信访来源: '来信', 信访人姓名: '王秀英', 来访人数: '6' });
    expect(h.lastTextTo(p.villageCadre)).toMatch(/已登记 XF-2026-\d{4}/);
    expect(await t.db.prisma.case.findFirstOrThrow({ where: { title: '二组道路硬化款未到位' } })).toMatchObject({ source: 'LETTER', headcount: 6, status: 'AWAITING_OWNER' });
  });
});

describe('DingTalk with a township card template (HTTP card callbacks; fake DingTalk; real PostgreSQL)', () => {
  const suite = useDingTalkSuite('2026-11-24T10:00:00+08:00', { cardTemplateId: 'tpl.xinfang.case.v1' });
  let t: TestDatabase;
  let town: Township;
  let h: DingTalkHarness;
  beforeAll(() => void ({ t, town, h } = suite));

  it('R24: a case card in the group is an interactive card of the template, with the petitioner masked', async () => {
    const c = await collectiveCase(town, { petitioners: [{ name: '李四', phone: '13912345678' }] });
    await h.say(town.people.office, `案件 ${c.number}`);
    const card = h.fake.cards.at(-1)!;
    expect(card).toMatchObject({ cardTemplateId: 'tpl.xinfang.case.v1', openSpaceId: 'dtv1.card//IM_GROUP.cidTownshipGroup0000000001==' });
    expect(card.cardParamMap.title).toContain(c.number);
    expect(card.cardParamMap.markdown).toContain('李＊');
    expect(card.cardParamMap.markdown).not.toContain('李四');
  });

  it('R4: the approver approves from the template card by a card callback; the card is updated in place; a repeated callback has one effect', async () => {
    const p = town.people;
    const c = await collectiveCase(town);
    await proposeOwnership(town.deps, town.actor(p.office), ownershipTerms(town, c.id));
    await h.say(p.approver, `案件 ${c.number}`, { p2p: true });
    const caseCard = h.cardsTo(p.approver).at(-1)!;
    const view = templateButtons(caseCard).find((b) => b.text === '审定包案意见')!;
    expect(await h.cardClick(p.approver, caseCard, view.action)).toBe(200);
    const approval = h.cardsTo(p.approver).at(-1)!;
    expect(approval.cardParamMap.title).toContain('包案');
    const agree = JSON.parse(approval.cardParamMap.buttons!).find((b: { text: string }) => b.text === '同意');
    // The template asks for confirmation itself (the button's `confirm` texts), then calls back.
    expect(agree.confirm).toMatchObject({ title: '确认同意' });
    await h.cardClick(p.approver, approval, JSON.parse(agree.action));
    expect((await t.db.prisma.case.findUniqueOrThrow({ where: { id: c.id } })).status).toBe('IN_PROGRESS');
    expect(DingTalkHarness.cardText(approval)).toContain('包案已生效');
    const audits = await t.db.prisma.auditLog.count({ where: { action: 'ownership.approve' } });
    const updates = approval.updates.length;
    await h.cardClick(p.approver, approval, JSON.parse(agree.action));
    expect(await t.db.prisma.auditLog.count({ where: { action: 'ownership.approve' } })).toBe(audits);
    expect(approval.updates.length).toBe(updates);
  });
});

describe('DingTalk with a township form template: forms filled in on the card (HTTP card callbacks; fake DingTalk; real PostgreSQL)', () => {
  const suite = useDingTalkSuite('2026-11-24T10:00:00+08:00', { cardTemplateId: 'tpl.xinfang.case.v1', formTemplateId: 'tpl.xinfang.form.v1' });
  let t: TestDatabase;
  let town: Township;
  let h: DingTalkHarness;
  beforeAll(() => void ({ t, town, h } = suite));

  it('R6: the responsible person reports progress on the form card itself; a bad value is refused; the same submit twice has one effect; the form becomes the result', async () => {
    const p = town.people;
    const c = await ownedCase(town);
    await h.say(p.cadre, `案件 ${c.number}`, { p2p: true });
    const caseCard = h.cardsTo(p.cadre).at(-1)!;
    await h.cardClick(p.cadre, caseCard, templateButtons(caseCard).find((b) => b.text === '报送进展')!.action);
    const form = h.cardsTo(p.cadre).at(-1)!;
    expect(form.cardTemplateId).toBe('tpl.xinfang.form.v1');
    const fields = JSON.parse(form.cardParamMap.fields!) as { name: string; kind: string; options: { value: string }[] }[];
    expect(fields.map((f) => `${f.name}:${f.kind}`)).toEqual(['tag:select', 'content:textarea', 'stability:select']);
    expect(fields[0]!.options.map((o) => o.value)).toContain('INVESTIGATION');
    const submit = JSON.parse(form.cardParamMap.submitAction!) as unknown;
    // No guided conversation: the card holds the form.
    expect(await t.db.prisma.guidedForm.count()).toBe(0);

    await h.cardClick(p.cadre, form, submit, { content: '已约谈双方' });
    // The form stays as it is, to be corrected; the reason comes as a card of its own.
    expect(DingTalkHarness.cardText(h.cardsTo(p.cadre).at(-1)!)).toContain('进展类别');
    expect(form.updates).toHaveLength(0);
    expect(await t.db.prisma.progressEntry.count({ where: { caseId: c.id } })).toBe(0);

    await h.cardClick(p.cadre, form, submit, { tag: 'INVESTIGATION', content: '调取了补偿款发放台账' });
    await h.cardClick(p.cadre, form, submit, { tag: 'INVESTIGATION', content: '调取了补偿款发放台账' });
    expect(await t.db.prisma.progressEntry.count({ where: { caseId: c.id } })).toBe(1);
    const shown = form.updates.at(-1)!;
    expect(shown.title).toContain('进展已报送');
    expect(shown.fields).toBe('[]');
    expect(shown.submitText).toBe('');
  });

  it('R1: 登记 in the group sends the intake form card to the group; its submit files the case', async () => {
    const p = town.people;
    await h.say(p.villageCadre, '登记');
    const form = h.fake.cards.at(-1)!;
    expect(form).toMatchObject({ cardTemplateId: 'tpl.xinfang.form.v1', openSpaceId: 'dtv1.card//IM_GROUP.cidTownshipGroup0000000001==' });
    await h.cardClick(p.villageCadre, form, JSON.parse(form.cardParamMap.submitAction!), {
      title: '三组灌溉水渠被占用', content: '村民反映三组灌溉水渠被个别农户占用，影响春耕。', source: 'VISIT', villageId: town.villages.a, petitionerName: '李大爷', headcount: '3', sudden: false,
    });
    expect(await t.db.prisma.case.findFirstOrThrow({ where: { title: '三组灌溉水渠被占用' } })).toMatchObject({ source: 'VISIT', villageId: town.villages.a });
    expect(DingTalkHarness.cardText(form)).toMatch(/已登记 XF-2026-\d{4}/);
  });
});
