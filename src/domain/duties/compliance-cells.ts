import type { LocalDate } from '../../lib/local-date.js';
import type { QuarterMeetings } from './meetings.js';
import type { UnitScreeningStatus } from './screening.js';
import { statementReminderDue } from './statements.js';
import type { LeaderVisitStatus } from './visits.js';

// One month of one duty, as the office's compliance grid shows it (R12–R15, R17). A duty turns
// MISSING when its reminders start (the 20th for a visit, two weeks before a quarter's end for a
// meeting, three days before a statement is due, the day before a screening report is due):
// before that nothing is owed yet. It turns GAP when its time has passed without it.

/** DONE, MISSING (still possible), GAP (time passed), NOT_DUE (nothing owed yet), NA (not applicable). */
export type DutyCell = 'DONE' | 'MISSING' | 'GAP' | 'NOT_DUE' | 'NA';

const WORST_FIRST: readonly DutyCell[] = ['GAP', 'MISSING', 'NOT_DUE', 'DONE'];

/** Several duties in one cell: one gap makes it a gap; it is done only when all are; none is NA. */
export function worstCell(cells: readonly DutyCell[]): DutyCell {
  return WORST_FIRST.find((c) => cells.includes(c)) ?? 'NA';
}

/** R15: a leader's month. */
export function visitCell(l: LeaderVisitStatus): DutyCell {
  switch (l.status) {
    case 'VISITED': return 'DONE';
    case 'GAP': return 'GAP';
    case 'MISSING': return l.remind ? 'MISSING' : 'NOT_DUE';
    case 'NOT_STARTED': return 'NOT_DUE';
  }
}

/**
 * R12: a quarterly duty on a monthly grid. A month with a meeting is DONE; the quarter's last
 * month carries the quarter's state (a gap, or missing once reminders run); other months are NA.
 * When the month of the quarter's meeting is not on the grid, the last month shows it DONE.
 */
export function meetingCell(month: string, q: QuarterMeetings, shownMonths: readonly string[], today: LocalDate): DutyCell {
  const monthsHeld = q.meetingDates.map((d) => d.slice(0, 7));
  if (monthsHeld.includes(month)) return 'DONE';
  if (month === q.end.slice(0, 7)) {
    switch (q.status) {
      case 'HELD': return monthsHeld.some((m) => shownMonths.includes(m)) ? 'NA' : 'DONE';
      case 'GAP': return 'GAP';
      case 'DUE': return q.remind ? 'MISSING' : 'NOT_DUE';
      case 'NOT_STARTED': return 'NOT_DUE';
    }
  }
  return `${month}-01` > today ? 'NOT_DUE' : 'NA';
}

/** R13, R14: one written statement, in the month it is due. */
export function statementCell(s: { dueOn: LocalDate; submittedAt: Date | null }, today: LocalDate): DutyCell {
  if (s.submittedAt) return 'DONE';
  if (today > s.dueOn) return 'GAP';
  return statementReminderDue({ dueOn: s.dueOn, submitted: false }, today) ? 'MISSING' : 'NOT_DUE';
}

/** R17: one unit's report for one screening period, in the month it is due. */
export function screeningCell(u: UnitScreeningStatus): DutyCell {
  if (u.reported) return 'DONE';
  if (u.overdue) return 'GAP';
  return u.remind ? 'MISSING' : 'NOT_DUE';
}
