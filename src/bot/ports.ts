import type { MyOpenCases } from '../db/queries/my-open-cases.js';
import type { OfficeStatistics } from '../db/queries/office-statistics.js';
import type { OverdueCases } from '../db/queries/overdue-cases.js';
import type { LocalDate } from '../lib/local-date.js';

export type { MyOpenCases, OfficeStatistics, OverdueCases };

/** Read-side figures the bot shows; the composition root binds them to db/queries. */
export interface ReadModel {
  myOpenCases(personId: string, today: LocalDate): Promise<MyOpenCases>;
  overdueCases(today: LocalDate): Promise<OverdueCases>;
  statistics(year: number, today: LocalDate): Promise<OfficeStatistics>;
}
