import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, openMemoryDatabase, type Database } from '../../src/db/database.js';

export const SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

function urlFor(name: string): string {
  const u = new URL(SERVER_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  db: Database;
  url: string;
  drop(): Promise<void>;
}

/** A new, empty, migrated database on the real PostgreSQL server, dropped afterwards. */
export async function freshPostgres(opts: { migrate?: boolean } = {}): Promise<TestDatabase> {
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
