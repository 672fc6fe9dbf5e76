import { createHash } from 'node:crypto';
import type { PrismaClient } from '../generated/prisma/client.js';

export interface AuditVerification {
  ok: boolean;
  rows: number;
  /** Hash of the last row: keep it somewhere else to detect a rewritten chain later. */
  headHash: string | null;
  problems: { seq: string; problem: string }[];
}

const GENESIS = '0'.repeat(64);
const US = String.fromCharCode(31);
const NULL_MARK = String.fromCharCode(30);

/** The exact text the database trigger hashes (audit_log_payload in the init migration). */
export function auditPayload(r: {
  seq: bigint; at: Date; actorId: string | null; channel: string; action: string; entityType: string; entityId: string;
  caseId: string | null; before: string | null; after: string | null; reason: string | null; prevHash: string;
}): string {
  return [
    r.seq.toString(), r.at.toISOString(), r.actorId, r.channel, r.action, r.entityType, r.entityId, r.caseId,
    r.before, r.after, r.reason, r.prevHash,
  ].map((v) => v ?? NULL_MARK).join(US);
}

/** R25: recomputes every hash in order and checks each row links to the one before it. */
export async function verifyAuditChain(prisma: PrismaClient, batchSize = 5000): Promise<AuditVerification> {
  const problems: AuditVerification['problems'] = [];
  let prev = GENESIS;
  let expectedSeq = 1n;
  let rows = 0;
  let cursor = 0n;
  for (;;) {
    const batch = await prisma.auditLog.findMany({ where: { seq: { gt: cursor } }, orderBy: { seq: 'asc' }, take: batchSize });
    for (const r of batch) {
      rows += 1;
      const seq = r.seq.toString();
      if (r.seq !== expectedSeq) problems.push({ seq, problem: `序号不连续：应为 ${expectedSeq}` });
      if (r.prevHash !== prev) problems.push({ seq, problem: '与上一条记录的哈希链断开' });
      const hash = createHash('sha256').update(auditPayload(r), 'utf8').digest('hex');
      if (hash !== r.hash) problems.push({ seq, problem: '内容与哈希不符（记录被篡改）' });
      prev = r.hash;
      expectedSeq = r.seq + 1n;
      cursor = r.seq;
    }
    if (batch.length < batchSize) break;
  }
  return { ok: problems.length === 0, rows, headHash: rows ? prev : null, problems };
}
