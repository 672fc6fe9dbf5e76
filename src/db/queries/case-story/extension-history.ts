import type { Extension } from '../../../domain/model.js';
import type { PrismaClient } from '../../../generated/prisma/client.js';
import { toExtension } from '../../repos/mappers.js';

/** R10 of one case: every extension requested, with its decision and dates, oldest first. */
export async function extensionHistory(prisma: PrismaClient, caseId: string): Promise<Extension[]> {
  const rows = await prisma.extension.findMany({ where: { caseId }, orderBy: { requestedAt: 'asc' } });
  return rows.map(toExtension);
}
