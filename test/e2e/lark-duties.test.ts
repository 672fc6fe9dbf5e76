import { beforeAll, describe, expect, it } from 'vitest';
import { actionValue } from '../../cards/actions.js';
import type { LarkCardJson } from '../../cards/lark/render.js';
import { declareScreeningPeriod } from '../../src/usecases/duties/declare-screening-period.js';
import { openQuarterlyStatementDuties } from '../../src/usecases/duties/open-quarterly-statement-duties.js';
import { scheduleReceptionDay } from '../../src/usecases/duties/schedule-reception-day.js';
import { reportAbnormalPetition } from '../../src/usecases/escalation/report-abnormal-petition.js';
import { intakeCase } from '../../src/usecases/intake-case.js';
import { proposeOwnership } from '../../src/usecases/ownership/propose-ownership.js';
import type { TestDatabase } from '../support/database.js';
import { ownedCase as overdueOwnedCase } from '../support/duties.js';
import { ownedCase, ownershipTerms } from '../support/flows.js';
import { buttonValues, cardOf, useLarkSuite, submitNames, titleOf, type LarkHarness } from '../support/lark-harness.js';
import { intakeForm, type Township } from '../support/township.js';

describe('the Lark bot for duties, alerts and 待办: real SDK, fake Lark, real PostgreSQL', () => {
  const suite = useLarkSuite((p) => [p.office, p.approver, p.secretary, p.mayor, p.deputy, p.deputy2, p.cadre, p.unitHead, p.villageCadre, p.outsider]);
  let t: TestDatabase;
  let town: Township;
  let h: LarkHarness;
  beforeAll(() => void ({ t, town, h } = suite));

  const text = (card: LarkCardJson | undefined) => JSON.stringify(card ?? {});
  /** The card the bot answered a message or an opened form with. */
  const lastCard = () => cardOf(h.fake.messages.at(-1)!);
  const audits = (action: string, actorId?: string) => t.db.prisma.auditLog.count({ where: { action, ...(actorId ? { actorId } : {}) } });

  async function dangerLetter(content: string) {
    const { case: c } = await intakeCase(town.deps, town.actor(town.people.office), intakeForm({ source: 'LETTER', villageId: town.villages.a, content }));
    return { c, alert: await t.db.prisma.alert.findFirstOrThrow({ where: { caseId: c.id } }) };
  }

  it('R20: each recipient acknowledges the alert from its card; the card shows who has; a repeat has one effect; a non-recipient is refused', async () => {
    const p = town.people;
    const intake = await h.submit(p.office, 'intake.submit', {
      title: '来信反映补偿款问题', content: '村里拖欠我的补偿款，再不解决我就扬言自杀！', source: 'LETTER', villageId: town.villages.a, petitionerName: '刘大海',
    });
    expect(intake.body.toast?.type).toBe('success');
    const alert = await t.db.prisma.alert.findFirstOrThrow({ where: { kind: 'DANGER_LETTER' }, include: { recipients: true } });
    const recipients = [p.secretary, p.mayor, p.deputy2, p.villageCadre];
    expect(alert.recipients.map((r) => r.personId).sort()).toEqual(recipients.map((r) => r.id).sort());

    // Each recipient got the alert 1:1 with a 收到 button, and clicks it.
    for (const [i, who] of recipients.entries()) {
      const delivered = h.cards(who).find((x) => buttonValues(x.card).some((v) => v.a === 'alert.ack' && v.alertId === alert.id));
      expect(delivered, who.name).toBeDefined();
      const ack = buttonValues(delivered!.card).find((v) => v.a === 'alert.ack')!;
      const res = await h.click(who, ack, { messageId: delivered!.message.message_id });
      expect(res.body.toast?.type, who.name).toBe('success');
      const card = text(res.body.card?.data);
      for (const done of recipients.slice(0, i + 1)) expect(card).toContain(`${done.name}：已收到`);
      for (const waiting of recipients.slice(i + 1)) expect(card).toContain(`${waiting.name}：<font color='red'>未确认`);
    }
    const after = await t.db.prisma.alert.findUniqueOrThrow({ where: { id: alert.id }, include: { recipients: true } });
    expect(after.status).toBe('CLOSED');
    expect(after.recipients.every((r) => r.stage === 'RECEIVED' && r.ackedAt !== null)).toBe(true);
    expect(await audits('alert.ack')).toBe(4);

    // A repeated click (a new callback) changes nothing and says so.
    const again = await h.click(p.secretary, actionValue('alert.ack', { alertId: alert.id, stage: 'RECEIVED' }));
    expect(again.body.toast).toMatchObject({ type: 'info', content: expect.stringContaining('已确认过') });
    expect(await audits('alert.ack', p.secretary.id)).toBe(1);

    // Someone not on the alert is refused, and nothing is written.
    const refused = await h.click(p.cadre, actionValue('alert.ack', { alertId: alert.id, stage: 'RECEIVED' }));
    expect(refused.body.toast).toMatchObject({ type: 'error', content: expect.stringContaining('不是该预警的接收人') });
    expect(await audits('alert.ack')).toBe(4);
  });

  it('R21: the owner leader records the persuasion to return from the form', async () => {
    const p = town.people;
    const c = await ownedCase(town, { title: '赴京上访案' });
    const { persuasion } = await reportAbnormalPetition(town.deps, town.actor(p.office), { caseId: c.id, destination: 'BEIJING', occurredOn: '2026-11-02' });
    await h.say(p.deputy, '待办');
    const todo = lastCard();
    expect(text(todo)).toContain('**【劝返】**');
    const open = buttonValues(todo).find((v) => v.a === 'persuasion.open' && v.persuasionId === persuasion.id)!;
    expect((await h.click(p.deputy, open)).body.toast?.type).toBe('info');
    const submit = submitNames(lastCard())[0]!;
    expect(submit).toBe(`persuasion.submit?persuasionId=${persuasion.id}`);

    const refused = await h.submit(p.cadre, submit, { who: '吴志强', doneAt: '2026-11-02 08:30 +0800', outcome: 'RETURNED' });
    expect(refused.body.toast).toMatchObject({ type: 'error', content: expect.stringContaining('劝返情况由负责劝返的领导或信访办记录') });
    expect((await t.db.prisma.persuasion.findUniqueOrThrow({ where: { id: persuasion.id } })).outcome).toBe('IN_PROGRESS');

    const res = await h.submit(p.deputy, submit, { who: '孙副镇长、吴志强', doneAt: '2026-11-02 08:30 +0800', outcome: 'RETURNED', note: '已接回' });
    expect(res.body.toast).toMatchObject({ type: 'success', content: '劝返情况已登记' });
    const row = await t.db.prisma.persuasion.findUniqueOrThrow({ where: { id: persuasion.id } });
    expect(row).toMatchObject({ outcome: 'RETURNED', who: '孙副镇长、吴志强', recordedById: p.deputy.id, note: '已接回' });
    expect(row.doneAt?.toISOString()).toBe('2026-11-02T00:30:00.000Z');
  });

  it('R13: the overdue owner submits the written explanation from 待办, once', async () => {
    const p = town.people;
    await overdueOwnedCase(t, town, p.deputy2.id, '2026-10-20');
    await openQuarterlyStatementDuties(town.deps, '2026Q4');
    const statement = await t.db.prisma.writtenStatement.findFirstOrThrow({ where: { authorId: p.deputy2.id, kind: 'OVERDUE_EXPLANATION' } });

    await h.say(p.deputy2, '待办');
    const open = buttonValues(lastCard()).find((v) => v.a === 'statement.open' && v.statementId === statement.id)!;
    expect(open).toBeDefined();
    // Nobody writes it for its author.
    expect((await h.click(p.office, open)).body.toast).toMatchObject({ type: 'error', content: expect.stringContaining('只能由本人提交') });
    await h.click(p.deputy2, open);
    const submit = submitNames(lastCard())[0]!;
    const first = await h.submit(p.deputy2, submit, { content: '因征地补偿标准待县里明确，案件逾期；下一步将于11月底前办结。' });
    expect(first.body.toast).toMatchObject({ type: 'success', content: expect.stringContaining('逾期情况书面说明已提交') });
    const second = await h.submit(p.deputy2, submit, { content: '再交一次' });
    expect(second.body.toast).toMatchObject({ type: 'error', content: expect.stringContaining('不能重复提交') });
    const row = await t.db.prisma.writtenStatement.findUniqueOrThrow({ where: { id: statement.id } });
    expect(row.content).toContain('下一步将于11月底前办结');
    expect(row.submittedAt).not.toBeNull();
    expect(await audits('statement.submit', p.deputy2.id)).toBe(1);
    // The standing committee is told.
    expect(h.cards(p.approver).map((x) => titleOf(x.card)).join()).toContain('提交了逾期情况书面说明');
  });

  it('R15: a leader logs a village visit through 下访, for their own villages; a cadre is refused', async () => {
    const p = town.people;
    await h.say(p.deputy, '下访');
    const form = lastCard();
    expect(titleOf(form)).toBe('填报下访记录');
    expect(text(form)).toContain('青山村');
    expect(text(form)).not.toContain('河口村'); // only the leader's linked village
    const res = await h.submit(p.deputy, submitNames(form)[0]!, { villageId: town.villages.a, date: '2026-11-02 +0800', peopleMet: '三组村民代表5人', note: '了解补偿款发放情况' });
    expect(res.body.toast).toMatchObject({ type: 'success', content: '下访记录已填报' });
    const visits = await t.db.prisma.villageVisit.findMany();
    expect(visits).toHaveLength(1);
    expect(visits[0]).toMatchObject({ leaderId: p.deputy.id, villageId: town.villages.a, peopleMet: '三组村民代表5人' });

    await h.say(p.cadre, '下访');
    expect(text(lastCard())).toContain('下访记录由镇党政领导填报');
    const refused = await h.submit(p.cadre, 'visit.submit', { villageId: town.villages.a, date: '2026-11-02' });
    expect(refused.body.toast?.type).toBe('error');
    expect(await t.db.prisma.villageVisit.count()).toBe(1);
  });

  it('R14: the reception leader logs the reception day through 接访, once; another leader is refused', async () => {
    const p = town.people;
    await h.say(p.mayor, '接访');
    expect(titleOf(lastCard())).toBe('本季度没有您的接访日');

    const { day } = await scheduleReceptionDay(town.deps, town.actor(p.office), { leaderId: p.deputy.id, date: '2026-11-02', location: '镇信访接待室' });
    await h.say(p.deputy, '接访');
    const form = lastCard();
    expect(titleOf(form)).toBe('填报接访情况');
    const submit = submitNames(form)[0]!;
    expect(submit).toBe(`reception.submit?receptionDayId=${day.id}`);

    const refused = await h.submit(p.deputy2, submit, { visitors: '3', summary: '代填' });
    expect(refused.body.toast).toMatchObject({ type: 'error', content: expect.stringContaining('接访情况由当天接访的领导或信访办填报') });
    const bad = await h.submit(p.deputy, submit, { visitors: '很多', summary: '' });
    expect(bad.body.toast).toMatchObject({ type: 'warning', content: expect.stringMatching(/接待人次.*接访情况/) });

    const res = await h.submit(p.deputy, submit, { visitors: '6', summary: '接待群众6人次，受理2件', note: '其余当场答复' });
    expect(res.body.toast).toMatchObject({ type: 'success', content: '接访情况已填报' });
    const again = await h.submit(p.deputy, submit, { visitors: '7', summary: '再报一次' });
    expect(again.body.toast).toMatchObject({ type: 'error', content: expect.stringContaining('不能重复填报') });
    const row = await t.db.prisma.receptionDay.findUniqueOrThrow({ where: { id: day.id } });
    expect(row).toMatchObject({ visitors: 6, summary: '接待群众6人次，受理2件', logNote: '其余当场答复', loggedById: p.deputy.id });
    expect(await audits('reception-day.log')).toBe(1);

    await h.say(p.deputy, '接访');
    expect(titleOf(lastCard())).toBe('本季度的接访情况均已填报');
  });

  it('R17: a unit files a zero report through 排查; a second report of the unit is refused', async () => {
    const p = town.people;
    const { period } = await declareScreeningPeriod(town.deps, town.actor(p.office), {
      name: '元旦前矛盾纠纷集中排查', kind: 'SENSITIVE', startsOn: '2026-11-02', endsOn: '2026-11-10', reportDueOn: '2026-11-12', unitIds: [town.units.justice, town.units.police],
    });
    await h.say(p.cadre, '排查');
    const form = lastCard();
    expect(titleOf(form)).toBe('报送矛盾纠纷排查情况');
    expect(text(form)).toContain('司法所');
    const submit = submitNames(form)[0]!;
    expect(submit).toBe(`screening.submit?periodId=${period.id}`);

    const inconsistent = await h.submit(p.cadre, submit, { isZero: true, findings: '有一起纠纷' });
    expect(inconsistent.body.toast?.type).toBe('warning');
    const res = await h.submit(p.cadre, submit, { isZero: true });
    expect(res.body.toast).toMatchObject({ type: 'success', content: '零报告已报送' });
    const second = await h.submit(p.unitHead, submit, { isZero: false, findings: '排查出邻里纠纷一起' });
    expect(second.body.toast).toMatchObject({ type: 'error', content: expect.stringContaining('不能重复报送') });
    const reports = await t.db.prisma.unitReport.findMany({ where: { periodId: period.id } });
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ unitId: town.units.justice, isZero: true, findings: null, late: false, submittedById: p.cadre.id });

    await h.say(p.unitHead, '排查');
    expect(titleOf(lastCard())).toBe('目前没有需要本单位报送的排查');
  });

  it('R12: the office records a leading-group meeting with the cases studied; a cadre is refused', async () => {
    const p = town.people;
    const c = await ownedCase(town, { title: '重大疑难案件' });
    await h.say(p.office, '会议');
    const form = lastCard();
    expect(titleOf(form)).toBe('记录领导小组会议');
    expect(text(form)).toContain(c.number);
    const submit = submitNames(form)[0]!;
    const res = await h.submit(p.office, submit, {
      date: '2026-11-02 +0800', topic: '研究重大疑难信访案件', decisions: '由孙副镇长牵头限期化解', attendees: '赵书记、钱镇长、王丽华', caseIds: [c.id],
    });
    expect(res.body.toast).toMatchObject({ type: 'success', content: '会议已记录' });
    const meetings = await t.db.prisma.meeting.findMany({ include: { cases: true } });
    expect(meetings).toHaveLength(1);
    expect(meetings[0]!.cases.map((x) => x.caseId)).toEqual([c.id]);
    expect(meetings[0]!.attendees).toEqual(['赵书记', '钱镇长', '王丽华']);

    await h.say(p.cadre, '会议');
    expect(text(lastCard())).toContain('此操作由信访办（信访领导小组）办理');
    const refused = await h.submit(p.cadre, submit, { date: '2026-11-02', topic: '冒名记录', decisions: '无', attendees: '吴志强' });
    expect(refused.body.toast).toMatchObject({ type: 'error', content: expect.stringContaining('此操作由信访办') });
    expect(await t.db.prisma.meeting.count()).toBe(1);
  });

  it('R4/R20 待办: an approver sees the pending proposal and the alert awaiting acknowledgement; refresh drops what is done', async () => {
    const p = town.people;
    const { case: c } = await intakeCase(town.deps, town.actor(p.office), intakeForm({ title: '待审定的集体访', headcount: 9 }));
    const { proposal } = await proposeOwnership(town.deps, town.actor(p.office), ownershipTerms(town, c.id));
    const { alert } = await dangerLetter('我要去镇政府门口喝农药');

    await h.say(p.secretary, '待办');
    const todo = lastCard();
    expect(titleOf(todo)).toMatch(/^待办事项（\d+）$/);
    const buttons = buttonValues(todo);
    expect(text(todo)).toContain("**<font color='red'>立即处理</font>（");
    expect(text(todo)).toContain('**【待审定】**');
    expect(buttons).toContainEqual(expect.objectContaining({ a: 'ownership.view', proposalId: proposal.id }));
    expect(buttons).toContainEqual(expect.objectContaining({ a: 'alert.ack', alertId: alert.id, stage: 'RECEIVED' }));

    // A cadre is no approver: the proposal is not theirs to decide.
    await h.say(p.cadre, '待办');
    expect(buttonValues(lastCard()).some((v) => v.a === 'ownership.view')).toBe(false);

    // From 待办 the approver opens the proposal: the approval card with 同意.
    const view = await h.click(p.secretary, buttons.find((v) => v.a === 'ownership.view')!);
    expect(view.body.toast?.type).toBe('info');
    expect(buttonValues(lastCard())).toContainEqual(expect.objectContaining({ a: 'ownership.approve', proposalId: proposal.id }));

    // Acknowledged from 待办; a refresh no longer lists the alert.
    const ack = await h.click(p.secretary, buttons.find((v) => v.a === 'alert.ack' && v.alertId === alert.id)!);
    expect(ack.body.toast?.type).toBe('success');
    expect((await t.db.prisma.alertRecipient.findUniqueOrThrow({ where: { alertId_personId: { alertId: alert.id, personId: p.secretary.id } } })).stage).toBe('RECEIVED');
    const refreshed = await h.click(p.secretary, actionValue('list.refresh', { list: 'todo' }));
    const card = refreshed.body.card?.data;
    expect(card).toBeDefined();
    expect(buttonValues(card!).some((v) => v.a === 'alert.ack' && v.alertId === alert.id)).toBe(false);
    expect(buttonValues(card!)).toContainEqual(expect.objectContaining({ a: 'ownership.view', proposalId: proposal.id }));
  });

  it('刷新 redraws 我的 and refuses 逾期 to a cadre', async () => {
    const mine = await h.click(town.people.deputy, actionValue('list.refresh', { list: 'mine' }));
    expect(titleOf(mine.body.card!.data)).toMatch(/^我的案件（\d+ 件）$/);
    const overdue = await h.click(town.people.cadre, actionValue('list.refresh', { list: 'overdue' }));
    expect(overdue.body.toast).toMatchObject({ type: 'error', content: expect.stringContaining('只有信访办和主要领导可以查看全部案件') });
  });
});
