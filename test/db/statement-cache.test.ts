import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import { statementNamer } from '../../src/db/statement-names.js';
import { freshPostgres, type TestDatabase } from '../support/database.js';

describe('statement names (prepared once per connection)', () => {
  it('gives one SQL text one name, another text another, and none beyond the limit', () => {
    const name = statementNamer(2)!;
    const a = name({ sql: 'SELECT 1' });
    expect(a).toMatch(/^xf_\d+$/);
    expect(name({ sql: 'SELECT 1' })).toBe(a);
    const b = name({ sql: 'SELECT 2' });
    expect(b).toMatch(/^xf_\d+$/);
    expect(b).not.toBe(a);
    expect(name({ sql: 'SELECT 3' })).toBe(''); // unnamed: prepared afresh every time, as without a cache
    expect(name({ sql: 'SELECT 1' })).toBe(a);
  });

  it('is off at 0', () => {
    expect(statementNamer(0)).toBeUndefined();
  });
});

describe('statement cache on PostgreSQL', () => {
  let t: TestDatabase;
  const opened: Database[] = [];
  const open = async (statementCache: number) => {
    const db = await openDatabase({ databaseUrl: t.url, migrate: false, statementCache, poolSize: 2 });
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

  it('prepares a statement the first time and reuses it on the same connection', async () => {
    const db = await open(100);
    const rows = await db.prisma.$transaction(async (tx) => {
      await tx.person.findFirst({ where: { name: '甲' } });
      await tx.person.findFirst({ where: { name: '乙' } });
      return prepared(tx);
    });
    const person = rows.filter((r) => r.statement.includes('"Person"'));
    expect(person).toHaveLength(1);
    expect(person[0]!.name).toMatch(/^xf_\d+$/);
  });

  it('keeps working after a prepared statement fails (a unique violation rolls back, the next insert succeeds)', async () => {
    const db = await open(100);
    const unit = await db.prisma.unit.create({ data: { name: '综治办', kind: 'OFFICE' } });
    await expect(db.prisma.unit.create({ data: { id: unit.id, name: '重复', kind: 'OFFICE' } })).rejects.toThrow();
    await expect(db.prisma.unit.create({ data: { name: '信访办', kind: 'OFFICE' } })).resolves.toMatchObject({ name: '信访办' });
    expect(await db.prisma.unit.count()).toBe(2);
  });

  it('names only as many distinct statements as allowed; the rest run unnamed', async () => {
    const db = await open(1);
    const rows = await db.prisma.$transaction(async (tx) => {
      await tx.person.findFirst({ where: { name: '甲' } });
      await tx.unit.findFirst({ where: { name: '乙' } });
      await tx.case.findFirst({ where: { title: '丙' } });
      return prepared(tx);
    });
    expect(rows.map((r) => r.name)).toEqual(['xf_0']);
  });

  it('prepares nothing at 0', async () => {
    const db = await open(0);
    const rows = await db.prisma.$transaction(async (tx) => {
      await tx.person.findFirst({ where: { name: '甲' } });
      return prepared(tx);
    });
    expect(rows).toEqual([]);
  });
});
