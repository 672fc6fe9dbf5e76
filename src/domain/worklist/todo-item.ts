import type { LocalDate } from '../../lib/local-date.js';
import type { Person } from '../model.js';
import type { StatementKind } from '../duties/statements.js';
import type { AckStage, ReportableStage } from '../escalation/ack-stage.js';
import type { AbnormalDestination, AlertKind } from '../escalation/alert-kinds.js';
import type { ReviewKind } from '../review/review-clocks.js';

/**
 * One thing on a person's 待办: what the rules make them responsible for now, when it is due,
 * why it is theirs (in Chinese, for the card), and the record a button acts on.
 */
export type TodoItem = TodoBase & (CaseTodoDetail | DutyTodoDetail);

interface TodoBase {
  /** The rule that puts it on the list, e.g. 'R4'. */
  rule: string;
  /** null: no date of its own (it waits until someone acts). */
  dueOn: LocalDate | null;
  /** R18/R21: acknowledge or persuade at once, whatever the date. */
  immediate: boolean;
  /** Why it is this person's, said to them. */
  why: string;
  /** A stable order among items equally urgent (a case number, a date, an id). */
  key: string;
  /** The case it is about, if any. */
  caseId: string | null;
  /** Someone the item names: the proposer, the requester, the handler, the reporter. */
  personId: string | null;
}

/** Work on one case: the office's hand-over and decisions, the approvers', the handlers' and their units'. */
export type CaseTodoKind =
  | 'ROUTE' // R5/R9: registered, not yet handed to a unit (交办)
  | 'PETITIONERS' // R16: turned from a sentiment report that named nobody: its petitioner is still to be registered
  | 'PROPOSE_OWNER' // R1: needs a leader owner, no proposal yet (待包案)
  | 'RETURNED' // R4: the standing committee returned the proposal
  | 'APPROVE' // R4: a proposal waits for this approver
  | 'DECIDE_EXTENSION' // R10: an extension request waits for the leading group
  | 'REPORT_PROGRESS' // R2: the handler's report of this period is not in
  | 'HANDLE' // R7–R11: a case this person owns or works on
  | 'UNIT_REPORT' // R19: the territorial or functional unit's report of this period is not in
  | 'UNIT_CASE' // a unit head: the unit's case is overdue, due soon, or a dangerous letter (R20)
  | 'SUPERVISE' // R11: the office follows up an overdue case (督办)
  | 'FOLLOW_UP' // R27: resolved, the call-back window is open
  | 'OPINION' // R26: a handled claim without its written opinion
  | 'REVIEW_ANSWER' // R26: a 复查/复核 waits for its answer
  | 'ACCUSATION'; // R26: an accusation for discipline inspection

export type CaseTodoDetail = {
  kind: CaseTodoKind;
  caseId: string;
  /** The proposal (APPROVE), extension request (DECIDE_EXTENSION) the button opens. */
  refId: string | null;
  /** REVIEW_ANSWER: which answer is awaited. */
  reviewKind?: ReviewKind;
};

export type DutyTodoDetail =
  | { kind: 'ALERT'; alertId: string; alertKind: AlertKind; title: string; required: ReportableStage; stage: AckStage }
  | { kind: 'PERSUASION'; persuasionId: string; destination: AbnormalDestination; occurredOn: LocalDate }
  | { kind: 'STATEMENT'; statementId: string; statementKind: StatementKind; period: string }
  | { kind: 'RECEPTION_LOG'; receptionDayId: string; date: LocalDate }
  | { kind: 'VISIT'; month: string; remind: boolean }
  | { kind: 'MEETING'; quarter: string; remind: boolean }
  | { kind: 'SCREENING'; periodId: string; name: string; unitId: string | null }
  | { kind: 'SENTIMENT'; reportId: string; villageId: string; content: string; reportedOn: LocalDate; convertible: boolean };

export type TodoKind = TodoItem['kind'];

/** The earliest of the dates given, ignoring nulls; null when there is none. */
export function earliest(...dates: (LocalDate | null | undefined)[]): LocalDate | null {
  const real = dates.filter((d): d is LocalDate => typeof d === 'string');
  return real.length ? real.reduce((a, b) => (b < a ? b : a)) : null;
}

/**
 * The leading group's office (信访办), whose 待办 holds the hand-over, 督办, call-backs, reviews and
 * the group's records. A system admin may do the same (authorization), but it is not their work.
 */
export function holdsOfficeDuties(p: Person): boolean {
  return p.active && p.roles.includes('OFFICE_STAFF');
}
