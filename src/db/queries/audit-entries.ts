import type { Prisma, PrismaClient } from '../../generated/prisma/client.js';

/** One audit log entry as the console shows it (R25): with the actor's name. */
export interface AuditEntryView {
  seq: string;
  at: Date;
  actorName: string | null;
  channel: string;
  action: string;
  entityType: string;
  entityId: string;
  reason: string | null;
  before: string | null;
  after: string | null;
}

export async function auditEntries(prisma: PrismaClient, where: Prisma.AuditLogWhereInput, order: 'asc' | 'desc', take: number): Promise<AuditEntryView[]> {
  const rows = await prisma.auditLog.findMany({ where, orderBy: { seq: order }, take });
  const actorIds = [...new Set(rows.map((r) => r.actorId).filter((x): x is string => x !== null))];
  const people = actorIds.length ? await prisma.person.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } }) : [];
  const names = new Map(people.map((p) => [p.id, p.name]));
  return rows.map((r) => ({
    seq: r.seq.toString(),
    at: r.at,
    actorName: r.actorId ? (names.get(r.actorId) ?? null) : null,
    channel: r.channel,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    reason: r.reason,
    before: r.before,
    after: r.after,
  }));
}
