import { z } from 'zod';
import { REPORTABLE_STAGES } from '../src/domain/escalation/ack-stage.js';
import { DomainError } from '../src/domain/errors.js';
import { ARCHIVE_CONFIRMATIONS } from '../src/domain/review/archive-check.js';
import {
  abnormalPetitionForm, assignForm, higherLevelVisitForm, receptionScheduleForm, reviewAnswerForm, screeningPeriodForm, sentimentConvertForm,
  sentimentForm, classifyForm, needsOwnerForm, opinionForm, extensionDecisionForm, extensionRequestForm, followUpForm, FORM_FIELD_LABELS, intakeForm, majorEventForm,
  meetingForm, ownershipForm, persuasionForm, petitionerForm, progressForm, receptionForm, resolveForm, returnForm, reviewRequestForm, screeningForm,
  statementForm, transferForm, visitForm,
} from './action-forms.js';
import { parseCardData } from './form-fields.js';
import type { ActionValue } from './model.js';

// The single catalogue of what a card can ask the bot to do. A button's value is `{ a: name,
// ...params }` with ids only; the same schema builds it (actionValue) and reads it back from an
// untrusted callback (decodeAction), so the two cannot drift. Submits of forms also name the
// schema of their fields (decodeForm).

const uuid = z.uuid({ error: '编号无效' });
const caseRef = { caseId: uuid };

/** Params of every action, by name. Submit actions keep string params only (see cards/lark/form-action.ts). */
const PARAMS = {
  'case.view': z.object(caseRef),
  /** Full personal data (R24): only ever answered in a 1:1 chat, and audited. */
  'case.view-full': z.object(caseRef),
  'intake.open': z.object({}),
  'intake.submit': z.object({}),
  'ownership.open': z.object(caseRef),
  'ownership.submit': z.object(caseRef),
  /** Shows a pending proposal for approval (R4). */
  'ownership.view': z.object({ proposalId: uuid }),
  'ownership.approve': z.object({ proposalId: uuid }),
  'ownership.return-open': z.object({ proposalId: uuid }),
  'ownership.return-submit': z.object({ proposalId: uuid }),
  'transfer.open': z.object(caseRef),
  'transfer.submit': z.object(caseRef),
  'progress.open': z.object(caseRef),
  'progress.submit': z.object(caseRef),
  'extension.open': z.object(caseRef),
  'extension.submit': z.object(caseRef),
  'extension.decide-open': z.object({ extensionId: uuid }),
  'extension.decide-submit': z.object({ extensionId: uuid }),
  'resolve.open': z.object(caseRef),
  'resolve.submit': z.object(caseRef),
  'follow-up.open': z.object(caseRef),
  'follow-up.submit': z.object(caseRef),
  'review.open': z.object({ ...caseRef, kind: z.enum(['REVIEW', 'RE_REVIEW'], { error: '应为复查或复核' }) }),
  'review.submit': z.object({ ...caseRef, kind: z.enum(['REVIEW', 'RE_REVIEW'], { error: '应为复查或复核' }) }),
  'assign.open': z.object(caseRef),
  'assign.submit': z.object(caseRef),
  'needs-owner.open': z.object(caseRef),
  'needs-owner.submit': z.object(caseRef),
  'classify.open': z.object(caseRef),
  'classify.submit': z.object(caseRef),
  'opinion.open': z.object(caseRef),
  'opinion.submit': z.object(caseRef),
  /** R5 上报: one click makes the summary for the county. */
  'case.report-up': z.object(caseRef),
  /** 归档; `confirmed` names what the office confirmed when asked (R26: a review window still open). */
  'case.archive': z.object({ ...caseRef, confirmed: z.enum(ARCHIVE_CONFIRMATIONS, { error: '确认内容无效' }).optional() }),
  /** The office completes or corrects a case's petitioners: with petitionerId that one, without it the list and an add form. */
  'petitioner.open': z.object({ ...caseRef, petitionerId: uuid.optional() }),
  'petitioner.submit': z.object({ ...caseRef, petitionerId: uuid.optional() }),
  'screening-period.open': z.object({}),
  'screening-period.submit': z.object({}),
  'reception-day.open': z.object({}),
  'reception-day.submit': z.object({}),
  'higher-visit.open': z.object({}),
  'higher-visit.submit': z.object({}),
  'sentiment.open': z.object({}),
  'sentiment.submit': z.object({}),
  'sentiment.convert-open': z.object({ reportId: uuid }),
  'sentiment.convert-submit': z.object({ reportId: uuid }),
  'major-event.open': z.object({}),
  'major-event.submit': z.object({}),
  'abnormal.open': z.object(caseRef),
  'abnormal.submit': z.object(caseRef),
  'review-answer.open': z.object({ ...caseRef, kind: z.enum(['REVIEW', 'RE_REVIEW'], { error: '应为复查或复核' }) }),
  'review-answer.submit': z.object({ ...caseRef, kind: z.enum(['REVIEW', 'RE_REVIEW'], { error: '应为复查或复核' }) }),
  'alert.ack': z.object({ alertId: uuid, stage: z.enum(REPORTABLE_STAGES, { error: '应为收到、已出发或已到场' }) }),
  'persuasion.open': z.object({ persuasionId: uuid }),
  'persuasion.submit': z.object({ persuasionId: uuid }),
  'statement.open': z.object({ statementId: uuid }),
  'statement.submit': z.object({ statementId: uuid }),
  'visit.open': z.object({}),
  'visit.submit': z.object({}),
  'reception.open': z.object({ receptionDayId: uuid }),
  'reception.submit': z.object({ receptionDayId: uuid }),
  'screening.open': z.object({ periodId: uuid }),
  'screening.submit': z.object({ periodId: uuid }),
  'meeting.open': z.object({}),
  'meeting.submit': z.object({}),
  'list.refresh': z.object({ list: z.enum(['mine', 'overdue', 'todo'], { error: '应为我的、逾期或待办' }) }),
} as const;

/** The fields of every form submit, by action name. */
const FORMS = {
  'intake.submit': intakeForm,
  'ownership.submit': ownershipForm,
  'ownership.return-submit': returnForm,
  'transfer.submit': transferForm,
  'progress.submit': progressForm,
  'extension.submit': extensionRequestForm,
  'extension.decide-submit': extensionDecisionForm,
  'resolve.submit': resolveForm,
  'follow-up.submit': followUpForm,
  'review.submit': reviewRequestForm,
  'persuasion.submit': persuasionForm,
  'major-event.submit': majorEventForm,
  'assign.submit': assignForm,
  'needs-owner.submit': needsOwnerForm,
  'classify.submit': classifyForm,
  'opinion.submit': opinionForm,
  'review-answer.submit': reviewAnswerForm,
  'sentiment.submit': sentimentForm,
  'screening-period.submit': screeningPeriodForm,
  'reception-day.submit': receptionScheduleForm,
  'higher-visit.submit': higherLevelVisitForm,
  'sentiment.convert-submit': sentimentConvertForm,
  'abnormal.submit': abnormalPetitionForm,
  'statement.submit': statementForm,
  'visit.submit': visitForm,
  'reception.submit': receptionForm,
  'screening.submit': screeningForm,
  'meeting.submit': meetingForm,
  'petitioner.submit': petitionerForm,
} as const satisfies Partial<Record<keyof typeof PARAMS, z.ZodType>>;

export type ActionName = keyof typeof PARAMS;
export type SubmitActionName = keyof typeof FORMS;

export const ACTION_NAMES = Object.keys(PARAMS) as ActionName[];
export const SUBMIT_ACTION_NAMES = Object.keys(FORMS) as SubmitActionName[];

/** What a builder passes for an action's button. */
export type ActionParams<N extends ActionName> = z.input<(typeof PARAMS)[N]>;

/** A decoded, valid action: `a` tells which, the rest is typed by it. */
export type Action = { [N in ActionName]: { a: N } & z.output<(typeof PARAMS)[N]> }[ActionName];
export type ActionOf<N extends ActionName> = Extract<Action, { a: N }>;

/** The decoded fields of a submit, ready to merge with the action's params as a use case input. */
export type FormOf<N extends SubmitActionName> = z.output<(typeof FORMS)[N]>;

/** Field labels a form words differently from FORM_FIELD_LABELS (leaderId is 包案领导 elsewhere). */
const FORM_LABELS: { readonly [N in SubmitActionName]?: Readonly<Record<string, string>> } = {
  'visit.submit': { leaderId: '下访领导' },
  'opinion.submit': { summary: '意见摘要' },
  'sentiment.submit': { content: '民情信息' },
  'reception-day.submit': { leaderId: '接访领导', date: '接访日期', note: '备注' },
  'higher-visit.submit': { unitId: '单位', date: '上访日期' },
  'assign.submit': { note: '交办意见' },
  'needs-owner.submit': { reason: '认定理由' },
};

const PARAM_LABELS: Record<string, string> = {
  caseId: '案件', proposalId: '包案意见', extensionId: '延期申请', alertId: '预警', stage: '确认', persuasionId: '劝返任务',
  statementId: '书面材料', receptionDayId: '接访日', periodId: '排查期', kind: '类型', list: '列表', reportId: '民情信息', petitionerId: '信访人', confirmed: '确认内容',
};

const STALE = '卡片数据有误，请重新打开卡片后再试：';

export function isActionName(name: unknown): name is ActionName {
  return typeof name === 'string' && Object.hasOwn(PARAMS, name);
}

export function isSubmitAction(action: { a: string }): action is ActionOf<SubmitActionName> {
  return Object.hasOwn(FORMS, action.a);
}

/** The value of a button (or form submit) for `name`; checks the params, so a builder bug fails loudly. */
export function actionValue<N extends ActionName>(name: N, params: ActionParams<N>): ActionValue & { a: N } {
  const parsed = parseCardData(PARAMS[name], params, PARAM_LABELS, STALE) as Record<string, string>;
  return { a: name, ...parsed };
}

/** Reads an untrusted button value; a VALIDATION DomainError (Chinese) when it is not one of ours. */
export function decodeAction(raw: unknown): Action {
  if (typeof raw === 'string') {
    try {
      raw = JSON.parse(raw);
    } catch {
      throw new DomainError('VALIDATION', '无法识别的卡片操作，请重新打开卡片');
    }
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new DomainError('VALIDATION', '无法识别的卡片操作，请重新打开卡片');
  }
  const name = (raw as { a?: unknown }).a;
  if (!isActionName(name)) {
    throw new DomainError('VALIDATION', '无法识别的卡片操作，请重新打开卡片', { action: typeof name === 'string' ? name : null });
  }
  const params = parseCardData(PARAMS[name], raw, PARAM_LABELS, STALE);
  return { a: name, ...params } as Action;
}

/** Reads the fields of a form submit for `action`; a VALIDATION DomainError listing every problem in Chinese. */
export function decodeForm<N extends SubmitActionName>(action: { a: N }, form: unknown): FormOf<N> {
  if (!Object.hasOwn(FORMS, action.a)) throw new DomainError('VALIDATION', '该操作没有表单');
  const data = form === null || form === undefined ? {} : form;
  return parseCardData(FORMS[action.a], data, { ...FORM_FIELD_LABELS, ...FORM_LABELS[action.a] }, '输入有误：') as FormOf<N>;
}
