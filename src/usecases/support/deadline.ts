import { localDateOf } from '../../lib/local-date.js';
import { caseDeadline, type CaseDeadline, type DeadlineFacts } from '../../domain/deadlines/case-deadlines.js';
import type { CaseRecord } from '../../domain/model.js';
import type { ConfigSource, Repos } from '../ports.js';

/** R7–R10 for a stored case: its active ownership and approved extension taken into account. */
export async function deadlineOf(repos: Repos, config: ConfigSource, c: CaseRecord): Promise<CaseDeadline> {
  const [calendar, policy] = await Promise.all([config.calendar(), config.deadlinePolicy()]);
  return caseDeadline(await deadlineFactsOf(repos, c), calendar, policy);
}

/** What a stored case's deadline is computed from. */
export async function deadlineFactsOf(repos: Repos, c: CaseRecord): Promise<DeadlineFacts> {
  // One after the other: `repos` may hold a transaction's single connection.
  const ownership = await repos.ownerships.active(c.id);
  const extensions = await repos.extensions.forCase(c.id);
  const approved = extensions.find((e) => e.status === 'APPROVED');
  return {
    source: c.source,
    complexity: c.complexity,
    receivedOn: localDateOf(c.receivedAt),
    acceptedOn: c.acceptedAt ? localDateOf(c.acceptedAt) : null,
    ownershipDeadline: ownership?.deadline ?? null,
    extendedTo: approved?.grantedDueOn ?? null,
  };
}

