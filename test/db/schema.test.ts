import { readFileSync } from 'node:fs';
import internals from '@prisma/internals';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations, readMigrations } from '../../src/db/migrate.js';
import { pgliteRunner } from '../../src/db/sql-runner.js';
import { schemaDiff, schemaFile } from '../../src/db/schema-engine.js';
import { freshPostgres, type TestDatabase } from '../support/database.js';

const { getDMMF } = internals;

type Dmmf = Awaited<ReturnType<typeof getDMMF>>;
type Field = Dmmf['datamodel']['models'][number]['fields'][number];

/** The PostgreSQL column type Prisma's schema engine creates for a field. */
function expectedType(f: Field): string {
  if (f.kind === 'enum') return f.isList ? `_${f.type}` : f.type;
  const native = (f.nativeType as [string, string[]] | null | undefined)?.[0];
  const base: Record<string, string> = {
    String: 'text', Int: 'int4', BigInt: 'int8', Boolean: 'bool', Float: 'float8', Json: 'jsonb', Decimal: 'numeric',
    DateTime: native === 'Timestamptz' ? 'timestamptz' : native === 'Date' ? 'date' : 'timestamp',
  };
  const t = base[f.type];
  if (!t) throw new Error(`unmapped type ${f.type}`);
  return f.isList ? `_${t}` : t;
}

describe('migrations (PostgreSQL)', () => {
  let t: TestDatabase;
  let dmmf: Dmmf;
  beforeAll(async () => {
    t = await freshPostgres();
    dmmf = await getDMMF({ datamodel: readFileSync('prisma/schema.prisma', 'utf8') });
  });
  afterAll(() => t.drop());

  it('are recorded in _prisma_migrations the way prisma migrate deploy records them', async () => {
    const rows = await t.db.sql.query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
      'SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name',
    );
    expect(rows.map((r) => [r.migration_name, r.checksum])).toEqual(readMigrations().map((m) => [m.name, m.checksum]));
    expect(rows.every((r) => r.finished_at !== null && r.applied_steps_count === 1)).toBe(true);
    expect(await applyMigrations(t.db.sql)).toEqual([]);
  });

  it('create every model as a table with the columns, types and nullability of schema.prisma', async () => {
    const columns = await t.db.sql.query<{ table_name: string; column_name: string; udt_name: string; is_nullable: string }>(
      `SELECT table_name, column_name, udt_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public'`,
    );
    const actual = new Map(columns.map((c) => [`${c.table_name}.${c.column_name}`, `${c.udt_name} ${c.is_nullable === 'YES' ? 'NULL' : 'NOT NULL'}`]));
    const tables = new Set(columns.map((c) => c.table_name));
    for (const model of dmmf.datamodel.models) {
      const table = model.dbName ?? model.name;
      expect(tables, `table ${table}`).toContain(table);
      for (const f of model.fields.filter((x) => x.kind !== 'object')) {
        // Prisma creates scalar lists as nullable array columns.
        const nullable = f.isRequired && !f.isList ? 'NOT NULL' : 'NULL';
        expect(actual.get(`${table}.${f.dbName ?? f.name}`), `${table}.${f.name}`).toBe(`${expectedType(f)} ${nullable}`);
      }
      const modelColumns = columns.filter((c) => c.table_name === table).length;
      expect(modelColumns, `${table} has no extra columns`).toBe(model.fields.filter((x) => x.kind !== 'object').length);
    }
    expect([...tables].filter((x) => x !== '_prisma_migrations').sort()).toEqual(dmmf.datamodel.models.map((m) => m.dbName ?? m.name).sort());
  });

  it('create exactly the indexes of schema.prisma (primary keys, unique and plain indexes)', async () => {
    const indexes = await t.db.sql.query<{ table: string; primary: boolean; unique: boolean; columns: string[] }>(`
      SELECT c.relname AS table, i.indisprimary AS primary, i.indisunique AS unique,
             array_agg(a.attname ORDER BY k.ord)::text[] AS columns
      FROM pg_index i
      JOIN pg_class c ON c.oid = i.indrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
      CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
      WHERE c.relname <> '_prisma_migrations'
      GROUP BY c.relname, i.indexrelid, i.indisprimary, i.indisunique`);
    const key = (table: string, kind: string, cols: string[]) => `${table}:${kind}:${cols.join(',')}`;
    const actual = indexes.map((i) => key(i.table, i.primary ? 'id' : i.unique ? 'unique' : 'normal', i.columns)).sort();
    const fieldDb = (model: string, field: string) => {
      const m = dmmf.datamodel.models.find((x) => x.name === model)!;
      return m.fields.find((f) => f.name === field)?.dbName ?? field;
    };
    const expected = dmmf.datamodel.indexes
      .map((i) => key(dmmf.datamodel.models.find((m) => m.name === i.model)!.dbName ?? i.model, i.type === 'fulltext' ? 'normal' : i.type, i.fields.map((f) => fieldDb(i.model, f.name))))
      .sort();
    expect(actual).toEqual(expected);
  });

  it('refuse to run when an applied migration was edited afterwards', async () => {
    await t.db.sql.query(`UPDATE "_prisma_migrations" SET checksum = 'edited' WHERE migration_name = $1`, [readMigrations()[0]!.name]);
    await expect(applyMigrations(t.db.sql)).rejects.toThrow(/checksum mismatch/);
  });
});

describe('migrations under concurrent start-ups', () => {
  it('apply each migration once when several processes start together (advisory lock)', async () => {
    const t = await freshPostgres({ migrate: false });
    try {
      const { pgRunner } = await import('../../src/db/sql-runner.js');
      const runners = Array.from({ length: 4 }, () => pgRunner(t.url));
      const results = await Promise.all(runners.map((r) => applyMigrations(r)));
      await Promise.all(runners.map((r) => r.close()));
      expect(results.flat()).toEqual(readMigrations().map((m) => m.name));
      const rows = await t.db.sql.query<{ n: string }>('SELECT count(*)::text AS n FROM "_prisma_migrations"');
      expect(rows[0]!.n).toBe(String(readMigrations().length));
    } finally {
      await t.drop();
    }
  });
});

describe("Prisma's own schema engine", () => {
  // The engine introspects through a driver adapter; the pg adapter cannot read some catalog
  // types, so it looks at the same migrations applied to an embedded database.
  async function diffAfter(extraSql: string): Promise<string> {
    const pglite = new PGlite();
    try {
      await applyMigrations(pgliteRunner(pglite));
      if (extraSql) await pglite.exec(extraSql);
      return await schemaDiff(new PrismaPGlite(pglite) as never, { tag: 'schemaDatasource', files: [schemaFile()], configDir: process.cwd() }, { tag: 'schemaDatamodel', files: [schemaFile()] });
    } finally {
      await pglite.close();
    }
  }

  it('finds nothing to change after the migrations: the database matches schema.prisma', async () => {
    expect((await diffAfter('')).trim()).toBe('-- This is an empty migration.');
  });

  it('does notice a database that drifted from schema.prisma', async () => {
    const diff = await diffAfter('DROP INDEX "Case_dueOn_idx"; ALTER TABLE "Case" ALTER COLUMN "title" DROP NOT NULL;');
    expect(diff).toContain('CREATE INDEX "Case_dueOn_idx"');
    expect(diff).toMatch(/ALTER COLUMN "title" SET NOT NULL/);
  });
});
