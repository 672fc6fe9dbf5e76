import type { PrismaClient } from '../../generated/prisma/client.js';
import { auditEntries, type AuditEntryView } from './audit-entries.js';

export type AdminChange = AuditEntryView;

/** What the administration pages change: the organisation, platform accounts and settings. */
const ADMIN_ENTITIES = ['Person', 'Unit', 'Area', 'Village', 'CalendarOverride', 'KeywordRule', 'Setting', 'AssessmentRule'];

/** R25: the latest administration changes, newest first, with who made them. */
export function recentAdminChanges(prisma: PrismaClient, limit = 20): Promise<AdminChange[]> {
  return auditEntries(prisma, { entityType: { in: ADMIN_ENTITIES } }, 'desc', limit);
}
