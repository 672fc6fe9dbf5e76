import { createHash } from 'node:crypto';
import type { PrismaClient } from '../../generated/prisma/client.js';
import type { AuditHead } from '../../usecases/ports/audit-anchors.js';
import type { AuditKey } from './audit-key.js';
import { auditPayload, auditRowMac, GENESIS_HASH } from './audit-payload.js';
import { AuditProblems, type AuditProblem } from './audit-problems.js';

export interface AuditVerification {
  ok: boolean;
  rows: number;
  /** Rows from before signing: checked by their hash chain only. */
  unsigned: number;
  /** The first signed row, null while none is. */
  signedFrom: string | null;
  /** Whether the MACs were checked (a key was given). */
  macChecked: boolean;
  head: AuditHead | null;
  /** Hash of the last row (kept for the console and older tools). */
  headHash: string | null;
  problems: AuditProblem[];
  problemCount: number;
}

/**
 * R25: walks the log in order. Every row: consecutive seq, linked to the previous hash, hash matching
 * its content. Signed rows also: a MAC by `key` over the row and the previous MAC. Once a row is signed
 * every later one must be, and so must the newest (the application signs from its first start with a
 * key): stripping MACs to pass signed rows off as old ones is found too. Without a key the MACs are not
 * checked, the rest is.
 */
export async function verifyAuditChain(prisma: PrismaClient, key: AuditKey | null, batchSize = 5000): Promise<AuditVerification> {
  const problems = new AuditProblems();
  let prevHash = GENESIS_HASH;
  let prevMac: string | null = null;
  let expectedSeq = 1n;
  let rows = 0;
  let unsigned = 0;
  let signedFrom: bigint | null = null;
  let last: { seq: bigint; hash: string; mac: string | null; macKeyId: string | null } | null = null;
  for (let cursor = 0n; ; cursor = last?.seq ?? 0n) {
    const batch = await prisma.auditLog.findMany({ where: { seq: { gt: cursor } }, orderBy: { seq: 'asc' }, take: batchSize });
    for (const r of batch) {
      rows += 1;
      if (r.seq !== expectedSeq) problems.add(r.seq, `序号不连续：应为 ${expectedSeq}（记录被删除？） seq gap: expected ${expectedSeq} (rows deleted?)`);
      if (r.prevHash !== prevHash) problems.add(r.seq, '与上一条记录的哈希链断开 not linked to the previous row\'s hash');
      if (createHash('sha256').update(auditPayload(r), 'utf8').digest('hex') !== r.hash) problems.add(r.seq, '内容与哈希不符（记录被篡改） content does not match its hash (row altered)');
      if (r.mac === null) {
        unsigned += 1;
        if (signedFrom !== null) problems.add(r.seq, `签名记录之后出现无签名记录（MAC 被去除？） unsigned row after signed rows from seq ${signedFrom} (MAC stripped?)`);
      } else {
        signedFrom ??= r.seq;
        if (key && r.macKeyId !== key.id) {
          problems.add(r.seq, `由另一密钥（编号 ${r.macKeyId}）签名，当前密钥（编号 ${key.id}）无法核验 signed with another key (id ${r.macKeyId}), not the one given (id ${key.id})`);
        } else if (key && auditRowMac(key, r, prevMac) !== r.mac) {
          problems.add(r.seq, '签名（MAC）不符（记录被篡改，或哈希链被重算） MAC does not match (row altered, or the chain recomputed)');
        }
      }
      prevHash = r.hash;
      prevMac = r.mac;
      expectedSeq = r.seq + 1n;
      last = r;
    }
    if (batch.length < batchSize) break;
  }
  if (last && last.mac === null && key && signedFrom === null) {
    problems.add(last.seq, '最新一条记录没有签名：应用以密钥启动后会签名每条记录（签名记录被删除或 MAC 被去除？若升级后应用尚未启动过，启动一次即可） the newest row is not signed (signed rows deleted or MACs stripped? if the app has not started since the upgrade, start it once)');
  }
  const head = last && { seq: Number(last.seq), hash: last.hash, mac: last.mac, keyId: last.macKeyId };
  return {
    ok: problems.count === 0, rows, unsigned, signedFrom: signedFrom?.toString() ?? null, macChecked: key !== null,
    head, headHash: head?.hash ?? null, problems: problems.list, problemCount: problems.count,
  };
}
