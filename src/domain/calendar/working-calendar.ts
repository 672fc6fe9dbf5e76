import { addDays, weekday, type LocalDate } from '../../lib/local-date.js';

/** Answers whether a date is a working day in the official calendar, before overrides. */
export type OfficialCalendar = (date: LocalDate) => boolean;

/**
 * R7: weekends off, statutory holidays off, make-up working days (调休上班) on. The official
 * calendar is the base; overrides (the next year's schedule, local corrections) win.
 */
export class WorkingCalendar {
  constructor(
    private readonly official: OfficialCalendar,
    private readonly overrides: ReadonlyMap<LocalDate, boolean> = new Map(),
  ) {}

  isWorkingDay(date: LocalDate): boolean {
    return this.overrides.get(date) ?? this.official(date);
  }

  /** The date itself if it is a working day, else the next working day. */
  onOrNextWorkingDay(date: LocalDate): LocalDate {
    let d = date;
    while (!this.isWorkingDay(d)) d = addDays(d, 1);
    return d;
  }

  /** n working days after `date`, the start date not counted (n ≥ 1). */
  addWorkingDays(date: LocalDate, n: number): LocalDate {
    let d = date;
    let left = n;
    while (left > 0) {
      d = addDays(d, 1);
      if (this.isWorkingDay(d)) left -= 1;
    }
    return d;
  }

  /** Working days strictly after `from` up to and including `to` (0 when to ≤ from). */
  workingDaysBetween(from: LocalDate, to: LocalDate): number {
    let count = 0;
    for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) {
      if (this.isWorkingDay(d)) count += 1;
    }
    return count;
  }

  /** The days from `from` to `to` that a plain week would count otherwise: weekday holidays and make-up working weekends. */
  specialDays(from: LocalDate, to: LocalDate): { date: LocalDate; isWorkingDay: boolean }[] {
    const days: { date: LocalDate; isWorkingDay: boolean }[] = [];
    for (let d = from; d <= to; d = addDays(d, 1)) {
      const working = this.isWorkingDay(d);
      const weekend = weekday(d) === 0 || weekday(d) === 6;
      if (working === weekend) days.push({ date: d, isWorkingDay: working });
    }
    return days;
  }

  /** This calendar, except that from `from` to `to` it counts a plain week with `special` days as the exceptions. */
  withSpecialDays(from: LocalDate, to: LocalDate, special: readonly { date: LocalDate; isWorkingDay: boolean }[]): WorkingCalendar {
    const days = new Map<LocalDate, boolean>();
    for (let d = from; d <= to; d = addDays(d, 1)) days.set(d, weekday(d) !== 0 && weekday(d) !== 6);
    for (const d of special) if (d.date >= from && d.date <= to) days.set(d.date, d.isWorkingDay);
    return this.withOverrides(days);
  }

  withOverrides(overrides: ReadonlyMap<LocalDate, boolean>): WorkingCalendar {
    return new WorkingCalendar(this.official, new Map([...this.overrides, ...overrides]));
  }
}
