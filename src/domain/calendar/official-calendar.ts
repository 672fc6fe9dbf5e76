import chineseDays from 'chinese-days';
import type { LocalDate } from '../../lib/local-date.js';
import { WorkingCalendar, type OfficialCalendar } from './working-calendar.js';

/**
 * The State Council schedule as published in the `chinese-days` package. Years it does not
 * know yet fall back to plain weekends there: add them as calendar overrides.
 */
export const chineseOfficialCalendar: OfficialCalendar = (date) => chineseDays.isWorkday(date);

/** A day the published schedule moves off the plain week: a weekday holiday or a make-up working weekend (调休上班). */
export interface OfficialSpecialDay {
  date: LocalDate;
  isWorkingDay: boolean;
  /** The holiday's Chinese name, e.g. 春节. */
  name: string;
}

/**
 * R7: the special days of a year as `chinese-days` knows them. Empty when the year's schedule is
 * not in the package (not published yet, or before 2004): every weekday then counts as working.
 */
export function officialSpecialDays(year: number): OfficialSpecialDay[] {
  return new WorkingCalendar(chineseOfficialCalendar)
    .specialDays(`${year}-01-01`, `${year}-12-31`)
    .map((d) => ({ ...d, name: holidayName(d.date) }));
}

function holidayName(date: LocalDate): string {
  // getDayDetail names a day "New Year's Day,元旦,1": English, Chinese, length of the holiday.
  return chineseDays.getDayDetail(date).name.split(',')[1] ?? '';
}
