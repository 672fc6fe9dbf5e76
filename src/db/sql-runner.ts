import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';

/** The few raw-SQL operations that migrations and maintenance need, on either database. */
export interface SqlRunner {
  /** Runs one or more statements with no parameters. */
  exec(sql: string): Promise<void>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Holds a session-level advisory lock for the duration of `fn`. */
  withLock<T>(key: number, fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export function pgRunner(connectionString: string): SqlRunner {
  const client = new pg.Client({ connectionString });
  const ready = client.connect();
  return {
    async exec(sql) {
      await ready;
      await client.query(sql);
    },
    async query(sql, params) {
      await ready;
      return (await client.query(sql, params)).rows;
    },
    async withLock(key, fn) {
      await ready;
      await client.query('SELECT pg_advisory_lock($1)', [key]);
      try {
        return await fn();
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [key]);
      }
    },
    async close() {
      await ready.catch(() => undefined);
      await client.end();
    },
  };
}

/** PGlite is one connection in this process: its lock only guards against our own re-entry. */
export function pgliteRunner(db: PGlite): SqlRunner {
  return {
    async exec(sql) {
      await db.exec(sql);
    },
    async query(sql, params) {
      return (await db.query(sql, params)).rows as never;
    },
    async withLock(key, fn) {
      await db.query('SELECT pg_advisory_lock($1)', [key]);
      try {
        return await fn();
      } finally {
        await db.query('SELECT pg_advisory_unlock($1)', [key]);
      }
    },
    async close() {
      // the PGlite instance is owned by whoever created it
    },
  };
}
