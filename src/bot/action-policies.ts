import type { ActionName } from '../../cards/actions.js';
import type { CaseAction, DutyAction, GlobalAction } from '../domain/authorization.js';

/**
 * What a card action or command requires, in the domain's own terms (src/domain/authorization.ts).
 * The dispatcher checks it before any handler runs, the form openers as much as the submits;
 * use cases check again on submit.
 */
export type ActionPolicy =
  /** On the case the action names: by its caseId, or through the proposal or extension it names. */
  | { case: CaseAction }
  | { global: GlobalAction }
  /** On the duty record the action names: the alert, persuasion, statement or reception day. */
  | { duty: DutyAction }
  /** 刷新 of a list: 逾期 needs LIST_ALL_CASES; 我的 and 待办 hold only the person's own. */
  | { list: true };

/** Every registered card action's policy: an action without one does not build. */
export const ACTION_POLICIES: { readonly [N in ActionName]: ActionPolicy } = {
  'case.view': { case: 'VIEW' },
  'case.view-full': { case: 'VIEW_PERSONAL_DATA' },
  'intake.open': { global: 'INTAKE' },
  'intake.submit': { global: 'INTAKE' },
  'ownership.open': { case: 'PROPOSE_OWNERSHIP' },
  'ownership.submit': { case: 'PROPOSE_OWNERSHIP' },
  // A pending proposal is part of its case: whoever may see the case may read it.
  'ownership.view': { case: 'VIEW' },
  'ownership.approve': { case: 'DECIDE_OWNERSHIP' },
  'ownership.return-open': { case: 'DECIDE_OWNERSHIP' },
  'ownership.return-submit': { case: 'DECIDE_OWNERSHIP' },
  'transfer.open': { case: 'PROPOSE_TRANSFER' },
  'transfer.submit': { case: 'PROPOSE_TRANSFER' },
  'progress.open': { case: 'ADD_PROGRESS' },
  'progress.submit': { case: 'ADD_PROGRESS' },
  'extension.open': { case: 'REQUEST_EXTENSION' },
  'extension.submit': { case: 'REQUEST_EXTENSION' },
  'extension.decide-open': { case: 'DECIDE_EXTENSION' },
  'extension.decide-submit': { case: 'DECIDE_EXTENSION' },
  'resolve.open': { case: 'RESOLVE' },
  'resolve.submit': { case: 'RESOLVE' },
  'follow-up.open': { case: 'FOLLOW_UP' },
  'follow-up.submit': { case: 'FOLLOW_UP' },
  'review.open': { case: 'RECORD_REVIEW' },
  'review.submit': { case: 'RECORD_REVIEW' },
  'assign.open': { case: 'ASSIGN' },
  'assign.submit': { case: 'ASSIGN' },
  'needs-owner.open': { case: 'MARK_NEEDS_OWNER' },
  'needs-owner.submit': { case: 'MARK_NEEDS_OWNER' },
  'classify.open': { case: 'CLASSIFY' },
  'classify.submit': { case: 'CLASSIFY' },
  'opinion.open': { case: 'RECORD_REVIEW' },
  'opinion.submit': { case: 'RECORD_REVIEW' },
  'case.report-up': { case: 'REPORT_UP' },
  'case.archive': { case: 'ARCHIVE' },
  'petitioner.open': { case: 'CORRECT_REGISTRATION' },
  'petitioner.submit': { case: 'CORRECT_REGISTRATION' },
  'screening-period.open': { global: 'DECLARE_SCREENING' },
  'screening-period.submit': { global: 'DECLARE_SCREENING' },
  'reception-day.open': { global: 'SCHEDULE_RECEPTION' },
  'reception-day.submit': { global: 'SCHEDULE_RECEPTION' },
  'higher-visit.open': { global: 'RECORD_ASSESSMENT' },
  'higher-visit.submit': { global: 'RECORD_ASSESSMENT' },
  'sentiment.open': { global: 'REPORT_SENTIMENT' },
  'sentiment.submit': { global: 'REPORT_SENTIMENT' },
  'sentiment.convert-open': { global: 'CONVERT_SENTIMENT' },
  'sentiment.convert-submit': { global: 'CONVERT_SENTIMENT' },
  'major-event.open': { global: 'RAISE_MAJOR_EVENT' },
  'major-event.submit': { global: 'RAISE_MAJOR_EVENT' },
  'abnormal.open': { case: 'REPORT_ABNORMAL' },
  'abnormal.submit': { case: 'REPORT_ABNORMAL' },
  'review-answer.open': { case: 'RECORD_REVIEW' },
  'review-answer.submit': { case: 'RECORD_REVIEW' },
  'alert.ack': { duty: 'ACK_ALERT' },
  'persuasion.open': { duty: 'RECORD_PERSUASION_FOR' },
  'persuasion.submit': { duty: 'RECORD_PERSUASION_FOR' },
  'statement.open': { duty: 'SUBMIT_STATEMENT' },
  'statement.submit': { duty: 'SUBMIT_STATEMENT' },
  'visit.open': { global: 'LOG_VISIT' },
  'visit.submit': { global: 'LOG_VISIT' },
  'reception.open': { duty: 'LOG_RECEPTION_FOR' },
  'reception.submit': { duty: 'LOG_RECEPTION_FOR' },
  'screening.open': { global: 'SUBMIT_UNIT_REPORT' },
  'screening.submit': { global: 'SUBMIT_UNIT_REPORT' },
  'meeting.open': { global: 'RECORD_MEETING' },
  'meeting.submit': { global: 'RECORD_MEETING' },
  'list.refresh': { list: true },
};

/** A command's policy: a global action, the case its argument names (案件), or anyone (it shows only the person's own). */
export type CommandPolicy = { global: GlobalAction } | { case: 'VIEW' } | { anyone: true };
