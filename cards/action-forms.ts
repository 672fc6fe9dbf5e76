import { z } from 'zod';
import { VISIT_LEVELS } from '../src/domain/assessment/rules.js';
import { SCREENING_KINDS } from '../src/domain/duties/screening.js';
import { ABNORMAL_DESTINATIONS, MAJOR_EVENT_KINDS } from '../src/domain/escalation/alert-kinds.js';
import { GIVEN_RATINGS } from '../src/domain/follow-up/follow-up.js';
import { CASE_SOURCES, CLASSIFICATIONS, COMPLEXITIES, PROGRESS_TAGS, REPORTING_CADENCES, STABILITY_ASSESSMENTS } from '../src/domain/model.js';
import { startOfLocalDate } from '../src/lib/local-date.js';
import {
  checkbox, choice, chosenId, chosenIds, count, date, dateTime, nameList, optionalChoice, optionalChosenId, optionalCount, optionalDate,
  optionalText, requiredText,
} from './form-fields.js';

// The fields of every form a card submits, by input name. Each schema's output has the keys of
// the use case it feeds (src/usecases/...), so `{ ...actionParams, ...formOutput }` is that use
// case's raw input. Cross-field rules repeat the use case's message so the person sees the same words.

/** Field labels for error messages; the builders use the same words as input labels. */
export const FORM_FIELD_LABELS: Readonly<Record<string, string>> = {
  title: '标题', content: '内容', source: '来源', complexity: '难易程度', classification: '性质分类', category: '类别',
  villageId: '所属村', headcount: '人数', receivedOn: '收件日期', receptionLeaderId: '接访领导',
  petitionerName: '信访人姓名', petitionerIdNumber: '身份证号', petitionerPhone: '联系电话', petitionerAddress: '住址',
  otherPetitioners: '其他信访人', sudden: '突发性', important: '重要信访', beijingPetition: '赴京上访', needsOwnership: '需包案',
  leaderId: '包案领导', unitId: '责任单位', responsiblePersonId: '责任人', requirements: '责任要求', deadline: '办结时限',
  reportingCadence: '报送方式', reportingNote: '报送要求', territorialUnitId: '稳控属地单位', functionalUnitId: '解决属事单位',
  reason: '理由', tag: '进展类别', stability: '稳定评估', requestedDueOn: '申请延期至', decision: '审批意见',
  resolution: '办结情况', officeRating: '对信访办的评价', unitRating: '对责任单位的评价', note: '备注', reopen: '重新办理',
  reopenReason: '重新办理理由', reopenDueOn: '重新办理时限', requestedOn: '申请日期', who: '劝返人员', doneAt: '劝返时间',
  outcome: '劝返结果', date: '日期', peopleMet: '走访对象', caseIds: '案件', visitors: '接待人次', summary: '接访情况',
  isZero: '零报告', findings: '排查情况', topic: '议题', decisions: '研究决定', attendees: '参会人员',
  eventKind: '事项类别', detail: '情况说明', destination: '去向', collective: '集体访', occurredOn: '发生日期',
  name: '名称', kind: '类别', startsOn: '开始日期', endsOn: '结束日期', reportDueOn: '报送截止日期', unitIds: '报送单位',
  location: '接访地点', level: '上访去向', evidence: '依据', poorWork: '工作不力所致',
  remove: '删除', accusedPersonId: '被反映人', accusedUnitId: '被反映单位', issuedAt: '出具时间', answeredAt: '答复时间', answer: '答复意见',
};

const PHONE = /^1[3-9]\d{9}$|^0\d{2,3}-?\d{7,8}$/;
const ID_NUMBER = /^\d{17}[\dX]$/;

/** A petitioner's number, phone and address as forms ask them; the use case checks the ID number's check digit, as at intake. */
const petitionerDetails = {
  petitionerIdNumber: optionalText(18).transform((v) => v?.toUpperCase() ?? null)
    .refine((v) => v === null || ID_NUMBER.test(v), { error: '身份证号应为18位' }),
  petitionerPhone: optionalText(20).refine((v) => v === null || PHONE.test(v), { error: '电话号码格式不正确' }),
  petitionerAddress: optionalText(200),
};

type PetitionerFields = { petitionerName: string | null; petitionerIdNumber: string | null; petitionerPhone: string | null; petitionerAddress: string | null };

const NAME_FIRST = '填写信访人电话、身份证号或住址时，请同时填写姓名';
const hasDetails = (f: PetitionerFields) => f.petitionerIdNumber !== null || f.petitionerPhone !== null || f.petitionerAddress !== null;

export const intakeForm = z
  .object({
    title: requiredText(100),
    content: requiredText(5000),
    source: choice(CASE_SOURCES, '请选择信访来源'),
    complexity: optionalChoice(COMPLEXITIES, '难易程度无效').transform((v) => v ?? 'GENERAL'),
    classification: optionalChoice(CLASSIFICATIONS, '性质分类无效'),
    villageId: optionalChosenId,
    headcount: optionalCount(1, 100000),
    receivedOn: optionalDate,
    receptionLeaderId: optionalChosenId,
    petitionerName: requiredText(30),
    ...petitionerDetails,
    otherPetitioners: optionalText(2000),
    sudden: checkbox,
    important: checkbox,
    beijingPetition: checkbox,
    needsOwnership: checkbox,
  })
  .transform((f) => {
    const others = (f.otherPetitioners ?? '').split(/[\n、，,；;]+/).map((s) => s.trim()).filter((s) => s.length > 0);
    return {
      title: f.title,
      content: f.content,
      source: f.source,
      complexity: f.complexity,
      classification: f.classification,
      villageId: f.villageId,
      ...(f.receptionLeaderId !== null ? { receptionLeaderId: f.receptionLeaderId } : {}),
      ...(f.headcount !== null ? { headcount: f.headcount } : {}),
      ...(f.receivedOn !== null ? { receivedAt: startOfLocalDate(f.receivedOn) } : {}),
      petitioners: [
        { name: f.petitionerName, idNumber: f.petitionerIdNumber, phone: f.petitionerPhone, address: f.petitionerAddress, isPrimary: true },
        ...others.map((name) => ({ name, idNumber: null, phone: null, address: null, isPrimary: false })),
      ],
      sudden: f.sudden,
      important: f.important,
      beijingPetition: f.beijingPetition,
      needsOwnership: f.needsOwnership,
    };
  })
  .refine((v) => v.petitioners.every((p) => [...p.name].length <= 30), { error: '其他信访人：每个姓名不能超过30个字', path: ['otherPetitioners'] });

/** R2: the five things an ownership names, plus the R19 units of a multi-unit case. */
const ownershipTerms = {
  leaderId: chosenId('请选择包案领导'),
  unitId: chosenId('请选择责任单位'),
  responsiblePersonId: chosenId('请选择责任人'),
  requirements: requiredText(2000),
  deadline: date('请选择办结时限'),
  reportingCadence: choice(REPORTING_CADENCES, '请选择报送方式'),
  reportingNote: optionalText(200),
  territorialUnitId: optionalChosenId,
  functionalUnitId: optionalChosenId,
};

export const ownershipForm = z.object(ownershipTerms);

/** R3: a transfer is proposed like R4, with its reason. */
export const transferForm = z.object({ ...ownershipTerms, reason: requiredText(500) });

/** R4: a returned proposal says why. */
export const returnForm = z.object({ reason: requiredText(500) });

export const progressForm = z
  .object({
    tag: choice(PROGRESS_TAGS, '请选择进展类别（包案件 / 包查办 / 包落实 / 保稳定）'),
    content: requiredText(2000),
    stability: optionalChoice(STABILITY_ASSESSMENTS, '稳定评估应为 稳定 / 仍有风险'),
  })
  .refine((v) => v.tag !== 'STABILITY' || v.stability !== null, { error: '「保稳定」进展须选择稳定评估', path: ['stability'] });

export const extensionRequestForm = z.object({
  requestedDueOn: date('请选择申请延期至的日期'),
  reason: requiredText(1000),
});

export const extensionDecisionForm = z
  .object({
    decision: choice(['APPROVE', 'REJECT'], '请选择同意或不同意'),
    reason: requiredText(1000),
  })
  .transform((v) => ({ approve: v.decision === 'APPROVE', reason: v.reason }));

export const resolveForm = z.object({ resolution: requiredText(2000) });

/** R27: two ratings; only 不满意 may reopen the case. */
export const followUpForm = z
  .object({
    officeRating: choice(GIVEN_RATINGS, '请选择对信访办的评价（满意 / 基本满意 / 不满意）'),
    unitRating: choice(GIVEN_RATINGS, '请选择对责任单位的评价（满意 / 基本满意 / 不满意）'),
    note: optionalText(1000),
    reopen: checkbox,
    reopenReason: optionalText(500),
    reopenDueOn: optionalDate,
  })
  .refine((v) => !v.reopen || v.officeRating === 'UNSATISFIED' || v.unitRating === 'UNSATISFIED', {
    error: '只有信访人表示「不满意」时才能重新办理',
    path: ['reopen'],
  })
  .refine((v) => !v.reopen || v.reopenReason !== null, { error: '重新办理须说明理由', path: ['reopenReason'] })
  .transform(({ reopenDueOn, ...rest }) => ({ ...rest, ...(reopenDueOn !== null ? { reopenDueOn } : {}) }));

/** R26: the day the petitioner asked (defaults to now in the use case). */
export const reviewRequestForm = z
  .object({ requestedOn: optionalDate, note: optionalText(1000) })
  .transform((v) => ({ note: v.note, ...(v.requestedOn !== null ? { requestedAt: startOfLocalDate(v.requestedOn) } : {}) }));

/** R17: a screening period — its name, kind, dates and the units that must report. */
export const screeningPeriodForm = z.object({
  name: requiredText(100),
  kind: choice(SCREENING_KINDS, '请选择排查类别（常规 / 敏感时期）'),
  startsOn: date('请选择开始日期'),
  endsOn: date('请选择结束日期'),
  reportDueOn: date('请选择报送截止日期'),
  unitIds: chosenIds(500).refine((ids) => ids.length > 0, { error: '至少指定一个报送单位' }),
});

/** R14: a leader on the reception schedule for a day to come. */
export const receptionScheduleForm = z.object({
  leaderId: chosenId('请选择接访领导'),
  date: date('请选择接访日期'),
  location: requiredText(100),
  note: optionalText(500),
});

/** R23: a visit by a unit's people to a higher level, with its evidence. */
export const higherLevelVisitForm = z.object({
  unitId: chosenId('请选择单位'),
  level: choice(VISIT_LEVELS, '请选择上访去向（县 / 市 / 省 / 北京）'),
  collective: checkbox,
  date: date('请选择日期'),
  evidence: requiredText(500),
  poorWork: checkbox,
});

/** R16 即时即报: the village and what the collector heard. */
export const sentimentForm = z.object({ villageId: chosenId('请选择所在村（社区）'), content: requiredText(5000) });

/** R16: the office turns a report into a case; what the report does not say is completed later. */
export const sentimentConvertForm = z
  .object({
    title: optionalText(100),
    category: optionalText(50),
    complexity: optionalChoice(COMPLEXITIES, '难易程度无效').transform((v) => v ?? 'GENERAL'),
    headcount: optionalCount(1, 100000),
    important: checkbox,
    sudden: checkbox,
    petitionerName: optionalText(30),
    ...petitionerDetails,
  })
  .refine((f) => f.petitionerName !== null || !hasDetails(f), { error: NAME_FIRST, path: ['petitionerName'] })
  .transform(({ headcount, petitionerName, petitionerIdNumber, petitionerPhone, petitionerAddress, ...rest }) => ({
    ...rest,
    ...(headcount !== null ? { headcount } : {}),
    // R16: a report that names nobody becomes a case awaiting its petitioners.
    ...(petitionerName !== null ? { petitioners: [{ name: petitionerName, idNumber: petitionerIdNumber, phone: petitionerPhone, address: petitionerAddress }] } : {}),
  }));

/**
 * The office adds or corrects one petitioner of a case. Adding needs a name; correcting keeps
 * every field left blank as it was (the card cannot show the full data to fill it in: R24).
 */
export const petitionerForm = z
  .object({ petitionerName: optionalText(30), ...petitionerDetails, remove: checkbox })
  .transform((f) => ({
    remove: f.remove,
    ...(f.petitionerName !== null ? { name: f.petitionerName } : {}),
    ...(f.petitionerIdNumber !== null ? { idNumber: f.petitionerIdNumber } : {}),
    ...(f.petitionerPhone !== null ? { phone: f.petitionerPhone } : {}),
    ...(f.petitionerAddress !== null ? { address: f.petitionerAddress } : {}),
  }));

/** R26: the written answer to a 复查 or 复核 request, and when it was given. */
export const reviewAnswerForm = z.object({ answeredAt: dateTime('请选择答复时间'), answer: requiredText(5000) });

/** R21 劝返: who, when, outcome. */
export const persuasionForm = z.object({
  who: requiredText(200),
  doneAt: dateTime('请选择劝返时间'),
  outcome: choice(['RETURNED', 'NOT_RETURNED'], '请选择劝返结果（已劝返 / 未劝返）'),
  note: optionalText(2000),
});

/** R18 重大事项: where, what kind, and what is happening. */
export const majorEventForm = z.object({
  villageId: chosenId('请选择发生事项的村（社区）'),
  eventKind: choice(MAJOR_EVENT_KINDS, '请选择事项类别'),
  detail: requiredText(2000),
});

/** R21 非正常上访 of a case's petitioner: where they went, when, and whether collectively. */
export const abnormalPetitionForm = z.object({
  destination: choice(ABNORMAL_DESTINATIONS, '请选择去向（赴省、进京或到州集体访）'),
  collective: checkbox,
  occurredOn: date('请选择发生日期'),
  detail: optionalText(2000),
});

/** R5 交办: the unit and the responsible person, with an optional note. */
export const assignForm = z
  .object({ unitId: chosenId('请选择责任单位'), responsiblePersonId: chosenId('请选择责任人'), note: optionalText(500) })
  .transform(({ note, ...rest }) => ({ ...rest, ...(note !== null ? { note } : {}) }));

/** R1: why the leading group says the case needs a leader owner. */
export const needsOwnerForm = z.object({ reason: requiredText(500) });

/** R26: the class, and whom an accusation names. */
export const classifyForm = z.object({
  classification: choice(CLASSIFICATIONS, '请选择性质分类（建议意见 / 检举控告 / 申诉求决）'),
  accusedPersonId: optionalChosenId,
  accusedUnitId: optionalChosenId,
});

/** R26: when the 处理意见书 was issued, and what it said. */
export const opinionForm = z.object({ issuedAt: dateTime('请选择出具时间'), summary: optionalText(2000) });

/** R13, R14, R21: the text of a written statement. */
export const statementForm = z.object({ content: requiredText(20000) });

/** R15 下访; `leaderId` only on the office's form (logging for a leader), else the visit is the submitter's own. */
export const visitForm = z
  .object({
    leaderId: optionalChosenId,
    villageId: chosenId('请选择走访的村'),
    date: date('请选择下访日期'),
    peopleMet: optionalText(1000),
    note: optionalText(5000),
    caseIds: chosenIds(50),
  })
  .transform(({ leaderId, ...rest }) => ({ ...rest, ...(leaderId !== null ? { leaderId } : {}) }));

/** R14: how a reception day went (cases received there are registered with 登记). */
export const receptionForm = z.object({
  visitors: count(0, 10000),
  summary: requiredText(2000),
  note: optionalText(1000),
});

/** R17: findings, or a zero report. */
export const screeningForm = z
  .object({ isZero: checkbox, findings: optionalText(10000) })
  .refine((r) => r.isZero === (r.findings === null), {
    error: '零报告不填排查情况；非零报告须填写排查情况',
    path: ['findings'],
  });

/** R12: a leading-group meeting on major difficult cases. */
export const meetingForm = z
  .object({
    date: date('请选择会议日期'),
    topic: requiredText(200),
    decisions: requiredText(10000),
    attendees: nameList(30, 100),
    caseIds: chosenIds(100),
  })
  .transform(({ caseIds, ...rest }) => ({ ...rest, cases: caseIds.map((caseId) => ({ caseId, decision: null })) }));

export const PERSUASION_OUTCOME_LABELS = { RETURNED: '已劝返', NOT_RETURNED: '未劝返' } as const;
