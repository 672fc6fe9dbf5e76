import type { PrismaClient } from '../../../generated/prisma/client.js';
import type { FollowUpRecord } from '../../../usecases/ports/follow-up.js';

export type FollowUpFact = Omit<FollowUpRecord, 'id' | 'caseId'>;

/** R27 of one case: every call-back (or the window passing unrated), both ratings and the note. */
export function followUpHistory(prisma: PrismaClient, caseId: string): Promise<FollowUpFact[]> {
  return prisma.followUp.findMany({ where: { caseId }, orderBy: { recordedAt: 'asc' }, omit: { id: true, caseId: true } });
}
