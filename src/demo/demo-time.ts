import type { WorkingCalendar } from '../domain/calendar/working-calendar.js';
import { addDays, localDateOf, startOfLocalDate, type LocalDate } from '../lib/local-date.js';
import type { Random } from './random.js';

/** A Beijing-time moment `minutes` after midnight of `date`. */
export function atMinutes(date: LocalDate, minutes: number): Date {
  return new Date(startOfLocalDate(date).getTime() + minutes * 60_000);
}

export function workdayOnOrBefore(calendar: WorkingCalendar, date: LocalDate): LocalDate {
  let d = date;
  while (!calendar.isWorkingDay(d)) d = addDays(d, -1);
  return d;
}

export const maxDate = (a: LocalDate, b: LocalDate): LocalDate => (a >= b ? a : b);
export const minDate = (a: LocalDate, b: LocalDate): LocalDate => (a <= b ? a : b);

/**
 * The moments of one story, always moving forward: a time in office hours on the day asked
 * for (a working day at or before it, never before the story's last moment, never after
 * `lastDay`), or a little later on the same day when the story is already there.
 */
export class StoryClock {
  private last: Date;

  constructor(
    private readonly calendar: WorkingCalendar,
    private readonly rng: Random,
    private readonly lastDay: LocalDate,
    start: Date,
  ) {
    this.last = start;
  }

  get day(): LocalDate {
    return localDateOf(this.last);
  }

  get now(): Date {
    return this.last;
  }

  /** A moment on `date` (adjusted as above). */
  on(date: LocalDate): Date {
    const wanted = maxDate(workdayOnOrBefore(this.calendar, minDate(date, this.lastDay)), this.day);
    let moment = atMinutes(wanted, this.rng.int(8 * 60 + 30, 17 * 60 + 30));
    if (moment.getTime() <= this.last.getTime()) moment = new Date(this.last.getTime() + this.rng.int(10, 45) * 60_000);
    this.last = moment;
    return moment;
  }

  /** A moment a few minutes after the last one. */
  soon(): Date {
    this.last = new Date(this.last.getTime() + this.rng.int(10, 40) * 60_000);
    return this.last;
  }
}
