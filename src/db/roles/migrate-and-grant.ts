import { applyMigrations } from '../migrate.js';
import type { SqlRunner } from '../sql-runner.js';
import { grantAppRole } from './app-grants.js';
import { databaseRole } from './database-role.js';

/** The role a connection URL logs in as, or null when it names none. */
export function roleOfUrl(url: string | undefined): string | null {
  if (!url) return null;
  const user = decodeURIComponent(new URL(url).username);
  return user || null;
}

/**
 * `npm run db:migrate`, connected as the owner of the tables: applies what is pending, then,
 * when the application logs in as another role, grants that role its privileges on every table
 * there now is (a new table included).
 */
export async function migrateAndGrant(db: SqlRunner, appRole: string | null): Promise<{ applied: string[]; granted: string | null }> {
  const applied = await applyMigrations(db);
  if (!appRole || appRole === (await databaseRole(db)).user) return { applied, granted: null };
  await grantAppRole(db, appRole);
  return { applied, granted: appRole };
}
