import type { WorkingCalendar } from '../calendar/working-calendar.js';
import type { LocalDate } from '../../lib/local-date.js';
import { monthRange } from './periods.js';

/** A leader and the villages they must visit: their linked villages and every village of the areas they lead. */
export interface VisitObligation {
  leaderId: string;
  villageIds: string[];
}

export interface VisitFact {
  leaderId: string;
  villageId: string;
  date: LocalDate;
}

/**
 * VISITED — a visit to one of the leader's villages is logged in the month; MISSING — the month
 * is running and has none yet; GAP — the month ended without one; NOT_STARTED — a future month.
 */
export type VisitStatus = 'VISITED' | 'MISSING' | 'GAP' | 'NOT_STARTED';

export interface LeaderVisitStatus {
  leaderId: string;
  status: VisitStatus;
  visitDates: LocalDate[];
  remind: boolean;
}

export interface MonthVisits {
  month: string;
  /** The day from which a leader with no visit is reminded. */
  reminderOn: LocalDate;
  leaders: LeaderVisitStatus[];
  toRemind: string[];
  gaps: string[];
}

export const DEFAULT_VISIT_REMINDER_DAY = 20;

/**
 * R15: the reminder day is the 20th; when the 20th is a rest day (a weekend or a statutory
 * holiday by the working calendar) the reminder moves to the next working day, because a
 * leader cannot arrange a village visit from a Sunday message. A make-up working Sunday
 * (调休上班) stays the reminder day.
 */
export function visitReminderOn(month: string, calendar: WorkingCalendar | null, day = DEFAULT_VISIT_REMINDER_DAY): LocalDate {
  const { end } = monthRange(month);
  const nominal = `${month}-${String(day).padStart(2, '0')}`;
  const moved = calendar ? calendar.onOrNextWorkingDay(nominal) : nominal;
  return moved > end ? end : moved;
}

/**
 * R15: once a month each linked leader visits one of their villages (每月下访一次). Only visits to
 * the leader's own villages count; a visit dated after `today` is ignored.
 */
export function monthlyVisitStatus(input: {
  month: string;
  today: LocalDate;
  obligations: readonly VisitObligation[];
  visits: readonly VisitFact[];
  calendar: WorkingCalendar | null;
  reminderDay?: number;
}): MonthVisits {
  const { start, end } = monthRange(input.month);
  const reminderOn = visitReminderOn(input.month, input.calendar, input.reminderDay);
  const leaders = input.obligations.map((o): LeaderVisitStatus => {
    const villages = new Set(o.villageIds);
    const visitDates = [
      ...new Set(
        input.visits
          .filter((v) => v.leaderId === o.leaderId && villages.has(v.villageId) && v.date >= start && v.date <= end && v.date <= input.today)
          .map((v) => v.date),
      ),
    ].sort();
    let status: VisitStatus;
    if (visitDates.length > 0) status = 'VISITED';
    else if (start > input.today) status = 'NOT_STARTED';
    else if (end < input.today) status = 'GAP';
    else status = 'MISSING';
    return { leaderId: o.leaderId, status, visitDates, remind: status === 'MISSING' && input.today >= reminderOn };
  });
  return {
    month: input.month,
    reminderOn,
    leaders,
    toRemind: leaders.filter((l) => l.remind).map((l) => l.leaderId),
    gaps: leaders.filter((l) => l.status === 'GAP').map((l) => l.leaderId),
  };
}

/** Merges village links and area leadership into one obligation per leader. */
export function visitObligations(
  villages: readonly { id: string; areaId: string; linkedLeaderId: string | null }[],
  areas: readonly { id: string; leaderId: string | null }[],
): VisitObligation[] {
  const map = new Map<string, Set<string>>();
  const add = (leaderId: string, villageId: string) => map.set(leaderId, (map.get(leaderId) ?? new Set()).add(villageId));
  for (const v of villages) if (v.linkedLeaderId) add(v.linkedLeaderId, v.id);
  for (const a of areas) {
    if (!a.leaderId) continue;
    for (const v of villages) if (v.areaId === a.id) add(a.leaderId, v.id);
  }
  return [...map.entries()]
    .map(([leaderId, ids]) => ({ leaderId, villageIds: [...ids].sort() }))
    .sort((a, b) => (a.leaderId < b.leaderId ? -1 : 1));
}
