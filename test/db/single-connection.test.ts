import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMemoryDatabase, type Database } from '../../src/db/database.js';

describe('the embedded database has one connection: work inside a transaction goes through it', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openMemoryDatabase();
  });
  afterAll(() => db?.close());

  const setting = (key: string) => db.prisma.setting.findUnique({ where: { key } });

  it('a read through the client inside a transaction answers at once, and sees the transaction\'s own writes', async () => {
    const started = performance.now();
    const seen = await db.prisma.$transaction(async (tx) => {
      await tx.setting.create({ data: { key: 'in-tx', value: { a: 1 } } });
      // Before: this waited for the connection the transaction holds, until Prisma expired it (P2028, 60 s).
      return setting('in-tx');
    });
    expect(seen?.value).toEqual({ a: 1 });
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('a transaction asked for inside a transaction is the same one: its work rolls back with it', async () => {
    await expect(
      db.prisma.$transaction(async () => {
        await db.prisma.$transaction(async (inner) => inner.setting.create({ data: { key: 'nested', value: 1 } }));
        expect(await setting('nested')).not.toBeNull();
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await setting('nested')).toBeNull();
  });

  it('outside any transaction the client is itself, and concurrent work from other requests still completes', async () => {
    await db.prisma.setting.create({ data: { key: 'outside', value: 2 } });
    const [a, b] = await Promise.all([
      db.prisma.$transaction(async (tx) => (await tx.setting.findUnique({ where: { key: 'outside' } }))?.value),
      setting('outside').then((r) => r?.value),
    ]);
    expect([a, b]).toEqual([2, 2]);
  });
});
