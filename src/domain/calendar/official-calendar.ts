import chineseDays from 'chinese-days';
import type { OfficialCalendar } from './working-calendar.js';

/**
 * The State Council schedule as published in the `chinese-days` package. Years it does not
 * know yet fall back to plain weekends there: add them as calendar overrides.
 */
export const chineseOfficialCalendar: OfficialCalendar = (date) => chineseDays.isWorkday(date);
