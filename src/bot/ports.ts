import type { MyOpenCases } from '../db/queries/my-open-cases.js';
import type { OfficeStatistics } from '../db/queries/office-statistics.js';
import type { OverdueCases } from '../db/queries/overdue-cases.js';
import type { Person } from '../domain/model.js';
import type { CaseScope } from '../domain/privacy/case-scope.js';
import type { LocalDate } from '../lib/local-date.js';

export type { MyOpenCases, OfficeStatistics, OverdueCases };

/** Read-side figures the bot shows; the composition root binds them to db/queries. */
export interface ReadModel {
  /** Theirs and their unit's (a unit head), within what the viewer may see where the list is shown (R24): the scope of caseScope(). */
  myOpenCases(viewer: Person, today: LocalDate, scope: CaseScope): Promise<MyOpenCases>;
  overdueCases(today: LocalDate, scope: CaseScope): Promise<OverdueCases>;
  statistics(year: number, today: LocalDate): Promise<OfficeStatistics>;
}
