import { isAccused } from '../../domain/authorization.js';
import type { CaseRecord } from '../../domain/model.js';
import type { Repos } from '../ports.js';

/**
 * People working a case (owner leader, responsible person, the unit's head), never the accused
 * (R24/R26): whom to tell when the case comes back to them.
 */
export async function caseWorkers(repos: Repos, c: CaseRecord): Promise<string[]> {
  const unit = c.unitId ? await repos.directory.unit(c.unitId) : null;
  const ids = [c.ownerLeaderId, c.responsiblePersonId, unit?.headId ?? null].filter((i): i is string => i !== null);
  return withoutAccused(repos, c, ids);
}

/** Drops the accused person and the members of the accused unit from a recipient list. */
export async function withoutAccused(repos: Repos, c: CaseRecord, ids: string[]): Promise<string[]> {
  const kept: string[] = [];
  for (const id of new Set(ids)) {
    const p = await repos.directory.person(id);
    if (p && p.active && !isAccused(p, c)) kept.push(id);
  }
  return kept;
}
