import chineseDays from 'chinese-days';
import { addDays, weekday, type LocalDate } from '../../lib/local-date.js';
import type { OfficialCalendar } from './working-calendar.js';

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
  const days: OfficialSpecialDay[] = [];
  for (let d = `${year}-01-01`; d.startsWith(String(year)); d = addDays(d, 1)) {
    const weekend = weekday(d) === 0 || weekday(d) === 6;
    const working = chineseDays.isWorkday(d);
    if (weekend === working) days.push({ date: d, isWorkingDay: working, name: holidayName(d) });
  }
  return days;
}

function holidayName(date: LocalDate): string {
  // getDayDetail names a day "New Year's Day,元旦,1": English, Chinese, length of the holiday.
  return chineseDays.getDayDetail(date).name.split(',')[1] ?? '';
}
