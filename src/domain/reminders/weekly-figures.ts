import type { LocalDate } from '../../lib/local-date.js';

/** The figures of one week for the office and the principal leaders. */
export interface WeeklyFigures {
  /** The week reported on, Monday to Sunday. */
  from: LocalDate;
  to: LocalDate;
  received: number;
  resolved: number;
  /** Open and past their deadline on the day of the summary. */
  overdueNow: number;
  openNow: number;
  /** Per village (null = no village), only villages with something to show. */
  byVillage: { village: string | null; received: number; resolved: number; overdueNow: number }[];
}
