import type { PrismaClient } from '../../../generated/prisma/client.js';
import type { AlertRecord } from '../../../usecases/ports/escalation.js';

/** An alert of the case: whom it called and how far each answered (with when). */
export type AlertFact = Omit<AlertRecord, 'id' | 'caseId' | 'villageId' | 'levelSince'>;
export type AlertRecipientFact = AlertFact['recipients'][number];

/** R18/R20/R21 of one case: every alert it raised, oldest first, its recipients by the level they joined at. */
export function alertHistory(prisma: PrismaClient, caseId: string): Promise<AlertFact[]> {
  return prisma.alert.findMany({
    where: { caseId },
    orderBy: { raisedAt: 'asc' },
    omit: { id: true, caseId: true, villageId: true, levelSince: true },
    include: { recipients: { orderBy: [{ level: 'asc' }, { notifiedAt: 'asc' }], omit: { alertId: true } } },
  });
}
