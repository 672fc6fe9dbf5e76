import { alertCard } from '../../cards/builders/alert.js';
import { approvalCard } from '../../cards/builders/approval.js';
import { caseCard } from '../../cards/builders/case-card.js';
import { caseListCard } from '../../cards/builders/case-list.js';
import { errorCard } from '../../cards/builders/error.js';
import { extensionDecisionCard } from '../../cards/builders/extension-decision.js';
import { extensionRequestFormCard } from '../../cards/builders/extension-request-form.js';
import { followUpFormCard } from '../../cards/builders/follow-up-form.js';
import { helpCard } from '../../cards/builders/help.js';
import { intakeFormCard } from '../../cards/builders/intake-form.js';
import { meetingFormCard } from '../../cards/builders/meeting-form.js';
import { notRegisteredCard } from '../../cards/builders/not-registered.js';
import { ownershipFormCard } from '../../cards/builders/ownership-form.js';
import { persuasionFormCard } from '../../cards/builders/persuasion-form.js';
import { majorEventFormCard } from '../../cards/builders/major-event-form.js';
import { sentimentFormCard } from '../../cards/builders/sentiment-form.js';
import { screeningPeriodFormCard } from '../../cards/builders/screening-period-form.js';
import { receptionScheduleFormCard } from '../../cards/builders/reception-schedule-form.js';
import { higherLevelVisitFormCard } from '../../cards/builders/higher-level-visit-form.js';
import { receptionScheduleCard } from '../../cards/builders/reception-schedule.js';
import { sentimentConvertFormCard } from '../../cards/builders/sentiment-convert-form.js';
import { archiveConfirmCard } from '../../cards/builders/archive-confirm.js';
import { assignFormCard } from '../../cards/builders/assign-form.js';
import { needsOwnerFormCard } from '../../cards/builders/needs-owner-form.js';
import { classifyFormCard } from '../../cards/builders/classify-form.js';
import { opinionFormCard } from '../../cards/builders/opinion-form.js';
import { reviewAnswerFormCard } from '../../cards/builders/review-answer-form.js';
import { reportUpCard } from '../../cards/builders/report-up.js';
import { abnormalPetitionFormCard } from '../../cards/builders/abnormal-petition-form.js';
import { progressFormCard } from '../../cards/builders/progress-form.js';
import { receptionLogFormCard } from '../../cards/builders/reception-log-form.js';
import { resolveFormCard } from '../../cards/builders/resolve-form.js';
import { petitionerCorrectionCard, petitionersCard } from '../../cards/builders/petitioner-form.js';
import { resultCard } from '../../cards/builders/result.js';
import { notificationNoticeCard } from '../../cards/builders/notification-notice.js';
import { weeklySummaryCard } from '../../cards/builders/weekly-summary.js';
import { returnFormCard } from '../../cards/builders/return-form.js';
import { reviewRequestFormCard } from '../../cards/builders/review-request-form.js';
import { screeningReportFormCard } from '../../cards/builders/screening-report-form.js';
import { statementFormCard } from '../../cards/builders/statement-form.js';
import { statisticsCard } from '../../cards/builders/statistics.js';
import { todoCard } from '../../cards/builders/todo.js';
import { transferFormCard } from '../../cards/builders/transfer-form.js';
import { visitFormCard } from '../../cards/builders/visit-form.js';
import type { Card } from '../../cards/model.js';
import { caseInput, caseTodo, facts, listRow, TINY_PNG, TODAY, todoRows, uid } from './fixtures.js';

// Every card builder with realistic data, shared by the Lark snapshot tests (builders.test.ts) and
// the sandbox's HTML rendering (test/platforms/sandbox-card-html.test.ts).

const CASE = { caseId: uid(42), number: 'XF-2026-0042', title: '青山村土地征收补偿款未兑现' };
const candidates = {
  leaders: [{ id: uid(101), name: '王副镇长' }, { id: uid(102), name: '陈副书记' }],
  units: [{ id: uid(201), name: '司法所' }, { id: uid(202), name: '青山村委会' }],
  people: [{ id: uid(301), name: '赵干事', unitName: '司法所' }, { id: uid(302), name: '钱主任', unitName: '青山村委会' }],
};

/** Every builder with realistic data: each is snapshotted as Lark JSON and checked against Lark's rules. */
export const CARDS: Record<string, () => Card> = {
  'help (office staff)': () =>
    helpCard({
      person: { name: '孙主任', roles: ['OFFICE_STAFF'] },
      commands: [
        { usage: '帮助', what: '显示本说明' },
        { usage: '登记', what: '登记新的信访事项' },
        { usage: '案件 编号', what: '查看一件案件及可办理的操作；今年的案件只写序号即可，如：案件 42' },
        { usage: '逾期', what: '逾期案件，按紧急程度排列' },
      ],
      canIntake: true,
    }),
  'intake form': () => intakeFormCard({ villages: [{ id: uid(401), name: '青山村' }, { id: uid(402), name: '绿水村' }], leaders: [{ id: uid(301), name: '孙副镇长（副镇长）' }], today: TODAY }),
  'case (direct, full data, owner)': () =>
    caseCard(caseInput({ allowedActions: ['VIEW', 'VIEW_PERSONAL_DATA', 'ADD_PROGRESS', 'REQUEST_EXTENSION', 'RESOLVE', 'PROPOSE_TRANSFER', 'RECORD_PERSUASION', 'REPORT_ABNORMAL'] })),
  'case (group, masked)': () => caseCard(caseInput({ context: 'GROUP', dueOn: '2026-11-20', overdue: facts('2026-11-20', TODAY), allowedActions: ['ADD_PROGRESS'] })),
  'case list (mine)': () => caseListCard({ kind: 'mine', rows: [listRow(1, '2026-12-15'), listRow(2, '2026-11-20'), listRow(3, '2026-12-01'), listRow(4, null)], asOf: TODAY }),
  'case list (overdue, empty)': () => caseListCard({ kind: 'overdue', rows: [], asOf: TODAY }),
  todo: () =>
    todoCard({
      today: TODAY,
      entries: todoRows([
        { kind: 'ALERT', rule: 'R18', dueOn: '2026-11-27', immediate: true, why: '须确认至「已到场」', key: 'a', caseId: null, personId: null, alertId: uid(501), alertKind: 'MAJOR_EVENT', title: '青山村村民聚集县政府', required: 'ON_SITE', stage: 'RECEIVED' },
        caseTodo('SUPERVISE', { rule: 'R11', dueOn: '2026-11-12', why: '请督促承办人办结并说明逾期原因', personName: '吴志强' }),
        caseTodo('ROUTE', { dueOn: '2026-12-01' }),
        caseTodo('APPROVE', { rule: 'R4', dueOn: '2026-11-30', why: '包案意见待常委会审定（提出后2个工作日内）', refId: uid(601), personName: '孙主任' }),
        caseTodo('FOLLOW_UP', { rule: 'R27', dueOn: '2026-12-20', why: '已办结，请回访信访人并分别登记对信访办和责任单位的满意度（办结后30日内）' }),
        { kind: 'STATEMENT', rule: 'R13', dueOn: '2026-12-31', immediate: false, why: '须本人提交逾期情况书面说明（2026年第四季度）', key: 's', caseId: null, personId: null, statementId: uid(901), statementKind: 'OVERDUE_EXPLANATION', period: '2026Q4' },
        { kind: 'VISIT', rule: 'R15', dueOn: '2026-11-30', immediate: false, why: '2026年11月尚未下访联系村（每月至少一次）', key: 'v', caseId: null, personId: null, month: '2026-11', remind: true },
        { kind: 'SENTIMENT', rule: 'R16', dueOn: null, immediate: false, why: '待处理，可转为案件', key: 'r', caseId: null, personId: uid(300), reportId: uid(971), villageId: uid(401), content: '三组村民反映灌溉渠堵塞，联系人电话13812345678', reportedOn: '2026-11-26', convertible: true, villageName: '青山村', personName: '蒋信息员' },
      ]),
    }),
  statistics: () =>
    statisticsCard({
      asOf: TODAY,
      scope: '全镇',
      total: 57,
      open: 21,
      overdue: 3,
      byStatus: { IN_PROGRESS: 18, AWAITING_APPROVAL: 3, RESOLVED: 20, ARCHIVED: 16 },
      bySource: { VISIT: 30, LETTER: 12, RECEPTION_DAY: 15 },
      byVillage: [{ name: '青山村', count: 20 }, { name: '绿水村', count: 12 }],
      byMonth: [{ month: '2026-10', count: 25 }, { month: '2026-11', count: 32 }],
    }),
  'ownership proposal form': () =>
    ownershipFormCard({ case: { ...CASE, ownershipReasons: ['COLLECTIVE', 'IMPORTANT'] }, candidates, defaults: { deadline: '2026-12-31' }, returnedReason: '责任单位不对口' }),
  'transfer form': () => transferFormCard({ case: CASE, currentLeaderName: '王副镇长', candidates }),
  'approval (approver)': () =>
    approvalCard({
      proposalId: uid(601),
      kind: 'INITIAL',
      case: CASE,
      leaderName: '王副镇长',
      unitName: '司法所',
      responsibleName: '赵干事',
      requirements: '一个月内核实补偿款发放情况并答复信访人',
      deadline: '2026-12-31',
      reportingCadence: 'WEEKLY',
      reportingNote: '每周五报送',
      proposedByName: '孙主任',
      proposedAt: new Date('2026-11-26T01:00:00Z'),
      canDecide: true,
    }),
  'return form': () => returnFormCard({ proposalId: uid(601), case: CASE }),
  'progress form': () => progressFormCard({ case: CASE, missing: ['至少一条「包落实」进展'] }),
  'extension request form': () => extensionRequestFormCard({ case: CASE, dueOn: '2026-12-15', ceiling: '2027-01-30' }),
  'extension decision': () =>
    extensionDecisionCard({
      extensionId: uid(701),
      case: CASE,
      currentDueOn: '2026-12-15',
      requestedDueOn: '2027-01-15',
      reason: '需等待县自然资源局复核',
      requestedByName: '赵干事',
      requestedAt: new Date('2026-11-26T03:00:00Z'),
      ceiling: '2027-01-30',
    }),
  'resolve form': () => resolveFormCard({ case: CASE, missing: [] }),
  'resolve form (conditions missing)': () => resolveFormCard({ case: CASE, missing: ['至少一条「包落实」进展', '一条「保稳定」评估（稳定 / 仍有风险）'] }),
  'follow-up form': () => followUpFormCard({ case: CASE, unitName: '司法所', resolvedOn: '2026-11-20', windowEnd: '2026-12-20' }),
  'review request form': () => reviewRequestFormCard({ case: CASE, kind: 'REVIEW', requestBy: '2026-12-20', today: TODAY }),
  'alert (R18, fresh)': () =>
    alertCard({
      alertId: uid(501),
      kind: 'MAJOR_EVENT',
      title: '青山村村民聚集县政府',
      detail: '青山村约30名村民因补偿款问题聚集县政府门口。',
      villageName: '青山村',
      caseNumber: 'XF-2026-0042',
      raisedAt: new Date('2026-11-27T01:15:00Z'),
      closed: false,
      level: 0,
      recipients: [
        { name: '周片长', reason: 'AREA_LEADER', required: 'ON_SITE', stage: 'ON_THE_WAY' },
        { name: '吴干部', reason: 'STATIONED_CADRE', required: 'ON_SITE', stage: 'NONE' },
        { name: '李书记', reason: 'PRINCIPAL_LEADER', required: 'RECEIVED', stage: 'RECEIVED' },
      ],
      viewer: { required: 'ON_SITE', stage: 'NONE' },
    }),
  'assign form': () => assignFormCard({ case: CASE, candidates: { units: [{ id: uid(201), name: '司法所' }], people: [{ id: uid(301), name: '吴志强', unitName: '司法所' }] } }),
  'needs-owner form': () => needsOwnerFormCard({ case: CASE }),
  'classify form': () => classifyFormCard({ case: CASE, current: null, people: [{ id: uid(301), name: '吴志强' }], units: [{ id: uid(201), name: '司法所' }] }),
  'review answer form': () => reviewAnswerFormCard({ case: CASE, kind: 'REVIEW', answerBy: '2026-12-31', now: '2026-11-27 09:00' }),
  'case (office, 复查 pending)': () => caseCard(caseInput({ status: 'RESOLVED', classification: 'CLAIM', opinionIssued: true, reviewPending: 'REVIEW', allowedActions: ['VIEW', 'RECORD_REVIEW', 'REPORT_UP'] })),
  'opinion form': () => opinionFormCard({ case: CASE, now: '2026-11-27 09:00' }),
  'report up': () => reportUpCard({ case: CASE, summary: '【信访事项上报】XF-2026-0042 青山村土地征收补偿款未兑现\n信访人：张*明（共1人）\n办理进展：\n  2026-11-20 [包查办] 已核实' }),
  'case (office, registered)': () => caseCard(caseInput({ status: 'REGISTERED', ownerName: null, allowedActions: ['VIEW', 'ASSIGN', 'MARK_NEEDS_OWNER', 'CLASSIFY', 'REPORT_UP', 'PROPOSE_OWNERSHIP'] })),
  'screening period form': () => screeningPeriodFormCard({ units: [{ id: uid(201), name: '司法所' }, { id: uid(202), name: '青山村委会' }], today: TODAY }),
  'reception schedule form': () => receptionScheduleFormCard({ leaders: [{ id: uid(301), name: '孙副镇长（副镇长）' }], today: TODAY }),
  'reception schedule': () =>
    receptionScheduleCard({ from: TODAY, to: '2026-12-27', today: TODAY, days: [{ date: TODAY, leaderName: '孙副镇长', location: '镇信访接待室', caseCount: 2 }, { date: '2026-12-04', leaderName: '李镇长', location: null, caseCount: 0 }] }),
  'higher-level visit form': () => higherLevelVisitFormCard({ units: [{ id: uid(201), name: '司法所' }], today: TODAY }),
  'sentiment form': () => sentimentFormCard({ villages: [{ id: uid(401), name: '青山村' }] }),
  'sentiment convert form': () =>
    sentimentConvertFormCard({ report: { reportId: uid(971), villageName: '青山村', reporterName: '蒋信息员', content: '三组村民反映灌溉渠堵塞，影响春耕', reportedOn: '2026-11-25' } }),
  'petitioners (awaiting, R16)': () => petitionersCard({ case: CASE, petitionersPending: true, petitioners: [] }),
  'petitioners': () =>
    petitionersCard({ case: CASE, petitionersPending: false, petitioners: [{ id: uid(981), name: '张*明', phone: '138****5678', idNumber: '4201**********1234' }, { id: uid(982), name: '李*', phone: null, idNumber: null }] }),
  'petitioner correction form': () => petitionerCorrectionCard({ case: CASE, petitioner: { id: uid(981), name: '张*明', phone: '138****5678', idNumber: null } }),
  'major event form': () => majorEventFormCard({ villages: [{ id: uid(401), name: '青山村' }, { id: uid(402), name: '绿水村' }] }),
  'abnormal petition form': () => abnormalPetitionFormCard({ case: CASE, today: TODAY }),
  'persuasion form': () => persuasionFormCard({ persuasionId: uid(801), case: CASE, destination: 'BEIJING', occurredOn: '2026-11-25', now: '2026-11-27 09:00' }),
  'statement form (self-criticism)': () => statementFormCard({ statementId: uid(902), kind: 'SELF_CRITICISM', period: 'XF-2026-0042', dueOn: '2026-12-10', case: CASE }),
  'statement form (reception report)': () => statementFormCard({ statementId: uid(903), kind: 'RECEPTION_REPORT', period: '2026Q4', dueOn: '2027-01-05' }),
  'visit form': () => visitFormCard({ villages: [{ id: uid(401), name: '青山村' }], cases: [{ id: uid(42), number: 'XF-2026-0042', title: CASE.title }], today: TODAY }),
  'visit form (office, for a leader)': () =>
    visitFormCard({
      villages: [{ id: uid(401), name: '青山村' }, { id: uid(402), name: '绿水村' }],
      leaders: { choices: candidates.leaders, initial: null },
      today: TODAY,
    }),
  'reception log form': () => receptionLogFormCard({ receptionDayId: uid(961), date: TODAY, location: '镇信访接待室', leaderName: '王副镇长' }),
  'screening report form': () =>
    screeningReportFormCard({ periodId: uid(951), name: '元旦春节期间矛盾纠纷集中排查', kind: 'SENSITIVE', startsOn: '2026-12-20', endsOn: '2027-02-20', reportDueOn: '2026-12-25', unitName: '青山村委会' }),
  'meeting form': () => meetingFormCard({ today: TODAY, cases: [{ id: uid(42), number: 'XF-2026-0042', title: CASE.title }], quarterHasMeeting: false }),
  result: () => resultCard({ title: '已登记 XF-2026-0042', message: '已登记并计算办结时限', fields: [{ label: '办结时限', value: '2026-12-15' }], caseId: uid(42), note: '该事项需领导包案，已通知信访办。' }),
  'archive confirmation (R26, 复查 may still be asked)': () =>
    archiveConfirmCard({
      case: CASE,
      question: { about: 'REVIEW_WINDOW', openUntil: '2026-12-02', question: '处理意见书于2026-11-02出具，信访人在2026-12-02前仍可请求复查。现在归档，信访人请求复查时仍须受理并在本案登记。确认归档吗？' },
    }),
  'notice (due soon)': () => notificationNoticeCard({ kind: 'REPORT_REMINDER', urgency: 'NORMAL', title: 'XF-2026-0042 请报送办理进展', body: '案件「村道修缮纠纷」的报送方式为每周报送，本期尚未报送进展。', caseId: uid(42) }),
  'notice (overdue)': () => notificationNoticeCard({ kind: 'REVIEW_REMINDER', urgency: 'NORMAL', title: 'XF-2026-0042 复查意见已逾期 2 个工作日', body: '复查请求应于 2026-11-20 前作出书面复查意见。', caseId: uid(42) }),
  'notice (duty opened)': () => notificationNoticeCard({ kind: 'CASE_RESOLVED', urgency: 'NORMAL', title: 'XF-2026-0042 已办结，请安排回访', body: '已协调拨付补偿款，信访人签字确认。', caseId: uid(42) }),
  'notice (news)': () => notificationNoticeCard({ kind: 'OWNERSHIP_ACTIVATED', urgency: 'NORMAL', title: 'XF-2026-0042 包案已生效', body: '青山村土地征收补偿款未兑现｜办结时限 2026-12-15｜责任要求：两周内拿出方案', caseId: uid(42) }),
  'weekly summary': () =>
    weeklySummaryCard(
      {
        from: '2026-11-16', to: '2026-11-22', received: 9, resolved: 6, openNow: 31, overdueNow: 2,
        byVillage: [
          { village: '青山村', received: 4, resolved: 2, overdueNow: 2 },
          { village: null, received: 1, resolved: 0, overdueNow: 0 },
        ],
      },
      '青山镇',
      TINY_PNG,
    ),
  error: () => errorCard('案件当前状态为「已办结」，不能变更为「延期」'),
  'not registered': () => notRegisteredCard(),
};
