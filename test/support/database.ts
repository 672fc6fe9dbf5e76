import { randomBytes } from 'node:crypto';
import { openDatabase, openMemoryDatabase, type Database } from '../../src/db/database.js';
import { databaseWithRoles } from './app-role.js';
import { admin, urlFor } from './pg-server.js';

export { SERVER_URL } from './pg-server.js';

export interface TestDatabase {
  db: Database;
  url: string;
  drop(): Promise<void>;
}

/**
 * A new, empty, migrated database on the real PostgreSQL server, dropped afterwards. With
 * TEST_DATABASE_ROLE=app the suite runs as the application's role of a production setup (owns no
 * table, only the grants of src/db/roles/app-grants.ts): a way to check those grants against a suite.
 */
export async function freshPostgres(opts: { migrate?: boolean } = {}): Promise<TestDatabase> {
  if (process.env.TEST_DATABASE_ROLE === 'app' && opts.migrate !== false) {
    const roles = await databaseWithRoles();
    const db = await openDatabase({ databaseUrl: roles.appUrl, poolSize: 20 });
    const drop = async () => {
      await db.close();
      await roles.drop();
    };
    return { db, url: roles.appUrl, drop };
  }
  const name = `xf_test_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = urlFor(name);
  const db = await openDatabase({ databaseUrl: url, migrate: opts.migrate ?? true, poolSize: 20 });
  return {
    db,
    url,
    async drop() {
      await db.close();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** A new database of either kind: the suites that run on both pass `kind`. */
export async function freshDatabase(kind: 'postgres' | 'embedded'): Promise<TestDatabase> {
  if (kind === 'postgres') return freshPostgres();
  const db = await openMemoryDatabase();
  return { db, url: 'memory', drop: () => db.close() };
}
