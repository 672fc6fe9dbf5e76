import type { CaseListRow } from '../../../cards/builders/case-list.js';
import { overdueFacts } from '../../domain/deadlines/overdue.js';
import type { CaseStatus } from '../../domain/model.js';
import type { CaseRelation } from '../../domain/worklist/case-relation.js';
import { localDateOf } from '../../lib/local-date.js';
import { caseMaskers } from '../../usecases/support/case-maskers.js';
import type { HandlerContext } from '../handler.js';

/**
 * List rows with their deadline facts (working days left, days overdue) as of now, titles masked
 * (R24); a unit head's rows of the unit's cases say so and name who handles them.
 */
export async function caseRows(
  ctx: HandlerContext,
  cases: readonly { id: string; number: string; title: string; status: CaseStatus; dueOn: string | null; role?: CaseRelation; responsiblePersonId?: string | null }[],
): Promise<CaseListRow[]> {
  const calendar = await ctx.deps.config.calendar();
  const today = localDateOf(ctx.now);
  const masker = await ctx.lookup((repos) => caseMaskers(repos, cases.map((c) => c.id)));
  const rows: CaseListRow[] = [];
  for (const c of cases) {
    const unit = c.role === 'UNIT' || c.role === 'TERRITORIAL' || c.role === 'FUNCTIONAL' ? { relation: c.role, handlerName: await ctx.names.person(c.responsiblePersonId ?? null) } : null;
    rows.push({
      caseId: c.id,
      number: c.number,
      title: masker(c.id).text(c.title),
      status: c.status,
      dueOn: c.dueOn,
      overdue: c.dueOn ? overdueFacts(c.dueOn, null, today, calendar) : null,
      ...(unit ? { unit } : {}),
    });
  }
  return rows;
}
