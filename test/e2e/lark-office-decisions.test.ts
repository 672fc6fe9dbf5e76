import { beforeAll, describe, expect, it } from 'vitest';
import { actionValue } from '../../cards/actions.js';
import type { TestDatabase } from '../support/database.js';
import { buttonValues, cardOf, submitNames, titleOf, useLarkSuite, type LarkHarness } from '../support/lark-harness.js';
import { resolvedCase } from '../support/resolved-case.js';
import type { Township } from '../support/township.js';

describe('the leading group\'s decisions on a case card: R1, R5, R26 and archiving (Lark)', () => {
  const suite = useLarkSuite((p) => [p.office, p.cadre, p.unitHead, p.deputy, p.discipline], { minutesBetweenTests: 1 });
  let t: TestDatabase;
  let town: Township;
  let h: LarkHarness;
  beforeAll(() => void ({ t, town, h } = suite));

  const lastMessage = () => h.fake.messages.at(-1)!;
  /** The card the bot last answered with (forms and case cards go to the chat). */
  const lastReply = () => cardOf(lastMessage());
  const caseRow = (id: string) => t.db.prisma.case.findUniqueOrThrow({ where: { id } });
  let cards = 0;
  /** A click on a card of its own (the same button on the same card twice is a double click, one effect). */
  const onNewCard = () => ({ messageId: `om_office_card_${++cards}` });

  /** A letter from one petitioner, outside the R1 ownership scope: the office decides who handles it. */
  async function letter(title: string) {
    await h.submit(town.people.office, 'intake.submit', { title, content: '反映村道年久失修，雨天无法通行', source: 'LETTER', petitionerName: '钱七' }, onNewCard());
    return t.db.prisma.case.findFirstOrThrow({ where: { title } });
  }

  /** The office opens the case card, clicks `open` on it, and submits the form that comes back. */
  async function viaCaseCard(caseId: string, open: string, form: Record<string, unknown>) {
    await h.click(town.people.office, actionValue('case.view', { caseId }), onNewCard());
    const caseCard = lastMessage();
    const button = buttonValues(cardOf(caseCard)).find((v) => v.a === open);
    expect(button, open).toBeDefined();
    town.clock.advance(1000);
    await h.click(town.people.office, button, { messageId: caseCard.message_id });
    const formCard = lastMessage();
    town.clock.advance(1000);
    return h.submit(town.people.office, submitNames(cardOf(formCard))[0]!, form, { messageId: formCard.message_id });
  }

  it('R5: the office assigns a letter to a unit and a responsible person from the case card; they are told', async () => {
    const p = town.people;
    const c = await letter('村道失修');
    const res = await viaCaseCard(c.id, 'assign.open', { unitId: town.units.justice, responsiblePersonId: p.cadre.id, note: '请一周内实地查看' });
    expect(res.body.toast).toMatchObject({ type: 'success', content: `${c.number} 已交办` });
    expect(await caseRow(c.id)).toMatchObject({ status: 'IN_PROGRESS', unitId: town.units.justice, responsiblePersonId: p.cadre.id, assignedById: p.office.id });
    await h.settle();
    expect(h.cards(p.cadre).some((x) => JSON.stringify(x.card).includes(c.number))).toBe(true);
  });

  it('R5: 上报 gives the summary for the county, with the petitioner masked, and records when', async () => {
    const c = await letter('路灯不亮');
    const res = await h.click(town.people.office, actionValue('case.report-up', { caseId: c.id }), onNewCard());
    expect(res.body.toast).toMatchObject({ type: 'success', content: '已生成上报材料' });
    const card = lastReply();
    expect(titleOf(card)).toBe('上报材料');
    expect(JSON.stringify(card)).toContain('【本镇信访事项上报】');
    expect(JSON.stringify(card)).toContain('信访人：钱');
    expect(JSON.stringify(card)).not.toContain('钱七');
    expect((await caseRow(c.id)).reportedUpAt).not.toBeNull();
    expect(await t.db.prisma.auditLog.count({ where: { action: 'case.report_up', caseId: c.id } })).toBe(1);
  });

  it('R1: the leading group marks a letter as needing a leader owner; it waits for one', async () => {
    const c = await letter('多部门推诿');
    const res = await viaCaseCard(c.id, 'needs-owner.open', { reason: '涉及多个部门，需领导协调' });
    expect(res.body.toast).toMatchObject({ type: 'success' });
    expect((await caseRow(c.id)).status).toBe('AWAITING_OWNER');
  });

  it('R26: an accusation classified from the card goes to discipline inspection; the accused is named but never told', async () => {
    const c = await letter('村干部优亲厚友');
    const res = await viaCaseCard(c.id, 'classify.open', { classification: 'ACCUSATION', accusedPersonId: town.people.cadre.id });
    expect(res.body.toast?.content).toContain('已分类为「检举控告」');
    expect((await caseRow(c.id)).classification).toBe('ACCUSATION');
    await h.settle();
    expect(h.cards(town.people.discipline).some((x) => JSON.stringify(x.card).includes(c.number))).toBe(true);
    expect(h.cards(town.people.cadre).some((x) => JSON.stringify(x.card).includes('村干部优亲厚友'))).toBe(false);
  });

  it('R26: the 处理意见书 of a handled claim is recorded from the card, once; then the case is followed up and archived, confirmed while 复查 may still be asked', async () => {
    const resolved = await resolvedCase(t, town, { resolvedAt: '2026-11-01T10:00:00+08:00', title: '低保资格' });
    const res = await viaCaseCard(resolved.id, 'opinion.open', { issuedAt: '2026-11-02 08:00 +0800', summary: '经核实符合条件，予以纳入' });
    expect(res.body.toast?.content).toContain('处理意见书已登记');
    expect((await caseRow(resolved.id)).opinionIssuedAt).toEqual(new Date('2026-11-02T00:00:00Z'));
    const again = await h.submit(town.people.office, `opinion.submit?caseId=${resolved.id}`, { issuedAt: '2026-11-02 08:30 +0800' });
    expect(again.body.toast).toMatchObject({ type: 'error' });

    // Archiving waits for the follow-up (R27); refused before, with the reason, and nothing changes.
    const early = await h.click(town.people.office, actionValue('case.archive', { caseId: resolved.id }), onNewCard());
    expect(early.body.toast?.type).toBe('error');
    expect((await caseRow(resolved.id)).status).toBe('RESOLVED');
    await t.db.prisma.case.update({ where: { id: resolved.id }, data: { status: 'FOLLOWED_UP' } });
    town.clock.advance(1000);
    await h.click(town.people.office, actionValue('case.view', { caseId: resolved.id }), onNewCard());
    const caseCard = lastMessage();
    const archive = buttonValues(cardOf(caseCard)).find((v) => v.a === 'case.archive');
    expect(archive).toBeDefined();
    // R26: the petitioner may still ask for 复查 until 2026-12-02: the office is asked first, and nothing changes yet.
    const asked = await h.click(town.people.office, archive, { messageId: caseCard.message_id });
    expect(asked.body.toast).toMatchObject({ type: 'info', content: '归档前请确认' });
    expect((await caseRow(resolved.id)).status).toBe('FOLLOWED_UP');
    const confirmCard = lastMessage();
    expect(titleOf(cardOf(confirmCard))).toBe('归档前请确认');
    expect(JSON.stringify(cardOf(confirmCard))).toContain('信访人在2026-12-02前仍可请求复查');
    const confirm = buttonValues(cardOf(confirmCard)).find((v) => v.a === 'case.archive');
    expect(confirm).toEqual({ a: 'case.archive', caseId: resolved.id, confirmed: 'REVIEW_WINDOW' });
    town.clock.advance(1000);
    const archived = await h.click(town.people.office, confirm, { messageId: confirmCard.message_id });
    expect(archived.body.toast).toMatchObject({ type: 'success', content: `${resolved.number} 已归档` });
    expect((await caseRow(resolved.id)).status).toBe('ARCHIVED');
  });

  it('R26: archiving is refused from the card while a 复查 waits for its answer, with the reason', async () => {
    const resolved = await resolvedCase(t, town, { resolvedAt: '2026-11-01T10:00:00+08:00', title: '宅基地确权' });
    await viaCaseCard(resolved.id, 'opinion.open', { issuedAt: '2026-11-02 08:00 +0800' });
    await viaCaseCard(resolved.id, 'review.open', { requestedOn: '2026-11-02 +0800', note: '对确权面积有异议' });
    await t.db.prisma.case.update({ where: { id: resolved.id }, data: { status: 'FOLLOWED_UP' } });
    const before = h.fake.messages.length;
    const refused = await h.click(town.people.office, actionValue('case.archive', { caseId: resolved.id }), onNewCard());
    expect(refused.body.toast).toMatchObject({ type: 'error', content: expect.stringContaining('复查意见尚未作出') });
    expect(refused.body.toast?.content).toContain('不能归档');
    expect(h.fake.messages.length).toBe(before);
    expect((await caseRow(resolved.id)).status).toBe('FOLLOWED_UP');
  });

  it('R26: the 复查 request and its answer are recorded from the case card; then the 复核 window opens there', async () => {
    const resolved = await resolvedCase(t, town, { resolvedAt: '2026-11-01T10:00:00+08:00', title: '危房改造补助' });
    await viaCaseCard(resolved.id, 'opinion.open', { issuedAt: '2026-11-02 08:00 +0800' });
    const asked = await viaCaseCard(resolved.id, 'review.open', { requestedOn: '2026-11-02 +0800', note: '对补助金额有异议' });
    expect(asked.body.toast?.content).toContain('复查申请已登记');
    const answered = await viaCaseCard(resolved.id, 'review-answer.open', { answeredAt: '2026-11-02 09:00 +0800', answer: '经复查，补助金额计算正确，维持原处理意见' });
    expect(answered.body.toast).toMatchObject({ type: 'success', content: '复查意见已登记' });
    const review = await t.db.prisma.caseReview.findFirstOrThrow({ where: { caseId: resolved.id, kind: 'REVIEW' } });
    expect(review.answer).toContain('维持原处理意见');
    await h.click(town.people.office, actionValue('case.view', { caseId: resolved.id }), onNewCard());
    expect(buttonValues(lastReply())).toContainEqual({ a: 'review.open', caseId: resolved.id, kind: 'RE_REVIEW' });
  });

  it('only the office takes these decisions: a cadre is refused with the reason, and gets no form', async () => {
    const c = await letter('邻里纠纷');
    const before = h.fake.messages.length;
    for (const open of ['assign.open', 'needs-owner.open', 'classify.open', 'case.report-up'] as const) {
      const res = await h.click(town.people.cadre, actionValue(open, { caseId: c.id }));
      expect(res.body.toast, open).toMatchObject({ type: 'error', content: '此操作由信访办（信访领导小组）办理' });
    }
    expect(h.fake.messages.length).toBe(before);
    expect((await caseRow(c.id)).status).toBe('REGISTERED');
  });
});
