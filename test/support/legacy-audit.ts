import { databaseBefore, type OlderDatabase } from './older-database.js';

/** The migration from which the application signs the audit log (R25). */
const SIGNING_MIGRATION = '20261129090000_audit_mac';

/**
 * A database as it was before the audit log was signed, with unsigned rows written the way the
 * application wrote them then; `upgrade()` applies the remaining migrations.
 */
export async function databaseBeforeSigning(kind: 'postgres' | 'embedded', unsignedRows: number): Promise<OlderDatabase> {
  const t = await databaseBefore(SIGNING_MIGRATION, kind);
  for (let i = 1; i <= unsignedRows; i++) {
    await t.db.sql.exec(`INSERT INTO "AuditLog" ("seq", "at", "channel", "action", "entityType", "entityId", "prevHash", "hash") VALUES (0, now(), 'SCRIPT', 'legacy.change', 'Case', 'legacy-${i}', '', '')`);
  }
  return t;
}
