import { recipientsMayBeTold } from './notification-recipients.js';
import type { CaseRecord } from '../../domain/model.js';
import type { Repos } from '../ports.js';

/**
 * People working a case (owner leader, responsible person, the unit's head), never the accused
 * (R24/R26): whom to tell when the case comes back to them.
 */
export async function caseWorkers(repos: Repos, c: CaseRecord): Promise<string[]> {
  const unit = c.unitId ? await repos.directory.unit(c.unitId) : null;
  const ids = [c.ownerLeaderId, c.responsiblePersonId, unit?.headId ?? null].filter((i): i is string => i !== null);
  return whoMayBeTold(repos, c, ids);
}

/** The people of a recipient list who may be told about the case (mayBeTold: never the accused; an accusation only its readers). */
export function whoMayBeTold(repos: Repos, c: CaseRecord, ids: readonly string[]): Promise<string[]> {
  return recipientsMayBeTold(repos, { caseId: c.id, recipientIds: ids }, c);
}
