import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../../src/generated/prisma/client.js';
import { applyMigrations, MIGRATIONS_DIR } from '../../src/db/migrate.js';
import { pgliteRunner } from '../../src/db/sql-runner.js';
import { freshPostgres, type TestDatabase } from './database.js';

/** The migration from which the application signs the audit log (R25). */
const SIGNING_MIGRATION = '20261129090000_audit_mac';

/**
 * A database as it was before the audit log was signed, with unsigned rows written the way the
 * application wrote them then; `upgrade()` applies the remaining migrations.
 */
export async function databaseBeforeSigning(kind: 'postgres' | 'embedded', unsignedRows: number): Promise<TestDatabase & { upgrade(): Promise<void> }> {
  const older = mkdtempSync(join(tmpdir(), 'xf-migrations-'));
  for (const name of readdirSync(MIGRATIONS_DIR).filter((n) => n < SIGNING_MIGRATION)) cpSync(join(MIGRATIONS_DIR, name), join(older, name), { recursive: true });
  const t = kind === 'postgres' ? await freshPostgres({ migrate: false }) : await memoryDatabase();
  await applyMigrations(t.db.sql, older);
  rmSync(older, { recursive: true, force: true });
  for (let i = 1; i <= unsignedRows; i++) {
    await t.db.sql.exec(`INSERT INTO "AuditLog" ("seq", "at", "channel", "action", "entityType", "entityId", "prevHash", "hash") VALUES (0, now(), 'SCRIPT', 'legacy.change', 'Case', 'legacy-${i}', '', '')`);
  }
  return { ...t, upgrade: async () => void (await applyMigrations(t.db.sql)) };
}

async function memoryDatabase(): Promise<TestDatabase> {
  const pglite = await PGlite.create();
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) as never });
  const close = async () => {
    await prisma.$disconnect();
    await pglite.close();
  };
  return { db: { kind: 'embedded', prisma, sql: pgliteRunner(pglite), location: 'memory', close }, url: 'memory', drop: close };
}
