import { addDays, localDateOf } from '../../lib/local-date.js';
import type { Deps } from '../ports.js';
import { audit } from '../support/audit.js';

/**
 * R11 system job: open cases past their deadline get the first overdue day on record, once.
 * The record stays after resolution. Returns the case ids newly marked.
 */
export async function markOverdueCases(deps: Deps): Promise<string[]> {
  const now = deps.clock.now();
  const today = localDateOf(now);
  return deps.uow.run(async (repos) => {
    const due = await repos.cases.openPastDueUnmarked(today);
    for (const c of due) {
      const overdueOn = addDays(c.dueOn!, 1);
      await repos.cases.update(c.id, { overdueOn });
      await audit(repos, null, now, { action: 'case.overdue', entityType: 'Case', entityId: c.id, caseId: c.id, after: { overdueOn, dueOn: c.dueOn } });
    }
    return due.map((c) => c.id);
  });
}
