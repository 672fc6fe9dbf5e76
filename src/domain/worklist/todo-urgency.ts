import { daysBetween, type LocalDate } from '../../lib/local-date.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import type { TodoItem, TodoKind } from './todo-item.js';

/** Within this many working days a deadline counts as due soon (the R7–R11 reminders start there too). */
export const DUE_SOON_WORKING_DAYS = 3;

/**
 * NOW — an alert to acknowledge or a persuasion to organise (R18, R21); OVERDUE — past its
 * date; SOON — due within 3 working days; LATER — due later, or with no date of its own.
 */
export type TodoBand = 'NOW' | 'OVERDUE' | 'SOON' | 'LATER';

export const TODO_BANDS: readonly TodoBand[] = ['NOW', 'OVERDUE', 'SOON', 'LATER'];

export interface Urgency {
  band: TodoBand;
  /** Calendar days past the due date (OVERDUE), else 0. */
  daysOverdue: number;
  /** Working days until the due date (0 on the day itself); null when overdue or undated. */
  workingDaysLeft: number | null;
}

export type RankedTodo = TodoItem & { urgency: Urgency };

/** A line of the 待办 as shown: the ranked item with the case and the names it mentions (titles masked, R24). */
export type TodoEntry = RankedTodo & {
  case: { number: string; title: string } | null;
  personName: string | null;
  villageName: string | null;
  /** R17: the unit whose screening report is awaited. */
  unitName: string | null;
};

export function urgencyOf(item: Pick<TodoItem, 'dueOn' | 'immediate'>, today: LocalDate, calendar: WorkingCalendar): Urgency {
  if (item.immediate) return { band: 'NOW', daysOverdue: 0, workingDaysLeft: null };
  if (item.dueOn === null) return { band: 'LATER', daysOverdue: 0, workingDaysLeft: null };
  if (item.dueOn < today) return { band: 'OVERDUE', daysOverdue: daysBetween(item.dueOn, today), workingDaysLeft: null };
  const left = calendar.workingDaysBetween(today, item.dueOn);
  return { band: left <= DUE_SOON_WORKING_DAYS ? 'SOON' : 'LATER', daysOverdue: 0, workingDaysLeft: left };
}

/** Among items due the same day: alerts and decisions others wait for before one's own reports and records. */
const KIND_ORDER: readonly TodoKind[] = [
  'ALERT', 'PERSUASION', 'APPROVE', 'DECIDE_EXTENSION', 'ROUTE', 'PROPOSE_OWNER', 'RETURNED', 'REPORT_PROGRESS', 'HANDLE',
  'UNIT_REPORT', 'UNIT_CASE', 'ACCUSATION', 'SUPERVISE', 'REVIEW_ANSWER', 'FOLLOW_UP', 'OPINION', 'STATEMENT', 'SCREENING',
  'VISIT', 'MEETING', 'RECEPTION_LOG', 'SENTIMENT',
];

/** The person's 待办 in order: what is pressing now, then overdue (longest first), then by due date; undated last. */
export function rankTodos(items: readonly TodoItem[], today: LocalDate, calendar: WorkingCalendar): RankedTodo[] {
  const ranked = items.map((item) => ({ ...item, urgency: urgencyOf(item, today, calendar) }));
  return ranked.sort(
    (a, b) =>
      TODO_BANDS.indexOf(a.urgency.band) - TODO_BANDS.indexOf(b.urgency.band) ||
      (a.dueOn ?? '9999-12-31').localeCompare(b.dueOn ?? '9999-12-31') ||
      KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
      a.key.localeCompare(b.key),
  );
}
