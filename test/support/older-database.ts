import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../../src/generated/prisma/client.js';
import { applyMigrations, MIGRATIONS_DIR } from '../../src/db/migrate.js';
import { pgliteRunner } from '../../src/db/sql-runner.js';
import { freshPostgres, type TestDatabase } from './database.js';

export type OlderDatabase = TestDatabase & { upgrade(): Promise<void> };

/**
 * A database migrated only up to the migrations before `migration` (as an installation of that
 * time was); `upgrade()` applies the remaining ones, as the next start-up does.
 */
export async function databaseBefore(migration: string, kind: 'postgres' | 'embedded' = 'postgres'): Promise<OlderDatabase> {
  const older = mkdtempSync(join(tmpdir(), 'xf-migrations-'));
  for (const name of readdirSync(MIGRATIONS_DIR).filter((n) => n < migration)) cpSync(join(MIGRATIONS_DIR, name), join(older, name), { recursive: true });
  const t = kind === 'postgres' ? await freshPostgres({ migrate: false }) : await memoryDatabase();
  await applyMigrations(t.db.sql, older);
  rmSync(older, { recursive: true, force: true });
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
