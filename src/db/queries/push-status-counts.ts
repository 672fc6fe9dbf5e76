import type { PrismaClient } from '../../generated/prisma/client.js';
import type { PushStatus } from '../../generated/prisma/enums.js';

export const PUSH_STATUSES: readonly PushStatus[] = ['PENDING', 'SENT', 'FAILED', 'CANCELLED'];

/** Rows of the `Push` outbox by status, every status present (0 when none). */
export async function pushStatusCounts(prisma: PrismaClient): Promise<Record<PushStatus, number>> {
  const rows = await prisma.push.groupBy({ by: ['status'], _count: { _all: true } });
  const counts = Object.fromEntries(PUSH_STATUSES.map((s) => [s, 0])) as Record<PushStatus, number>;
  for (const r of rows) counts[r.status] = r._count._all;
  return counts;
}
