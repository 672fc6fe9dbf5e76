import { mayBeTold } from '../../domain/privacy/disclosure.js';
import type { CaseRecord } from '../../domain/model.js';
import type { Repos } from '../ports.js';

/**
 * R24/R26: the recipients of a notification who may be told about its case (mayBeTold): never
 * the accused person or unit, an accusation only its readers. A notification about no case keeps
 * its recipients. Asked when a notification is recorded and again when it is delivered, since a
 * case may be classified in between.
 */
export async function recipientsMayBeTold(repos: Repos, n: { caseId: string | null; recipientIds: readonly string[] }, known?: CaseRecord): Promise<string[]> {
  if (!n.caseId) return [...n.recipientIds];
  const c = known ?? (await repos.cases.get(n.caseId));
  if (!c) return [...n.recipientIds];
  const kept: string[] = [];
  for (const id of new Set(n.recipientIds)) {
    const p = await repos.directory.person(id);
    if (p && mayBeTold(p, c)) kept.push(id);
  }
  return kept;
}
