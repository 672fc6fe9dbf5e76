import type { Actor } from '../../domain/model.js';
import type { Repos } from '../ports.js';

/** R25: records one change in the append-only log, in the caller's transaction. */
export function audit(
  repos: Repos,
  actor: Actor | null,
  at: Date,
  entry: { action: string; entityType: string; entityId: string; caseId?: string | null; before?: unknown; after?: unknown; reason?: string | null },
): Promise<void> {
  return repos.audit.append({
    at,
    actorId: actor?.person.id ?? null,
    channel: actor?.channel ?? 'SYSTEM',
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    caseId: entry.caseId ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
    reason: entry.reason ?? null,
  });
}
