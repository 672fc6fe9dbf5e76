import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationNoticeCard } from '../../cards/builders/notification-notice.js';
import { renderLarkCard } from '../../cards/lark/render.js';
import type { Card } from '../../cards/model.js';
import { notificationCard } from '../../src/bot/support/notification-card.js';
import { notification, type Notification, type NotificationKind, type Urgency } from '../../src/domain/notifications.js';
import { weeklySummaryNotification } from '../../src/domain/reminders/weekly-summary.js';
import { requestExtension } from '../../src/usecases/cases/request-extension.js';
import { raiseMajorEvent } from '../../src/usecases/escalation/raise-major-event.js';
import { proposeOwnership } from '../../src/usecases/ownership/propose-ownership.js';
import { freshPostgres, type TestDatabase } from '../support/database.js';
import { collectiveCase, ownedCase, ownershipTerms } from '../support/flows.js';
import { buildTownship, type Township } from '../support/township.js';

// Every kind of pushed notification, as its reader gets it: a notice says what it is (待办,
// 待审定, 通知, 提醒…), coloured by urgency; none of them reads as the confirmation of something
// the reader did — no 「成功」, no 「结果」. The texts are those the producers write.

interface Expected {
  title: string;
  body: string;
  urgency?: Urgency;
  /** The notice's tag and colour; null where the kind has a card of its own (approval, decision, alert, weekly summary). */
  tag: string | null;
  colour?: string;
  /** The card of its own, by its title. */
  card?: string;
}

describe('pushed notifications read as notices, never as confirmations (real PostgreSQL)', () => {
  let t: TestDatabase;
  let town: Township;
  let caseId: string;
  let proposedCaseId: string;
  let extendedCaseId: string;
  let alertId: string;

  beforeAll(async () => {
    t = await freshPostgres();
    town = await buildTownship(t.db);
    caseId = (await collectiveCase(town, { title: '村道修缮纠纷' })).id;
    const proposed = await collectiveCase(town, { title: '征地补偿款分配' });
    await proposeOwnership(town.deps, town.actor(town.people.office), ownershipTerms(town, proposed.id));
    proposedCaseId = proposed.id;
    const owned = await ownedCase(town, { title: '宅基地纠纷' });
    await requestExtension(town.deps, town.actor(town.people.cadre), { caseId: owned.id, reason: '需要第三方测量鉴定', requestedDueOn: '2026-12-21' });
    extendedCaseId = owned.id;
    alertId = (await raiseMajorEvent(town.deps, town.actor(town.people.villageCadre), { villageId: town.villages.a, eventKind: 'MASS_INCIDENT', detail: '约60名村民聚集在村委会门口' })).alert.id;
  });
  afterAll(() => t?.drop());

  /** One notification of each kind, worded as its producer words it: a new kind does not compile until it is here. */
  const EXPECTED: Record<NotificationKind, Expected> = {
    CASE_NEEDS_OWNER: { title: 'XF-2026-0001 需确定包案领导', body: '村道修缮纠纷（集体访）', tag: '待办', colour: 'orange' },
    OWNERSHIP_APPROVAL_REQUESTED: { title: 'XF-2026-0002 包案意见待审定', body: '征地补偿款分配', tag: null, card: '待审定：包案意见' },
    OWNERSHIP_ACTIVATED: { title: 'XF-2026-0001 包案已生效', body: '村道修缮纠纷｜办结时限 2026-11-30｜责任要求：一个月内组织测量确权', tag: '通知', colour: 'blue' },
    PROPOSAL_RETURNED: { title: 'XF-2026-0001 包案意见被退回', body: '退回理由：责任单位不明确', tag: '已退回', colour: 'orange' },
    CASE_ASSIGNED: { title: 'XF-2026-0001 已交办，请及时办理', body: '村道修缮纠纷｜办结时限 2026-11-23', tag: '待办', colour: 'orange' },
    EXTENSION_REQUESTED: { title: 'XF-2026-0003 申请延期至 2026-12-21', body: '需要第三方测量鉴定', tag: null, card: '审批延期申请' },
    EXTENSION_DECIDED: { title: 'XF-2026-0001 延期申请未获批准', body: '理由不充分，请按期办结', tag: '通知', colour: 'blue' },
    CASE_RESOLVED: { title: 'XF-2026-0001 已办结，请安排回访', body: '已协调修缮，信访人签字确认', tag: '待办', colour: 'orange' },
    CASE_REOPENED: { title: 'XF-2026-0001 回访不满意，重新办理', body: '村道修缮纠纷：路面仍有积水，请于2026-12-10前办结', urgency: 'URGENT', tag: '待办', colour: 'red' },
    ACCUSATION_ROUTED: { title: 'XF-2026-0001 检举控告类事项转纪检', body: '村道修缮纠纷：请纪检部门依规办理，材料不得转给被检举控告的人员或单位。', urgency: 'URGENT', tag: '待办', colour: 'red' },
    REVIEW_REQUESTED: { title: 'XF-2026-0001 信访人请求复查', body: '村道修缮纠纷：复查意见应于2026-12-10前作出，请准备办理材料。', tag: '待办', colour: 'orange' },
    DANGER_LETTER: { title: '异常信件：XF-2026-0001（自杀）', body: '村道修缮纠纷（自杀）：请主要领导和分管领导亲自阅处', urgency: 'CRITICAL', tag: '紧急', colour: 'red' },
    MAJOR_EVENT: { title: '重大事项：青山村群体性事件', body: '青山村发生群体性事件', urgency: 'CRITICAL', tag: null, card: '【重大事项】青山村群体性事件' },
    ABNORMAL_PETITION: { title: '劝返情况：XF-2026-0001 未劝返', body: '进京非正常上访（2026-11-20）：周副书记，未劝返', urgency: 'URGENT', tag: '通知', colour: 'orange' },
    ALERT_ESCALATED: { title: '重大事项预警升级至主要领导：青山村群体性事件', body: '未按要求确认：吴干部（未确认，应已到场）。', urgency: 'CRITICAL', tag: '紧急', colour: 'red' },
    SENTIMENT_REPORT: { title: '民情信息：青山村', body: '蒋信息员报送：三组灌溉渠堵塞', urgency: 'URGENT', tag: '待处理', colour: 'red' },
    DUTY_OPENED: { title: '请向镇委常委会提交书面检查：XF-2026-0001', body: '案件逾期未办结期间发生进京非正常上访，请于2026-12-04前提交书面检查。', tag: '待办', colour: 'orange' },
    UNKNOWN_USER: { title: '有未登记的用户在使用信访包案助手', body: '平台：LARK，账号：ou_x。如为本镇干部，请在人员管理中关联其账号。', tag: '通知', colour: 'blue' },
    STATEMENT_SUBMITTED: { title: '孙副镇长提交了逾期说明（2026Q4）', body: '请审阅', tag: '待阅', colour: 'orange' },
    // 逾期说明 is the R13 statement, not an overdue reminder: due soon, it is a 提醒; late, 催办.
    STATEMENT_REMINDER: { title: '逾期说明即将到期', body: 'XF-2026-0001 自2026-11-01起逾期。应于2026-12-31前提交。', tag: '提醒', colour: 'orange' },
    MEETING_REMINDER: { title: '2026年第四季度尚未召开信访领导小组会议', body: '每季度至少研究一次重大疑难信访案件，请于2026-12-31前召开并记录。', tag: '提醒', colour: 'orange' },
    VISIT_REMINDER: { title: '2026年11月尚未下访', body: '每月至少到联系村下访一次，请于2026-11-30前下访并记录。', tag: '提醒', colour: 'orange' },
    SCREENING_REMINDER: { title: '元旦敏感期集中排查：请报送排查情况', body: '请于2026-12-30前报送排查情况，无情况请报零报告。', urgency: 'URGENT', tag: '提醒', colour: 'red' },
    DEADLINE_REMINDER: { title: 'XF-2026-0001 已逾期 2 个工作日', body: '案件「村道修缮纠纷」办理期限为 2026-11-20，已逾期 2 个工作日。', tag: '催办', colour: 'red' },
    CALENDAR_REMINDER: { title: '请录入 2027 年放假安排', body: '国务院办公厅通常在 11 月发布次年放假安排。', tag: '提醒', colour: 'orange' },
    REPORT_REMINDER: { title: 'XF-2026-0001 请报送办理进展', body: '本期尚未报送进展。', tag: '提醒', colour: 'orange' },
    REVIEW_REMINDER: { title: 'XF-2026-0001 复查意见下一个工作日到期', body: '复查请求应于 2026-12-10 前作出书面复查意见。', tag: '提醒', colour: 'orange' },
    FOLLOW_UP_REMINDER: { title: 'XF-2026-0001 回访期限还剩 3 个工作日到期', body: '案件「村道修缮纠纷」已办结，回访期限截至 2026-12-02。', tag: '提醒', colour: 'orange' },
    WEEKLY_SUMMARY: { title: '信访工作周报（2026-11-16 至 2026-11-22）', body: '上周新收 1 件，办结 0 件。', tag: null, card: '本镇信访工作周报' },
    AUDIT_ANCHOR: { title: '审计日志锚点', body: '截至 2026-11-02 09:00，审计日志共 12 条。请保留本消息。', tag: '请保留', colour: 'blue' },
    AUDIT_TAMPERING: { title: '审计日志与锚点不符', body: '审计日志可能被删改。请立即运行 npm run audit:verify 核查。', urgency: 'URGENT', tag: '紧急', colour: 'red' },
  };

  function notificationOf(kind: NotificationKind, e: Expected): Notification {
    if (kind === 'WEEKLY_SUMMARY') return weeklySummaryNotification({ from: '2026-11-16', to: '2026-11-22', received: 1, resolved: 0, openNow: 1, overdueNow: 0, byVillage: [] }, [town.people.office.id]);
    const onCase = kind === 'OWNERSHIP_APPROVAL_REQUESTED' ? proposedCaseId : kind === 'EXTENSION_REQUESTED' ? extendedCaseId : ['UNKNOWN_USER', 'AUDIT_ANCHOR', 'AUDIT_TAMPERING', 'CALENDAR_REMINDER', 'MEETING_REMINDER', 'VISIT_REMINDER'].includes(kind) ? null : caseId;
    return notification({
      kind,
      key: `test:${kind}`,
      urgency: e.urgency ?? 'NORMAL',
      recipientIds: [town.people.office.id],
      caseId: onCase,
      title: e.title,
      body: e.body,
      ...(kind === 'MAJOR_EVENT' ? { alertId, requiresAck: true } : {}),
    });
  }

  const cardFor = (kind: NotificationKind) => notificationCard(town.deps.uow, town.deps.config, notificationOf(kind, EXPECTED[kind]), town.people.office.id);
  const kinds = Object.keys(EXPECTED) as NotificationKind[];

  it.each(kinds)('%s: no 「成功」 or 「结果」 anywhere on the card, and it is not green', async (kind) => {
    const card: Card = await cardFor(kind);
    const json = JSON.stringify(renderLarkCard(card));
    expect(json).not.toContain('成功');
    expect(json).not.toContain('结果');
    expect(card.colour).not.toBe('green');
  });

  it.each(kinds.filter((k) => EXPECTED[k].tag !== null))('%s: a notice tagged with what it is, coloured by urgency, its text as written', async (kind) => {
    const e = EXPECTED[kind];
    const card = await cardFor(kind);
    expect(card.title).toBe(e.title);
    expect(card.tags).toEqual([{ text: e.tag, colour: e.colour }]);
    expect(card.colour).toBe(e.colour);
    expect(JSON.stringify(renderLarkCard(card))).toContain(e.body.slice(0, 6));
  });

  it.each(kinds.filter((k) => EXPECTED[k].card))('%s: the card of its own (approval, decision, alert, weekly summary)', async (kind) => {
    expect((await cardFor(kind)).title).toBe(EXPECTED[kind].card);
  });

  it('a reminder of something already late is a 催办, in red (its title says how late); one due soon says 提醒 (逾期说明 is a statement, not lateness)', () => {
    const tagOf = (kind: NotificationKind, title: string, urgency: Urgency = 'NORMAL') => notificationNoticeCard({ kind, urgency, title, body: '—', caseId: null }).tags;
    expect(tagOf('STATEMENT_REMINDER', '逾期说明已逾期未交', 'URGENT')).toEqual([{ text: '催办', colour: 'red' }]);
    expect(tagOf('SCREENING_REMINDER', '元旦敏感期集中排查：排查情况逾期未报', 'URGENT')).toEqual([{ text: '催办', colour: 'red' }]);
    expect(tagOf('REVIEW_REMINDER', 'XF-2026-0001 复查意见今天到期')).toEqual([{ text: '提醒', colour: 'orange' }]);
  });

  it('a body that is one thing is named for what it is: 办结情况, 延期理由, 审批意见', async () => {
    const fields = (card: Card) => card.elements.flatMap((el) => (el.kind === 'fields' ? el.fields.map((f) => f.label) : []));
    expect(fields(await cardFor('CASE_RESOLVED'))).toEqual(['办结情况']);
    expect(fields(await cardFor('EXTENSION_DECIDED'))).toEqual(['审批意见']);
    // Once decided, a request shows as a notice with its reason.
    const decidedCase = notificationOf('EXTENSION_REQUESTED', EXPECTED.EXTENSION_REQUESTED);
    const notice = await notificationCard(town.deps.uow, town.deps.config, { ...decidedCase, caseId }, town.people.office.id);
    expect([notice.tags, fields(notice)]).toEqual([[{ text: '待审批', colour: 'orange' }], ['延期理由']]);
  });
});
