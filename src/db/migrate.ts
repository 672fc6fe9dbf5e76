import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SqlRunner } from './sql-runner.js';
import { canMigrate, databaseRole } from './roles/database-role.js';

/** prisma/migrations of the project, found upwards from here (works from src/ and from dist/src/). */
function findMigrationsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'prisma', 'migrations');
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new Error('prisma/migrations not found next to the application');
}

export const MIGRATIONS_DIR = process.env.MIGRATIONS_DIR ?? findMigrationsDir();
const MIGRATION_LOCK_KEY = 4242025000;

// The table exactly as `prisma migrate deploy` creates it, so either tool can take over.
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
);`;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, 'migration.sql')))
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

export class MigrationError extends Error {}

interface RecordedMigration {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

const recordedMigrations = (db: SqlRunner) =>
  db.query<RecordedMigration>('SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"');

/** The migrations still to apply; throws on one that failed before or was edited after being applied. */
function pendingMigrations(migrations: Migration[], rows: RecordedMigration[]): Migration[] {
  const failed = rows.find((r) => r.finished_at === null && r.rolled_back_at === null);
  if (failed) {
    throw new MigrationError(`迁移 ${failed.migration_name} 上次执行失败，需人工处理后再启动 (see prisma migrate resolve).`);
  }
  const done = new Map(rows.filter((r) => r.finished_at !== null).map((r) => [r.migration_name, r.checksum]));
  return migrations.filter((m) => {
    const recorded = done.get(m.name);
    if (recorded !== undefined && recorded !== m.checksum) {
      throw new MigrationError(`迁移 ${m.name} 在应用后被修改 (checksum mismatch): never edit an applied migration.`);
    }
    return recorded === undefined;
  });
}

/**
 * Applies the migrations not yet recorded in `_prisma_migrations`, each in its own
 * transaction, under an advisory lock so that concurrent start-ups apply each one once.
 * Returns the names applied.
 */
export async function applyMigrations(db: SqlRunner, dir = MIGRATIONS_DIR): Promise<string[]> {
  const migrations = readMigrations(dir);
  return db.withLock(MIGRATION_LOCK_KEY, async () => {
    await db.exec(CREATE_MIGRATIONS_TABLE);
    const applied: string[] = [];
    for (const m of pendingMigrations(migrations, await recordedMigrations(db))) {
      const id = randomUUID();
      await db.exec('BEGIN');
      try {
        await db.query(
          'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)',
          [id, m.checksum, m.name],
        );
        await db.exec(m.sql);
        await db.query('UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1', [id]);
        await db.exec('COMMIT');
      } catch (err) {
        await db.exec('ROLLBACK');
        throw new MigrationError(`迁移 ${m.name} 执行失败: ${(err as Error).message}`);
      }
      applied.push(m.name);
    }
    return applied;
  });
}

/**
 * At start-up: the owner of the tables (or a superuser, or the first start on an empty database)
 * applies what is pending; the application's own role, which owns nothing, must not try — it
 * only checks that nothing is pending and otherwise says who has to migrate.
 */
export async function migrateOrCheck(db: SqlRunner, dir = MIGRATIONS_DIR): Promise<string[]> {
  const role = await databaseRole(db);
  if (canMigrate(role)) return applyMigrations(db, dir);
  const pending = role.migrated ? pendingMigrations(readMigrations(dir), await recordedMigrations(db)) : readMigrations(dir);
  if (pending.length > 0) {
    throw new MigrationError(
      `数据库尚有 ${pending.length} 个迁移未应用（${pending.map((m) => m.name).join(', ')}）；当前账号 ${role.user} 不是表的所有者，不能迁移：` +
        `请先以所有者身份运行 npm run db:migrate（设置 DATABASE_OWNER_URL，见 README「数据库账号」）。` +
        ` (${role.user} owns no table and does not migrate: run npm run db:migrate as the owner first.)`,
    );
  }
  return [];
}
