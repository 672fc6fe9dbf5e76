import { Prisma } from '../../generated/prisma/client.js';
import type { SentCopiesRepo } from '../../usecases/ports/sent-copies.js';
import type { Tx } from './tx.js';

const BATCH = 1000;

/** Content of sent copies dropped in place: ids, status and times stay for idempotency (Lark uuid, outbox key) and metrics. */
export function sentCopiesRepo(tx: Tx): SentCopiesRepo {
  /** One batched UPDATE after another until one changes less than a batch: short statements, no long lock. */
  const dropWhere = async (table: 'OutboundMessage' | 'Push', expired: Prisma.Sql, at: Date): Promise<number> => {
    const name = Prisma.raw(`"${table}"`);
    let total = 0;
    for (;;) {
      // "payloadDroppedAt" IS NULL leads the index, so each run reads only the copies still holding content.
      const changed = await tx.$executeRaw`
        UPDATE ${name} SET "payload" = NULL, "payloadDroppedAt" = ${at}
        WHERE "id" IN (SELECT "id" FROM ${name} WHERE "payloadDroppedAt" IS NULL AND (${expired}) LIMIT ${BATCH})`;
      total += changed;
      if (changed < BATCH) return total;
    }
  };
  return {
    async dropPayloads({ sentBefore, failedBefore }, at) {
      const outbound = await dropWhere('OutboundMessage', Prisma.sql`("status" = 'SENT' AND "createdAt" < ${sentBefore}) OR ("status" = 'FAILED' AND "createdAt" < ${failedBefore})`, at);
      // A pending push keeps its notification whatever its age: the reconciler may still deliver it.
      const pushes = await dropWhere('Push', Prisma.sql`("status" = 'SENT' AND "createdAt" < ${sentBefore}) OR ("status" IN ('FAILED', 'CANCELLED') AND "createdAt" < ${failedBefore})`, at);
      return { outbound, pushes };
    },
  };
}
