import { CASE_SOURCE_LABELS, COMPLEXITY_LABELS, STABILITY_LABELS } from '../../../../../cards/labels.js';
import { STATUS_LABELS } from '../../../../domain/case-status.js';
import { DEADLINE_RULE_LABELS } from '../../../../domain/deadlines/case-deadlines.js';
import { STATEMENT_KIND_LABELS } from '../../../../domain/duties/statements.js';
import { ACK_STAGE_LABELS } from '../../../../domain/escalation/ack-stage.js';
import { ABNORMAL_DESTINATION_LABELS, ALERT_KIND_LABELS, MAJOR_EVENT_LABELS, RECIPIENT_REASON_LABELS } from '../../../../domain/escalation/alert-kinds.js';
import { ACCOUNTABILITY_KIND_LABELS, ACCOUNTABILITY_REASON_LABELS } from '../../../../domain/accountability/accountability-facts.js';
import { DEFAULT_ASSESSMENT_RULES } from '../../../../domain/assessment/rules.js';
import { RATING_LABELS } from '../../../../domain/follow-up/follow-up.js';
import { DANGER_CATEGORY_LABELS } from '../../../../domain/intake/danger-keywords.js';
import { OWNERSHIP_REASON_LABELS } from '../../../../domain/intake/ownership-scope.js';
import { REPORTING_CADENCE_LABELS } from '../../../../domain/ownership/reporting-cadence.js';
import { maskAddress, maskIdNumber, maskName, maskPhone } from '../../../../domain/privacy/masks.js';
import { PROGRESS_TAG_LABELS } from '../../../../domain/progress/closing-conditions.js';
import { CLASSIFICATION_LABELS } from '../../../../domain/review/classification.js';
import { REVIEW_KIND_LABELS } from '../../../../domain/review/review-clocks.js';
import { dateTime, type StoryContext } from './story-event.js';

// How a value recorded in the audit log reads on the case page (R25): enum words in Chinese,
// ids as names, instants in Beijing time, personal data masked unless the reader asked for it.

type Labels = Readonly<Record<string, string>>;

/** Words of the enums the log records, by the key they are recorded under. */
const ENUMS: Readonly<Record<string, Labels>> = {
  // A case's status, or an alert's.
  status: { ...STATUS_LABELS, OPEN: '处理中', CLOSED: '已关闭' },
  source: CASE_SOURCE_LABELS,
  complexity: COMPLEXITY_LABELS,
  classification: CLASSIFICATION_LABELS,
  tag: PROGRESS_TAG_LABELS,
  stability: STABILITY_LABELS,
  officeRating: RATING_LABELS,
  unitRating: RATING_LABELS,
  stage: ACK_STAGE_LABELS,
  required: ACK_STAGE_LABELS,
  stageAtMiss: ACK_STAGE_LABELS,
  reportingCadence: REPORTING_CADENCE_LABELS,
  destination: ABNORMAL_DESTINATION_LABELS,
  eventKind: { ...MAJOR_EVENT_LABELS, ...ABNORMAL_DESTINATION_LABELS },
  dueRule: DEADLINE_RULE_LABELS,
  ownershipReasons: OWNERSHIP_REASON_LABELS,
  dangerFlags: DANGER_CATEGORY_LABELS,
  outcome: { IN_PROGRESS: '劝返中', RETURNED: '已劝返', NOT_RETURNED: '未劝返' },
  // An alert's recipients and R22's facts both record a `reason`; proposals, reviews, statements,
  // alerts and R22's facts a `kind`: their words do not overlap.
  reason: { ...RECIPIENT_REASON_LABELS, ...ACCOUNTABILITY_REASON_LABELS },
  kind: { INITIAL: '包案', TRANSFER: '移交', ...REVIEW_KIND_LABELS, ...STATEMENT_KIND_LABELS, ...ALERT_KIND_LABELS, ...ACCOUNTABILITY_KIND_LABELS },
  ruleCode: Object.fromEntries(DEFAULT_ASSESSMENT_RULES.map((r) => [r.code, r.label])),
};

const PEOPLE = new Set([
  'leaderId', 'responsiblePersonId', 'ownerLeaderId', 'authorId', 'accusedPersonId', 'assignedById', 'decidedById', 'personId',
  'proposedById', 'requestedById', 'recordedById', 'submittedById', 'feedbackById', 'reportedUpById', 'createdById', 'raisedById',
  'personIds', 'added',
]);
const UNITS = new Set(['unitId', 'territorialUnitId', 'functionalUnitId', 'accusedUnitId']);
const VILLAGES = new Set(['villageId']);

/** A petitioner's own data (R24): masked by its shape, whoever's it is. */
const PERSONAL: Readonly<Record<string, (v: string) => string>> = { name: maskName, idNumber: maskIdNumber, phone: maskPhone, address: maskAddress };

/** Ids the log keeps for reference (an alert, a meeting, a proposal …): nothing a reader can use. */
export const isInternalId = (key: string) => key === 'id' || key === 'sourceKey' || (/(Id|Ids)$/.test(key) && !PEOPLE.has(key) && !UNITS.has(key) && !VILLAGES.has(key));

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** A recorded value as the reader may see it; `key` says what it is. */
export function auditValue(key: string, value: unknown, ctx: StoryContext): string {
  if (value === null || value === undefined || value === '') return '（空）';
  if (Array.isArray(value)) return value.length === 0 ? '（无）' : value.map((v) => auditValue(key, v, ctx)).join('、');
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'object') return nested(value as Record<string, unknown>, ctx);
  const text = String(value);
  if (PEOPLE.has(key)) return ctx.person(text);
  if (UNITS.has(key)) return ctx.unit(text);
  if (VILLAGES.has(key)) return ctx.village(text);
  const words = ENUMS[key];
  if (words && Object.hasOwn(words, text)) return words[text]!;
  if (Object.hasOwn(PERSONAL, key) && ctx.redact.personalData !== 'FULL') return PERSONAL[key]!(text);
  if (typeof value === 'string' && ISO_INSTANT.test(text) && !Number.isNaN(Date.parse(text))) return dateTime(new Date(text));
  return ctx.redact.text(text);
}

/** An object inside a value (an alert's recipients): the people it names, then its other fields — 赵书记（原因：主要领导，须确认至：已收到）. */
function nested(o: Record<string, unknown>, ctx: StoryContext): string {
  const fields = Object.entries(o).filter(([k]) => !isInternalId(k));
  const who = fields.filter(([k]) => PEOPLE.has(k)).map(([k, v]) => auditValue(k, v, ctx)).join('、');
  const rest = fields.filter(([k]) => !PEOPLE.has(k)).map(([k, v]) => `${auditFieldLabel(k)}：${auditValue(k, v, ctx)}`).join('，');
  return who && rest ? `${who}（${rest}）` : who || rest;
}

/** What a recorded field is called, in the entry of `action` when that names it otherwise. */
export function auditFieldLabel(key: string, action?: string): string {
  return (action ? ACTION_FIELD_WORDS[action]?.[key] : undefined) ?? FIELD_WORDS[key] ?? '其他';
}

/** Fields whose meaning depends on the entry: a review's dueOn is its answer's deadline, not the case's. */
const ACTION_FIELD_WORDS: Readonly<Record<string, Labels>> = {
  'case.review.request': { dueOn: '答复期限' },
  'case.re_review.request': { dueOn: '答复期限' },
  'statement.open': { dueOn: '提交期限' },
  'persuasion.open': { leaderId: '劝返责任领导' },
  'case.follow_up': { note: '回访记录' },
  'case.studied-in-meeting': { date: '会议日期' },
  'alert.raise': { title: '预警' },
  'accountability.record': { personId: '当事人', unitId: '当事单位', kind: '类型', reason: '事由' },
};

const FIELD_WORDS: Readonly<Record<string, string>> = {
  // the registration
  number: '编号', title: '标题', content: '反映内容', source: '来源', category: '类别', complexity: '难易程度', classification: '性质分类',
  villageId: '所属村', headcount: '人数', ownershipReasons: '包案范围（R1）', dangerFlags: '异常信件（R20）', petitionersPending: '信访人待补充',
  accusedPersonId: '被反映人', accusedUnitId: '被反映单位', status: '状态',
  // petitioners (R24)
  name: '姓名', idNumber: '身份证号', phone: '电话', address: '住址',
  // deadlines (R7–R11)
  dueOn: '办结时限', dueRule: '时限依据', overdueOn: '逾期日期', requestedDueOn: '申请延期至', grantedDueOn: '批准延期至', capped: '受法定最长期限限制',
  deadline: '办结时限',
  // ownership and assignment (R2–R5, R19)
  leaderId: '包案领导', ownerLeaderId: '包案领导', unitId: '责任单位', responsiblePersonId: '责任人', requirements: '责任要求', reportingCadence: '报送方式',
  reportingNote: '报送要求', territorialUnitId: '稳控属地单位', functionalUnitId: '解决属事单位', assignedById: '交办人', assignedAt: '交办时间',
  // progress, resolution, review, follow-up (R6, R26, R27)
  tag: '进展类别', stability: '稳定评估', resolution: '办结情况', resolvedAt: '办结时间', opinionIssuedAt: '处理意见书出具时间', summary: '意见摘要',
  kind: '类型', requestedAt: '请求时间', answeredAt: '答复时间', answer: '答复意见', late: '逾期作出', officeRating: '对信访办的评价',
  unitRating: '对责任单位的评价', note: '备注', reopened: '重新办理', followedUpAt: '回访时间', archivedAt: '归档时间', reopenCount: '重新办理次数',
  // escalation (R18–R22)
  eventKind: '事项类别', level: '预警级别', recipients: '接收人', personId: '接收人', reason: '原因', required: '须确认至', stage: '确认情况',
  settled: '已按要求确认', added: '新增接收人', missed: '未按时确认', personIds: '提醒对象', at: '时间', destination: '去向', collective: '集体访',
  occurredOn: '发生日期', caseOverdue: '发生时已逾期', owned: '已包案', who: '劝返人员', doneAt: '劝返时间', outcome: '劝返结果', authorId: '提交人',
  submittedAt: '提交时间', length: '字数', period: '期间',
  // duties (R12, R14, R15)
  date: '日期', topic: '议题', decision: '决定', attendees: '参会人员', visitors: '接待人次',
  detail: '情况说明', value: '内容',
  // assessment (R23)
  year: '考核年度', ruleCode: '考核项目', points: '分值', unqualified: '评为不合格', evidence: '依据',
};
