import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../generated/prisma/client.js';
import { applyMigrations, migrateOrCheck } from './migrate.js';
import { singleConnectionClient } from './open-transaction.js';
import { pgRunner, pgliteRunner, type SqlRunner } from './sql-runner.js';
import { DEFAULT_STATEMENT_CACHE, statementNamer } from './statement-names.js';

export interface Database {
  kind: 'postgres' | 'embedded';
  prisma: PrismaClient;
  /** Raw SQL on a connection of its own (migrations, maintenance). */
  sql: SqlRunner;
  /** Where the data lives, for logs: a URL without its password, or a folder. */
  location: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** Folder of the embedded database when no URL is given. */
  dataDir?: string;
  /** Apply pending migrations first when this role owns the tables; else only check none is pending (default true). */
  migrate?: boolean;
  poolSize?: number;
  /** Distinct statements prepared per PostgreSQL connection; 0 = none (PgBouncer in transaction mode). */
  statementCache?: number;
}

/** PostgreSQL when a URL is given, else an embedded PGlite database under dataDir. */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  const db = opts.databaseUrl ? openPostgres(opts.databaseUrl, opts.poolSize ?? 10, opts.statementCache ?? DEFAULT_STATEMENT_CACHE) : await openEmbedded(opts.dataDir ?? './data');
  if (opts.migrate ?? true) {
    try {
      await migrateOrCheck(db.sql);
    } catch (err) {
      await db.close();
      throw err;
    }
  }
  return db;
}

function openPostgres(url: string, max: number, statementCache: number): Database {
  const statementNameGenerator = statementNamer(statementCache);
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max }, statementNameGenerator ? { statementNameGenerator } : {}) });
  const sql = pgRunner(url);
  return {
    kind: 'postgres',
    prisma,
    sql,
    location: redact(url),
    async close() {
      await prisma.$disconnect();
      await sql.close();
    },
  };
}

async function openEmbedded(dataDir: string): Promise<Database> {
  const dir = resolve(dataDir, 'pglite');
  mkdirSync(dir, { recursive: true });
  const pglite = await PGlite.create(dir);
  const prisma = singleConnectionClient(new PrismaClient({ adapter: new PrismaPGlite(pglite) as never }));
  return {
    kind: 'embedded',
    prisma,
    sql: pgliteRunner(pglite),
    location: join(dataDir, 'pglite'),
    async close() {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

/** An in-memory embedded database: for tests and one-off tools. */
export async function openMemoryDatabase(): Promise<Database> {
  const pglite = await PGlite.create();
  const prisma = singleConnectionClient(new PrismaClient({ adapter: new PrismaPGlite(pglite) as never }));
  const db: Database = {
    kind: 'embedded',
    prisma,
    sql: pgliteRunner(pglite),
    location: 'memory',
    async close() {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
  await applyMigrations(db.sql);
  return db;
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgresql://(invalid url)';
  }
}
