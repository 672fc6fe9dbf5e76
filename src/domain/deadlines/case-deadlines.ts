import { minDate, type LocalDate } from '../../lib/local-date.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import type { CaseSource, Complexity } from '../model.js';
import type { DeadlinePolicy } from './deadline-policy.js';
import { dayPeriodEnd, monthPeriodEnd, workingDayPeriodEnd } from './period-end.js';

/** Sources whose cases are "taken on visits and reception" (R7). */
export const R7_SOURCES: ReadonlySet<CaseSource> = new Set(['VISIT', 'RECEPTION_DAY', 'LEADER_VISIT']);

export type DeadlineRule =
  | 'R7_SIMPLE'
  | 'R7_GENERAL'
  | 'R7_COMPLEX'
  | 'R8_OWNERSHIP'
  | 'R9_HANDLING'
  | 'R10_EXTENSION';

/** The rules that compute a deadline from the case, the calendar and the policy (R27's reopening date is set by hand). */
export const COMPUTED_DEADLINE_RULES: ReadonlySet<string> = new Set<DeadlineRule>(['R7_SIMPLE', 'R7_GENERAL', 'R7_COMPLEX', 'R8_OWNERSHIP', 'R9_HANDLING', 'R10_EXTENSION']);

/** What set a stored deadline (Case.dueRule), in words. */
export const DEADLINE_RULE_LABELS: Readonly<Record<string, string>> = {
  R7_SIMPLE: '简单事项当日办结（R7）',
  R7_GENERAL: '一般事项工作日时限（R7）',
  R7_COMPLEX: '重点疑难复杂事项（R7）',
  R8_OWNERSHIP: '包案审定时限（R8）',
  R9_HANDLING: '法定办理期限（R9）',
  R10_EXTENSION: '批准延期（R10）',
  R27_REOPEN: '不满意重新办理（R27）',
};

export interface DeadlineFacts {
  source: CaseSource;
  complexity: Complexity;
  receivedOn: LocalDate;
  /** Acceptance (受理) date; the statutory 60 days run from it. Defaults to receipt. */
  acceptedOn?: LocalDate | null;
  /** The deadline an approved ownership set (R8). */
  ownershipDeadline?: LocalDate | null;
  /** The deadline an approved extension granted (R10). */
  extendedTo?: LocalDate | null;
}

export interface Milestones {
  /** Art 22: register and route. */
  registerBy: LocalDate;
  /** Art 23: decide acceptance and tell the petitioner. */
  acceptanceBy: LocalDate;
  /** Art 34: finish handling. */
  statutoryHandlingBy: LocalDate;
  /** Art 34: the furthest one extension may reach. */
  statutoryCeiling: LocalDate;
}

export interface CaseDeadline {
  dueOn: LocalDate;
  rule: DeadlineRule;
  /** Every deadline that applied, for display and audit; the earliest won. */
  candidates: { rule: DeadlineRule; dueOn: LocalDate }[];
  milestones: Milestones;
}

export function statutoryMilestones(facts: DeadlineFacts, calendar: WorkingCalendar, policy: DeadlinePolicy): Milestones {
  const accepted = facts.acceptedOn ?? facts.receivedOn;
  const statutoryHandlingBy = dayPeriodEnd(accepted, policy.handlingDays, calendar, policy);
  return {
    registerBy: dayPeriodEnd(facts.receivedOn, policy.registerDays, calendar, policy),
    acceptanceBy: dayPeriodEnd(facts.receivedOn, policy.acceptanceDays, calendar, policy),
    statutoryHandlingBy,
    statutoryCeiling: dayPeriodEnd(accepted, policy.handlingDays + policy.maxExtensionDays, calendar, policy),
  };
}

/** R7's deadline for a case taken on a visit or at reception, by its complexity. */
export function r7Deadline(receivedOn: LocalDate, complexity: Complexity, calendar: WorkingCalendar, policy: DeadlinePolicy): LocalDate {
  switch (complexity) {
    case 'SIMPLE':
      return receivedOn;
    case 'GENERAL':
      return workingDayPeriodEnd(receivedOn, policy.generalWorkingDays, calendar);
    case 'COMPLEX':
      return monthPeriodEnd(receivedOn, policy.complexMonths, calendar, policy);
  }
}

/**
 * R7–R10: the effective deadline of a case is the earliest that applies. An approved
 * extension replaces the statutory 60 days (but never goes past the ceiling) and R7/R8.
 */
export function caseDeadline(facts: DeadlineFacts, calendar: WorkingCalendar, policy: DeadlinePolicy): CaseDeadline {
  const milestones = statutoryMilestones(facts, calendar, policy);
  const candidates: { rule: DeadlineRule; dueOn: LocalDate }[] = [];
  if (facts.extendedTo) {
    candidates.push({ rule: 'R10_EXTENSION', dueOn: minDate(facts.extendedTo, milestones.statutoryCeiling) });
  } else {
    candidates.push({ rule: 'R9_HANDLING', dueOn: milestones.statutoryHandlingBy });
    if (facts.ownershipDeadline) {
      candidates.push({ rule: 'R8_OWNERSHIP', dueOn: facts.ownershipDeadline });
    } else if (R7_SOURCES.has(facts.source)) {
      const rule = `R7_${facts.complexity}` as DeadlineRule;
      candidates.push({ rule, dueOn: r7Deadline(facts.receivedOn, facts.complexity, calendar, policy) });
    }
  }
  const winner = candidates.reduce((a, b) => (b.dueOn < a.dueOn ? b : a));
  return { dueOn: winner.dueOn, rule: winner.rule, candidates, milestones };
}

/** Art 23: a unit given a case outside its remit objects within 5 working days of assignment. */
export function objectionDeadline(assignedOn: LocalDate, calendar: WorkingCalendar, policy: DeadlinePolicy): LocalDate {
  return workingDayPeriodEnd(assignedOn, policy.objectionWorkingDays, calendar);
}
