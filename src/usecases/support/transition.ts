import { assertTransition } from '../../domain/case-status.js';
import type { Actor, CaseRecord, CaseStatus } from '../../domain/model.js';
import type { NewCase, Repos } from '../ports.js';
import { audit } from './audit.js';

/** Moves a case through the status machine, audited with who, when and why. */
export async function transition(
  repos: Repos,
  actor: Actor | null,
  at: Date,
  c: CaseRecord,
  to: CaseStatus,
  reason: string | null,
  patch: Partial<NewCase> = {},
): Promise<CaseRecord> {
  assertTransition(c.status, to);
  const updated = await repos.cases.update(c.id, { ...patch, status: to });
  await audit(repos, actor, at, {
    action: 'case.transition',
    entityType: 'Case',
    entityId: c.id,
    caseId: c.id,
    before: { status: c.status },
    after: { status: to, ...patch },
    reason,
  });
  return updated;
}
