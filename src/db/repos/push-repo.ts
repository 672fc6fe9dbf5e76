import { Prisma } from '../../generated/prisma/client.js';
import type * as db from '../../generated/prisma/client.js';
import type { Notification } from '../../domain/notifications.js';
import type { PushRecord, PushRepo } from '../../usecases/ports/pushes.js';
import type { Tx } from './tx.js';

function toPush(r: db.Push): PushRecord {
  return {
    id: r.id,
    key: r.key,
    personId: r.personId,
    notification: r.payload as unknown as Notification,
    dueAt: r.dueAt,
    status: r.status,
    attempts: r.attempts,
    lastError: r.lastError,
    sentAt: r.sentAt,
  };
}

export function pushRepo(tx: Tx): PushRepo {
  return {
    async record(pushes) {
      const recorded: PushRecord[] = [];
      for (const p of pushes) {
        // ON CONFLICT DO NOTHING: a key already recorded (by this or another worker) stays as it is.
        const rows = await tx.$queryRaw<db.Push[]>`
          INSERT INTO "Push" ("id", "key", "personId", "kind", "urgency", "caseId", "payload", "dueAt")
          VALUES (gen_random_uuid()::text, ${p.key}, ${p.personId}, ${p.notification.kind}, ${p.notification.urgency},
                  ${p.notification.caseId}, ${JSON.stringify(p.notification)}::jsonb, ${p.dueAt})
          ON CONFLICT ("key") DO NOTHING
          RETURNING *`;
        if (rows[0]) recorded.push(toPush(rows[0]));
      }
      return recorded;
    },
    async get(id) {
      const row = await tx.push.findUnique({ where: { id } });
      return row && row.payload !== null ? toPush(row) : null;
    },
    async recorded(key) {
      return (await tx.push.count({ where: { key } })) > 0;
    },
    async pending(limit, afterId) {
      const rows = await tx.push.findMany({
        where: { status: 'PENDING', ...(afterId ? { id: { gt: afterId } } : {}) },
        orderBy: { id: 'asc' },
        take: limit,
      });
      return rows.map(toPush);
    },
    async markSent(id, at, attempts, dropPayload = false) {
      const drop = dropPayload ? { payload: Prisma.DbNull, payloadDroppedAt: at } : {};
      const { count } = await tx.push.updateMany({ where: { id, status: 'PENDING' }, data: { status: 'SENT', sentAt: at, attempts, lastError: null, ...drop } });
      return count === 1;
    },
    async markWithheld(id, reason) {
      await tx.push.updateMany({ where: { id, status: 'PENDING' }, data: { status: 'CANCELLED', lastError: reason.slice(0, 1000) } });
    },
    async markAttemptFailed(id, error, attempts, final) {
      const data: Prisma.PushUpdateManyMutationInput = { attempts, lastError: error.slice(0, 1000), ...(final ? { status: 'FAILED' } : {}) };
      await tx.push.updateMany({ where: { id, status: 'PENDING' }, data });
    },
  };
}
