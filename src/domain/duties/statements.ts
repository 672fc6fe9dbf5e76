import type { LocalDate } from '../../lib/local-date.js';
import { addDays, quarterRange } from '../../lib/local-date.js';

/** The written duties the software collects (R13, R14, R21): documents people write. */
export const STATEMENT_KINDS = ['OVERDUE_EXPLANATION', 'RECEPTION_REPORT', 'SELF_CRITICISM'] as const;
export type StatementKind = (typeof STATEMENT_KINDS)[number];

export const STATEMENT_KIND_LABELS: Record<StatementKind, string> = {
  OVERDUE_EXPLANATION: '逾期情况书面说明',
  RECEPTION_REPORT: '接访案件办理情况书面汇报',
  SELF_CRITICISM: '书面检查',
};

/** Who reads a submitted statement: R13 and R21 the standing committee, R14 the principal leaders. */
export const STATEMENT_ADDRESSEES: Record<StatementKind, 'APPROVER' | 'PRINCIPAL_LEADER'> = {
  OVERDUE_EXPLANATION: 'APPROVER',
  RECEPTION_REPORT: 'PRINCIPAL_LEADER',
  SELF_CRITICISM: 'APPROVER',
};

/** One duty once: kind|author|period|case (the case part is empty for R14). */
export function dutyKey(kind: StatementKind, authorId: string, period: string, caseId: string | null): string {
  return `${kind}|${authorId}|${period}|${caseId ?? ''}`;
}

/** A quarterly statement is due at the quarter's end, plus a configurable number of days. */
export function quarterlyStatementDueOn(quarter: string, offsetDays = 0): LocalDate {
  return addDays(quarterRange(quarter).end, offsetDays);
}

/** Days before its due date from which an unsubmitted statement is reminded. */
export const STATEMENT_REMINDER_LEAD_DAYS = 3;

export function statementReminderDue(s: { dueOn: LocalDate | null; submitted: boolean }, today: LocalDate): boolean {
  return !s.submitted && s.dueOn !== null && today >= addDays(s.dueOn, -STATEMENT_REMINDER_LEAD_DAYS);
}
