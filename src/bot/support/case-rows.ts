import type { CaseListRow } from '../../../cards/builders/case-list.js';
import { overdueFacts } from '../../domain/deadlines/overdue.js';
import type { CaseStatus } from '../../domain/model.js';
import { localDateOf } from '../../lib/local-date.js';
import type { HandlerContext } from '../handler.js';

/** List rows with their deadline facts (working days left, days overdue) as of now. */
export async function caseRows(
  ctx: HandlerContext,
  cases: readonly { id: string; number: string; title: string; status: CaseStatus; dueOn: string | null }[],
): Promise<CaseListRow[]> {
  const calendar = await ctx.deps.config.calendar();
  const today = localDateOf(ctx.now);
  return cases.map((c) => ({
    caseId: c.id,
    number: c.number,
    title: c.title,
    status: c.status,
    dueOn: c.dueOn,
    overdue: c.dueOn ? overdueFacts(c.dueOn, null, today, calendar) : null,
  }));
}
