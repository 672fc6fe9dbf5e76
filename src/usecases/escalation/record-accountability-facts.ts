import { accountabilityFacts, type AccountabilityFactDraft } from '../../domain/accountability/accountability-facts.js';
import type { Notification } from '../../domain/notifications.js';
import { localDateOf } from '../../lib/local-date.js';
import type { Deps } from '../ports.js';
import { audit } from '../support/audit.js';

export interface RecordAccountabilityFactsResult {
  /** Facts stored by this run; a second run over the same records stores none. */
  recorded: AccountabilityFactDraft[];
  notifications: Notification[];
}

/**
 * R22 (system job): keeps the facts of inaction, slow or wrong action the records show —
 * acknowledgements never given, repeated overdue, reopened cases — once each. It judges nobody.
 */
export async function recordAccountabilityFacts(deps: Deps, opts: { overdueThreshold?: number } = {}): Promise<RecordAccountabilityFactsResult> {
  const now = deps.clock.now();
  const today = localDateOf(now);
  return deps.uow.run(async (repos) => {
    const drafts = accountabilityFacts({
      missedAcks: await repos.accountability.missedAcks(),
      cases: await repos.accountability.cases(today),
      today,
      overdueThreshold: opts.overdueThreshold,
    });
    const recorded: AccountabilityFactDraft[] = [];
    for (const fact of drafts) {
      if (!(await repos.accountability.record(fact, now))) continue;
      recorded.push(fact);
      await audit(repos, null, now, {
        action: 'accountability.record',
        entityType: 'AccountabilityFact',
        entityId: fact.sourceKey,
        caseId: fact.caseId,
        after: fact,
      });
    }
    return { recorded, notifications: [] };
  });
}
