import type { PrismaClient } from '../../generated/prisma/client.js';
import type { AuditRepo } from '../../usecases/ports.js';
import type { AuditHead } from '../../usecases/ports/audit-anchors.js';
import type { AuditKey } from '../audit/audit-key.js';
import { auditRowMac, GENESIS_HASH, type AuditRowContent } from '../audit/audit-payload.js';
import type { Tx } from './tx.js';

const json = (v: unknown): string | null => (v === null || v === undefined ? null : JSON.stringify(v));

type HeadRow = { seq: bigint; hash: string; mac: string | null; macKeyId: string | null };

const HEAD_SELECT = { seq: true, hash: true, mac: true, macKeyId: true } as const;
const toHead = (r: HeadRow | null): AuditHead | null => r && { seq: Number(r.seq), hash: r.hash, mac: r.mac, keyId: r.macKeyId };

/**
 * R25: each row is signed here with the application's key, over the row and the head it follows.
 * In a transaction the head is read once, under the database's append lock, which is then held
 * until commit: concurrent transactions append one after the other, each chaining to the last
 * committed row, and this one's later rows to its own. `outside`: the client when `tx` is not a
 * transaction (uow.read); an append there gets a transaction of its own, since the lock would
 * otherwise end with its statement and two writers could chain to the same head.
 */
export function auditRepo(tx: Tx, key: AuditKey, outside?: PrismaClient): AuditRepo {
  let locked: HeadRow | undefined;
  const lockedHead = async () => (locked ??= await lockHead(tx));
  return {
    async append(e) {
      if (outside) return outside.$transaction((own) => auditRepo(own, key).append(e));
      const head = await lockedHead();
      const row: AuditRowContent = {
        seq: head.seq + 1n, at: e.at, actorId: e.actorId, channel: e.channel, action: e.action, entityType: e.entityType, entityId: e.entityId,
        caseId: e.caseId, before: json(e.before), after: json(e.after), reason: e.reason, prevHash: head.hash,
      };
      const mac = auditRowMac(key, row, head.mac);
      // hash is a placeholder: the trigger computes it, and checks seq and prevHash against its own head.
      const created = await tx.auditLog.create({ data: { ...row, hash: '', mac, macKeyId: key.id }, select: { hash: true } });
      locked = { seq: row.seq, hash: created.hash, mac, macKeyId: key.id };
    },
    async head() {
      if (!outside) {
        const h = await lockedHead();
        return h.seq === 0n ? null : toHead(h);
      }
      return toHead(await tx.auditLog.findFirst({ orderBy: { seq: 'desc' }, select: HEAD_SELECT }));
    },
    async at(seq) {
      return toHead(await tx.auditLog.findUnique({ where: { seq: BigInt(seq) }, select: HEAD_SELECT }));
    },
  };
}

async function lockHead(tx: Tx): Promise<HeadRow> {
  const [r] = await tx.$queryRaw<{ seq: bigint | null; hash: string | null; mac: string | null; macKeyId: string | null }[]>`SELECT * FROM audit_log_lock_head()`;
  return { seq: r?.seq ?? 0n, hash: r?.hash ?? GENESIS_HASH, mac: r?.mac ?? null, macKeyId: r?.macKeyId ?? null };
}
