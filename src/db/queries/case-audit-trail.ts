import type { PrismaClient } from '../../generated/prisma/client.js';

export interface AuditTrailEntry {
  seq: string;
  at: Date;
  actorName: string | null;
  channel: string;
  action: string;
  reason: string | null;
  before: string | null;
  after: string | null;
}

/** R25: everything recorded about one case, oldest first, with who did it. */
export async function caseAuditTrail(prisma: PrismaClient, caseId: string, limit = 500): Promise<AuditTrailEntry[]> {
  const rows = await prisma.auditLog.findMany({ where: { caseId }, orderBy: { seq: 'asc' }, take: limit });
  const actorIds = [...new Set(rows.map((r) => r.actorId).filter((x): x is string => x !== null))];
  const people = actorIds.length ? await prisma.person.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } }) : [];
  const names = new Map(people.map((p) => [p.id, p.name]));
  return rows.map((r) => ({
    seq: r.seq.toString(),
    at: r.at,
    actorName: r.actorId ? (names.get(r.actorId) ?? null) : null,
    channel: r.channel,
    action: r.action,
    reason: r.reason,
    before: r.before,
    after: r.after,
  }));
}
