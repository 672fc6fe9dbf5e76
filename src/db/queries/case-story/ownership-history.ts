import type { OwnershipProposal } from '../../../domain/model.js';
import type { PrismaClient } from '../../../generated/prisma/client.js';
import { toProposal } from '../../repos/mappers.js';

/** An ownership as it ran (R3: from approval until the case closed or a transfer ended it). */
export interface OwnershipSpan {
  proposalId: string;
  leaderId: string;
  activeFrom: Date;
  endedAt: Date | null;
  endReason: string | null;
}

export interface OwnershipHistory {
  /** R4: every proposal, initial and transfer, with its decision, oldest first. */
  proposals: OwnershipProposal[];
  ownerships: OwnershipSpan[];
}

/** R2–R4 of one case: proposals, decisions and ownerships. */
export async function ownershipHistory(prisma: PrismaClient, caseId: string): Promise<OwnershipHistory> {
  const [proposals, ownerships] = await Promise.all([
    prisma.ownershipProposal.findMany({ where: { caseId }, orderBy: { proposedAt: 'asc' } }),
    prisma.caseOwnership.findMany({
      where: { caseId },
      orderBy: { activeFrom: 'asc' },
      select: { proposalId: true, leaderId: true, activeFrom: true, endedAt: true, endReason: true },
    }),
  ]);
  return { proposals: proposals.map(toProposal), ownerships };
}
