import { addDays, type LocalDate } from '../../lib/local-date.js';

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

  withOverrides(overrides: ReadonlyMap<LocalDate, boolean>): WorkingCalendar {
    return new WorkingCalendar(this.official, new Map([...this.overrides, ...overrides]));
  }
}
