import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import { statementNamer } from '../../src/db/statement-names.js';
import { freshPostgres, type TestDatabase } from '../support/database.js';

describe('statement names (prepared once per connection)', () => {
  it('names a text on its second use, keeps that name, and gives another text another name', () => {
    const name = statementNamer(10)!;
    expect(name({ sql: 'SELECT 1' })).toBe(''); // once: unnamed, as without a cache
    const a = name({ sql: 'SELECT 1' });
    expect(a).toMatch(/^xf_\d+$/);
    expect(name({ sql: 'SELECT 1' })).toBe(a);
    expect(name({ sql: 'SELECT 2' })).toBe('');
    const b = name({ sql: 'SELECT 2' });
    expect(b).toMatch(/^xf_\d+$/);
    expect(b).not.toBe(a);
  });

  it('names no more texts than the limit; the rest stay unnamed', () => {
    const name = statementNamer(1)!;
    for (const sql of ['SELECT 1', 'SELECT 1', 'SELECT 2', 'SELECT 2', 'SELECT 2']) name({ sql });
    expect(name({ sql: 'SELECT 1' })).toMatch(/^xf_\d+$/);
    expect(name({ sql: 'SELECT 2' })).toBe('');
  });

  it('never names a text with an expanded IN-list (each list length is another text)', () => {
    const name = statementNamer(10)!;
    const sql = 'SELECT "id" FROM "Person" WHERE "id" IN ($1,$2,$3) OFFSET $4';
    for (let i = 0; i < 3; i++) expect(name({ sql })).toBe('');
    name({ sql: 'SELECT "id" FROM "Person" WHERE "id" IN ($1) OFFSET $2' });
    expect(name({ sql: 'SELECT "id" FROM "Person" WHERE "id" IN ($1) OFFSET $2' })).toMatch(/^xf_\d+$/);
  });

  it('is off at 0', () => {
    expect(statementNamer(0)).toBeUndefined();
  });
});

describe('statement cache on PostgreSQL', () => {
  let t: TestDatabase;
  const opened: Database[] = [];
  const open = async (statementCache: number, poolSize = 2) => {
    const db = await openDatabase({ databaseUrl: t.url, migrate: false, statementCache, poolSize });
    opened.push(db);
    return db;
  };
  /** The statements this connection has prepared (pg_prepared_statements is per session). */
  const prepared = (tx: { $queryRaw: Database['prisma']['$queryRaw'] }) =>
    tx.$queryRaw<{ name: string; statement: string }[]>`SELECT name, statement FROM pg_prepared_statements WHERE statement NOT LIKE '%pg_prepared_statements%'`;

  beforeAll(async () => {
    t = await freshPostgres();
  });
  afterAll(async () => {
    for (const db of opened) await db.close();
    await t.drop();
  });

  it('prepares a statement run again once per connection, and reuses it', async () => {
    const db = await open(100);
    const rows = await db.prisma.$transaction(async (tx) => {
      for (const name of ['甲', '乙', '丙']) await tx.person.findFirst({ where: { name } });
      return prepared(tx);
    });
    const person = rows.filter((r) => r.statement.includes('"Person"'));
    expect(person).toHaveLength(1);
    expect(person[0]!.name).toMatch(/^xf_\d+$/);
  });

  it('keeps working after a prepared statement fails (a unique violation rolls back, the next insert succeeds)', async () => {
    const db = await open(100, 1); // one connection: the statements below all prepare on it
    const unit = await db.prisma.unit.create({ data: { id: 'u-1', name: '综治办', kind: 'OFFICE' } });
    // Second use of the same INSERT: prepared now, and its execution fails.
    await expect(db.prisma.unit.create({ data: { id: unit.id, name: '重复', kind: 'OFFICE' } })).rejects.toThrow();
    await expect(db.prisma.unit.create({ data: { id: 'u-2', name: '信访办', kind: 'OFFICE' } })).resolves.toMatchObject({ name: '信访办' });
    expect(await db.prisma.unit.count()).toBe(2);
    const rows = await prepared(db.prisma);
    expect(rows.filter((r) => r.statement.includes('INSERT INTO "public"."Unit"'))).toHaveLength(1);
  });

  it('names only as many distinct statements as allowed; the rest run unnamed', async () => {
    const db = await open(1);
    const rows = await db.prisma.$transaction(async (tx) => {
      for (let i = 0; i < 2; i++) {
        await tx.person.findFirst({ where: { name: '甲' } });
        await tx.unit.findFirst({ where: { name: '乙' } });
        await tx.case.findFirst({ where: { title: '丙' } });
      }
      return prepared(tx);
    });
    expect(rows.map((r) => r.name)).toEqual(['xf_0']);
  });

  it('prepares nothing at 0', async () => {
    const db = await open(0);
    const rows = await db.prisma.$transaction(async (tx) => {
      for (let i = 0; i < 3; i++) await tx.person.findFirst({ where: { name: '甲' } });
      return prepared(tx);
    });
    expect(rows).toEqual([]);
  });
});
