import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/db/audit-verify.js';
import { intakeCase } from '../../src/usecases/intake-case.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { buildTownship, intakeForm, type Township } from '../support/township.js';

describe.each(['postgres', 'embedded'] as const)('audit log on %s (R25)', (kind) => {
  let t: TestDatabase;
  let town: Township;
  beforeAll(async () => {
    t = await freshDatabase(kind);
    town = await buildTownship(t.db);
    for (let i = 0; i < 5; i++) await intakeCase(town.deps, town.actor(town.people.office), intakeForm({ title: `审计测试 ${i}`, headcount: i + 3 }));
  });
  afterAll(() => t.drop());

  it('R25: every change is recorded with who, when, what and channel, chained by hash', async () => {
    const rows = await t.db.prisma.auditLog.findMany({ orderBy: { seq: 'asc' } });
    expect(rows.length).toBeGreaterThanOrEqual(5);
    expect(rows[0]).toMatchObject({ seq: 1n, prevHash: '0'.repeat(64), actorId: town.people.office.id, channel: 'SCRIPT', action: 'case.create' });
    rows.slice(1).forEach((r, i) => expect(r.prevHash).toBe(rows[i]!.hash));
    expect(await verifyAuditChain(t.db.prisma)).toMatchObject({ ok: true, rows: rows.length, problems: [] });
  });

  it('R25: the database itself refuses UPDATE, DELETE and TRUNCATE of the audit log', async () => {
    await expect(t.db.prisma.auditLog.updateMany({ data: { action: 'forged' } })).rejects.toThrow(/append-only/);
    await expect(t.db.prisma.auditLog.deleteMany({})).rejects.toThrow(/append-only/);
    await expect(t.db.sql.exec('TRUNCATE "AuditLog"')).rejects.toThrow(/append-only/);
    await expect(t.db.sql.exec(`UPDATE "AuditLog" SET "reason" = 'x' WHERE "seq" = 1`)).rejects.toThrow(/append-only/);
    expect(await verifyAuditChain(t.db.prisma)).toMatchObject({ ok: true });
  });

  it('R25: the chain fields cannot be forged by the application: the trigger sets them', async () => {
    await t.db.prisma.auditLog.create({
      data: { at: new Date(), channel: 'SCRIPT', action: 'test', entityType: 'X', entityId: '1', seq: 999n, prevHash: 'forged', hash: 'forged' },
    });
    const last = await t.db.prisma.auditLog.findFirstOrThrow({ orderBy: { seq: 'desc' } });
    expect(last.hash).not.toBe('forged');
    expect(last.seq).not.toBe(999n);
    expect(await verifyAuditChain(t.db.prisma)).toMatchObject({ ok: true });
  });

  it('R25: tampering by someone who bypasses the triggers is detected by audit:verify', async () => {
    // A superuser can disable triggers; the hash chain is what catches it.
    await t.db.sql.exec(`ALTER TABLE "AuditLog" DISABLE TRIGGER USER;
      UPDATE "AuditLog" SET "reason" = '篡改' WHERE "seq" = 2;
      ALTER TABLE "AuditLog" ENABLE TRIGGER USER;`);
    const result = await verifyAuditChain(t.db.prisma);
    expect(result.ok).toBe(false);
    expect(result.problems).toContainEqual({ seq: '2', problem: expect.stringContaining('篡改') });
  });
});
