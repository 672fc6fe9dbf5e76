import type { PrismaClient } from '../../generated/prisma/client.js';
import { auditEntries, type AuditEntryView } from './audit-entries.js';

export type AuditTrailEntry = AuditEntryView;

/** R25: everything recorded about one case, oldest first, with who did it. */
export function caseAuditTrail(prisma: PrismaClient, caseId: string, limit = 500): Promise<AuditTrailEntry[]> {
  return auditEntries(prisma, { caseId }, 'asc', limit);
}
