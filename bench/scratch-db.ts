import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { auditKeyFrom } from '../src/db/audit/audit-key.js';

/** The PostgreSQL server benchmarks run on: DATABASE_URL, else the local test server. */
export const serverUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

/** The key benchmarks sign their scratch databases' audit rows with (R25): no secret, the databases are dropped. */
export const BENCH_AUDIT_KEY = auditKeyFrom('bench-audit-key: scratch databases only, not a secret');

/** The URL of another database on the same server. */
export function urlFor(name: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Runs one statement on the server's default database (CREATE / DROP DATABASE). */
export async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface ScratchDatabase {
  name: string;
  url: string;
  /** Drops it, whoever is still connected. */
  drop(): Promise<void>;
}

/** A fresh database `bench_xxxxxxxx` on the server, for one run. */
export async function createScratchDatabase(): Promise<ScratchDatabase> {
  const name = `bench_${randomBytes(4).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  return { name, url: urlFor(name), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** The server's version, for the printed figures. */
export async function serverVersion(sql: { query<T>(text: string): Promise<T[]> }): Promise<string> {
  const [row] = await sql.query<{ server_version: string }>('SHOW server_version');
  return row!.server_version;
}
