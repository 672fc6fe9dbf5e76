import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/db/audit/verify-chain.js';
import { intakeCase } from '../../src/usecases/intake-case.js';
import { TEST_AUDIT_KEY } from '../support/audit-key.js';
import { asTableOwner } from '../support/audit-tampering.js';
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

  it('R25: every change is recorded with who, when, what and channel, chained by hash and signed with the application\'s key', async () => {
    const rows = await t.db.prisma.auditLog.findMany({ orderBy: { seq: 'asc' } });
    expect(rows.length).toBeGreaterThanOrEqual(5);
    expect(rows[0]).toMatchObject({ seq: 1n, prevHash: '0'.repeat(64), actorId: town.people.office.id, channel: 'SCRIPT', action: 'case.create', macKeyId: TEST_AUDIT_KEY.id });
    rows.slice(1).forEach((r, i) => expect(r.prevHash).toBe(rows[i]!.hash));
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.mac ?? ''))).toBe(true);
    expect(await verifyAuditChain(t.db.prisma, TEST_AUDIT_KEY)).toMatchObject({ ok: true, rows: rows.length, unsigned: 0, signedFrom: '1', macChecked: true, problems: [] });
  });

  it('R25: the database itself refuses UPDATE, DELETE and TRUNCATE of the audit log', async () => {
    await expect(t.db.prisma.auditLog.updateMany({ data: { action: 'forged' } })).rejects.toThrow(/append-only/);
    await expect(t.db.prisma.auditLog.deleteMany({})).rejects.toThrow(/append-only/);
    await expect(t.db.sql.exec('TRUNCATE "AuditLog"')).rejects.toThrow(/append-only/);
    await expect(t.db.sql.exec(`UPDATE "AuditLog" SET "reason" = 'x' WHERE "seq" = 1`)).rejects.toThrow(/append-only/);
    expect(await verifyAuditChain(t.db.prisma, TEST_AUDIT_KEY)).toMatchObject({ ok: true });
  });

  it('R25: once the log is signed the database refuses a row without a MAC, or with a MAC made for another head', async () => {
    const head = await t.db.prisma.auditLog.findFirstOrThrow({ orderBy: { seq: 'desc' } });
    const row = { at: new Date(), channel: 'SCRIPT', action: 'test', entityType: 'X', entityId: '1', hash: '' };
    await expect(t.db.prisma.auditLog.create({ data: { ...row, seq: head.seq + 1n, prevHash: head.hash } })).rejects.toThrow(/without its MAC/);
    await expect(t.db.prisma.auditLog.create({ data: { ...row, seq: head.seq, prevHash: head.prevHash, mac: 'f'.repeat(64), macKeyId: TEST_AUDIT_KEY.id } })).rejects.toThrow(/another head/);
    expect(await t.db.prisma.auditLog.count()).toBe(Number(head.seq));
    expect(await verifyAuditChain(t.db.prisma, TEST_AUDIT_KEY)).toMatchObject({ ok: true });
  });

  it('R25: tampering by someone who bypasses the triggers is detected by audit:verify', async () => {
    // A superuser can disable triggers; the hash chain and the MACs are what catch it.
    await asTableOwner(t.db.sql, `UPDATE "AuditLog" SET "reason" = '篡改' WHERE "seq" = 2`);
    const result = await verifyAuditChain(t.db.prisma, TEST_AUDIT_KEY);
    expect(result.ok).toBe(false);
    expect(result.problems).toContainEqual({ seq: '2', problem: expect.stringContaining('篡改') });
  });
});
