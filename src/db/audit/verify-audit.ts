import type { PrismaClient } from '../../generated/prisma/client.js';
import type { AuditKey } from './audit-key.js';
import { verifyAnchors, type AnchorVerification } from './verify-anchors.js';
import { verifyAuditChain, type AuditVerification } from './verify-chain.js';

export interface AuditReport {
  ok: boolean;
  chain: AuditVerification;
  anchors: AnchorVerification;
}

/** R25, what `npm run audit:verify` checks: the chain (hashes, and MACs with the key) and the anchors file. */
export async function verifyAudit(prisma: PrismaClient, o: { key: AuditKey | null; anchorsFile: string }): Promise<AuditReport> {
  const chain = await verifyAuditChain(prisma, o.key);
  const anchors = await verifyAnchors(prisma, o.anchorsFile, o.key, { headSeq: chain.head?.seq ?? 0, required: chain.signedFrom !== null });
  return { ok: chain.ok && anchors.ok, chain, anchors };
}
