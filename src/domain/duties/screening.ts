import type { WorkingCalendar } from '../calendar/working-calendar.js';
import { addDays, localDateOf, type LocalDate } from '../../lib/local-date.js';
import { SCHEDULE_AHEAD_DAYS } from '../dates/date-rules.js';

export const SCREENING_KINDS = ['REGULAR', 'SENSITIVE'] as const;
export type ScreeningKind = (typeof SCREENING_KINDS)[number];

export interface ScreeningPeriodFacts {
  id: string;
  name: string;
  kind: ScreeningKind;
  startsOn: LocalDate;
  endsOn: LocalDate;
  reportDueOn: LocalDate;
  unitIds: string[];
}

export interface UnitReportFacts {
  unitId: string;
  isZero: boolean;
  submittedAt: Date;
  late: boolean;
}

export interface UnitScreeningStatus {
  unitId: string;
  reported: boolean;
  isZero: boolean | null;
  late: boolean;
  /** Not reported and past the due date: counted in assessment (R23). */
  overdue: boolean;
  remind: boolean;
  /** Names the reminder so that it is sent once per key (per day in a sensitive period). */
  reminderKey: string | null;
}

export interface ScreeningStatus {
  periodId: string;
  kind: ScreeningKind;
  units: UnitScreeningStatus[];
  missing: string[];
  overdue: string[];
  toRemind: string[];
}

/** R17: a report is late when it arrives after the end of the due day (Beijing time). */
export function isLateReport(submittedAt: Date, reportDueOn: LocalDate): boolean {
  return localDateOf(submittedAt) > reportDueOn;
}

function previousWorkingDay(date: LocalDate, calendar: WorkingCalendar | null): LocalDate {
  let d = addDays(date, -1);
  if (!calendar) return d;
  while (!calendar.isWorkingDay(d)) d = addDays(d, -1);
  return d;
}

/**
 * R17 reminders of a unit that has not reported:
 * - SENSITIVE period: every calendar day from the period's start until it reports (holidays
 *   included: sensitive periods are often holidays). One key per day.
 * - REGULAR period: once from the working day before the due date ("due" reminder), and once
 *   more from the working day after it ("overdue" reminder); after that the missing report is
 *   a fact for assessment (R23), not a daily nag. One key per stage, so a scheduler that runs
 *   late still sends each stage once.
 */
export function screeningStatus(
  period: ScreeningPeriodFacts,
  reports: readonly UnitReportFacts[],
  today: LocalDate,
  calendar: WorkingCalendar | null,
): ScreeningStatus {
  const byUnit = new Map(reports.map((r) => [r.unitId, r]));
  const dueStage = (() => {
    const d = previousWorkingDay(period.reportDueOn, calendar);
    return d < period.startsOn ? period.startsOn : d;
  })();
  const overdueStage = calendar ? calendar.addWorkingDays(period.reportDueOn, 1) : addDays(period.reportDueOn, 1);
  const units = period.unitIds.map((unitId): UnitScreeningStatus => {
    const r = byUnit.get(unitId);
    if (r) return { unitId, reported: true, isZero: r.isZero, late: r.late, overdue: false, remind: false, reminderKey: null };
    const overdue = today > period.reportDueOn;
    let reminderKey: string | null = null;
    if (period.kind === 'SENSITIVE') {
      if (today >= period.startsOn) reminderKey = `screening:${period.id}:${unitId}:${today}`;
    } else if (today >= overdueStage) {
      reminderKey = `screening:${period.id}:${unitId}:overdue`;
    } else if (today >= dueStage) {
      reminderKey = `screening:${period.id}:${unitId}:due`;
    }
    return { unitId, reported: false, isZero: null, late: false, overdue, remind: reminderKey !== null, reminderKey };
  });
  return {
    periodId: period.id,
    kind: period.kind,
    units,
    missing: units.filter((u) => !u.reported).map((u) => u.unitId),
    overdue: units.filter((u) => u.overdue).map((u) => u.unitId),
    toRemind: units.filter((u) => u.remind).map((u) => u.unitId),
  };
}

/** Longest screening period and longest wait for the report after it ends. */
const MAX_PERIOD_DAYS = 366;
const MAX_REPORT_DAYS_AFTER_END = 31;

/** R17: the dates of a declared period make sense, and no unit is late the moment it is declared. */
export function screeningDateProblems(d: { startsOn: LocalDate; endsOn: LocalDate; reportDueOn: LocalDate }, today: LocalDate): string[] {
  const problems: string[] = [];
  if (d.startsOn > addDays(today, SCHEDULE_AHEAD_DAYS)) problems.push(`开始日期不能晚于一年后（${addDays(today, SCHEDULE_AHEAD_DAYS)}）`);
  if (d.endsOn < d.startsOn) problems.push('结束日期不能早于开始日期');
  else if (d.endsOn > addDays(d.startsOn, MAX_PERIOD_DAYS)) problems.push('排查期不能超过一年');
  if (d.reportDueOn < d.startsOn) problems.push('报送截止日期不能早于开始日期');
  if (d.reportDueOn > addDays(d.endsOn, MAX_REPORT_DAYS_AFTER_END)) problems.push(`报送截止日期不能晚于结束日期${MAX_REPORT_DAYS_AFTER_END}天以上`);
  if (d.reportDueOn < today) problems.push('报送截止日期已过');
  return problems;
}
