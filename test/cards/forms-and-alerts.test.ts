import { describe, expect, it } from 'vitest';
import { decodeForm } from '../../cards/actions.js';
import { alertCard, type AlertCardInput } from '../../cards/builders/alert.js';
import { helpCard } from '../../cards/builders/help.js';
import { intakeFormCard } from '../../cards/builders/intake-form.js';
import { ownershipFormCard } from '../../cards/builders/ownership-form.js';
import { resolveFormCard } from '../../cards/builders/resolve-form.js';
import { screeningReportFormCard } from '../../cards/builders/screening-report-form.js';
import { statementFormCard } from '../../cards/builders/statement-form.js';
import { decodeLarkFormAction, renderLarkCard } from '../../cards/lark/render.js';
import type { Card } from '../../cards/model.js';
import type { Role } from '../../src/domain/model.js';
import { TODAY, uid } from './fixtures.js';
import { actionsOf, components, expectValidLarkCard, markdownOf } from './lark-walk.js';

const CASE = { caseId: uid(42), number: 'XF-2026-0042', title: '青山村土地征收补偿款未兑现' };

/** The input names of a card's form, in order. */
const formInputs = (card: Card) => {
  const form = card.elements.find((e) => e.kind === 'form');
  return form?.kind === 'form' ? form.inputs.map((i) => i.name) : [];
};

describe('help card (帮助): the commands it is given, and what this person can do on cards', () => {
  // Which commands a person may use is the bot's decision (test/bot/commands-demo-township.test.ts).
  const COMMANDS = [{ usage: '帮助', what: '显示本说明' }, { usage: '案件 编号', what: '查看一件案件' }];
  const help = (roles: Role[], canIntake = false) => renderLarkCard(helpCard({ person: { name: '某人', roles }, commands: COMMANDS, canIntake }));

  it('lists the commands in the order given, with how to type them', () => {
    expect([...markdownOf(help(['CADRE'])).matchAll(/^- \*\*(.+?)\*\*：(.+)$/gm)].map((m) => [m[1], m[2]])).toEqual([['帮助', '显示本说明'], ['案件 编号', '查看一件案件']]);
  });

  it('offers the 登记 button only to whom the bot lets register', () => {
    expect(actionsOf(help(['CADRE'], true)).map((a) => a.a)).toEqual(['list.refresh', 'list.refresh', 'intake.open']);
    expect(actionsOf(help(['CADRE'], false)).map((a) => a.a)).toEqual(['list.refresh', 'list.refresh']);
  });

  it('R4: an approver of the standing committee is told about 审定, not about proposing', () => {
    expect(markdownOf(help(['APPROVER']))).toContain('审定包案意见：同意或退回');
    expect(markdownOf(help(['APPROVER']))).not.toContain('提出包案意见');
  });

  it('R18: village cadres are told how to acknowledge alerts', () => {
    expect(markdownOf(help(['VILLAGE_CADRE']))).toContain('收到 → 已出发 → 已到场');
  });
});

describe('alert card (R18, R20, R21)', () => {
  const alert = (over: Partial<AlertCardInput> = {}): AlertCardInput => ({
    alertId: uid(501),
    kind: 'MAJOR_EVENT',
    title: '青山村村民聚集县政府',
    detail: '约30名村民聚集。',
    raisedAt: new Date('2026-11-27T01:15:00Z'),
    closed: false,
    level: 0,
    recipients: [
      { name: '周片长', reason: 'AREA_LEADER', required: 'ON_SITE', stage: 'ON_THE_WAY' },
      { name: '吴干部', reason: 'STATIONED_CADRE', required: 'ON_SITE', stage: 'NONE' },
    ],
    viewer: { required: 'ON_SITE', stage: 'NONE' },
    ...over,
  });
  const stages = (a: AlertCardInput) => actionsOf(renderLarkCard(alertCard(a))).map((x) => (x.a === 'alert.ack' ? x.stage : x.a));

  it('R18: someone who must go to the scene gets 收到, 已出发 and 已到场, red', () => {
    const card = alertCard(alert());
    expect(card.colour).toBe('red');
    expect(stages(alert())).toEqual(['RECEIVED', 'ON_THE_WAY', 'ON_SITE']);
  });

  it('R18: stages already reported are not offered again', () => {
    expect(stages(alert({ viewer: { required: 'ON_SITE', stage: 'ON_THE_WAY' } }))).toEqual(['ON_SITE']);
    expect(stages(alert({ viewer: { required: 'ON_SITE', stage: 'ON_SITE' } }))).toEqual([]);
  });

  it('R20: a dangerous letter asks the principal leaders only to acknowledge receipt', () => {
    const a = alert({ kind: 'DANGER_LETTER', viewer: { required: 'RECEIVED', stage: 'NONE' } });
    expect(stages(a)).toEqual(['RECEIVED']);
    expect((renderLarkCard(alertCard(a)).header as { title: { content: string } }).title.content).toBe('【异常信件】青山村村民聚集县政府');
  });

  it('a shared card offers the stages anyone on it still needs', () => {
    expect(stages(alert({ viewer: null }))).toEqual(['RECEIVED', 'ON_THE_WAY', 'ON_SITE']);
  });

  it('shows who has acknowledged, with those short of their stage in red', () => {
    const md = markdownOf(renderLarkCard(alertCard(alert({
      recipients: [
        { name: '周片长', reason: 'AREA_LEADER', required: 'ON_SITE', stage: 'ON_SITE' },
        { name: '吴干部', reason: 'STATIONED_CADRE', required: 'ON_SITE', stage: 'RECEIVED' },
      ],
    }))));
    expect(md).toContain('**确认情况（1/2）**');
    expect(md).toContain('- 包片领导 周片长：已到场（须到场）');
    expect(md).toContain("- 驻村干部 吴干部：<font color='red'>已收到（须到场）</font>");
  });

  it('R18: an alert that climbed says to whom, so the leader it reached knows why it came', () => {
    expect(alertCard(alert()).subtitle).toBe('请立即确认');
    expect(alertCard(alert({ level: 1 })).subtitle).toBe('已升级至分管领导，请立即确认');
    expect(alertCard(alert({ level: 2 })).subtitle).toBe('已升级至主要领导，请立即确认');
  });

  it('a closed alert is grey and has no buttons', () => {
    const card = alertCard(alert({ closed: true }));
    expect(card.colour).toBe('grey');
    expect(actionsOf(renderLarkCard(card))).toEqual([]);
  });
});

describe('forms', () => {
  it('R6: a case that lacks 查办/落实/保稳定 cannot be closed: the card says what is missing and offers 报送进展', () => {
    const card = resolveFormCard({ case: CASE, missing: ['至少一条「包落实」进展'] });
    expect(formInputs(card)).toEqual([]);
    const json = renderLarkCard(card);
    expect(markdownOf(json)).toContain("**办结前尚缺**：<font color='red'>至少一条「包落实」进展</font>");
    expect(actionsOf(json)).toEqual([{ a: 'progress.open', caseId: uid(42) }]);
    expect(formInputs(resolveFormCard({ case: CASE, missing: [] }))).toEqual(['resolution']);
  });

  it('R2: the ownership form asks for the five fields, choices from the candidate lists', () => {
    const card = ownershipFormCard({
      case: CASE,
      candidates: { leaders: [{ id: uid(101), name: '王副镇长' }], units: [{ id: uid(201), name: '司法所' }], people: [{ id: uid(301), name: '赵干事' }] },
    });
    expect(formInputs(card)).toEqual([
      'leaderId', 'unitId', 'responsiblePersonId', 'requirements', 'deadline', 'reportingCadence', 'reportingNote', 'territorialUnitId', 'functionalUnitId',
    ]);
    const json = renderLarkCard(card);
    const leader = components(json).find((c) => c.node.name === 'leaderId')!.node;
    expect(leader.options).toEqual([{ text: { tag: 'plain_text', content: '王副镇长' }, value: uid(101) }]);
    const submit = components(json).find((c) => c.node.form_action_type === 'submit')!.node;
    expect(decodeLarkFormAction(submit.name as string)).toEqual({ a: 'ownership.submit', caseId: uid(42) });
  });

  it('every form input the intake card shows is a field decodeForm reads', () => {
    const card = intakeFormCard({ villages: [{ id: uid(401), name: '青山村' }], today: TODAY });
    const known = new Set(Object.keys({
      title: 1, content: 1, source: 1, receivedOn: 1, complexity: 1, classification: 1, villageId: 1, petitionerName: 1, petitionerPhone: 1,
      petitionerIdNumber: 1, petitionerAddress: 1, otherPetitioners: 1, headcount: 1, sudden: 1, important: 1, beijingPetition: 1, needsOwnership: 1,
    }));
    expect(formInputs(card).filter((n) => !known.has(n))).toEqual([]);
    expect(decodeForm({ a: 'intake.submit' }, { title: 't', content: 'c', source: 'VISIT', petitionerName: '张三', receivedOn: `${TODAY} +0800` })).toMatchObject({
      petitioners: [{ name: '张三', isPrimary: true }],
    });
  });

  it('R17: the screening form offers the zero report', () => {
    const card = screeningReportFormCard({ periodId: uid(951), name: '春节排查', kind: 'SENSITIVE', startsOn: '2027-01-20', endsOn: '2027-02-20', reportDueOn: '2027-01-25', unitName: '青山村委会' });
    expect(formInputs(card)).toEqual(['isZero', 'findings']);
    const zero = components(renderLarkCard(card)).find((c) => c.node.name === 'isZero')!.node;
    expect(zero).toMatchObject({ tag: 'checker', text: { content: '零报告（本期未排查出矛盾纠纷）' } });
  });

  it('R13/R14/R21: the statement form names the document and its addressee', () => {
    const explanation = markdownOf(renderLarkCard(statementFormCard({ statementId: uid(901), kind: 'OVERDUE_EXPLANATION', period: '2026Q4', dueOn: '2027-01-05' })));
    expect(explanation).toContain('**报送对象**：镇委常委会');
    expect(explanation).toContain('**期间**：2026年第四季度');
    const report = renderLarkCard(statementFormCard({ statementId: uid(903), kind: 'RECEPTION_REPORT', period: '2026Q4', dueOn: null }));
    expect(markdownOf(report)).toContain('**报送对象**：镇主要领导');
    expect((report.header as { title: { content: string } }).title.content).toBe('接访案件办理情况书面汇报');
    expectValidLarkCard(report);
  });
});
