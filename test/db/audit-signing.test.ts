import { afterEach, describe, expect, it } from 'vitest';
import { auditKeyFrom } from '../../src/db/audit/audit-key.js';
import { verifyAuditChain } from '../../src/db/audit/verify-chain.js';
import { startSignedAudit } from '../../src/usecases/audit/start-signed-audit.js';
import { intakeCase } from '../../src/usecases/intake-case.js';
import { audit } from '../../src/usecases/support/audit.js';
import { TEST_AUDIT_KEY } from '../support/audit-key.js';
import { asTableOwner, recomputeHashChain } from '../support/audit-tampering.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { databaseBeforeSigning } from '../support/legacy-audit.js';
import { buildTownship, intakeForm, type Township } from '../support/township.js';

describe.each(['postgres', 'embedded'] as const)('the signed audit log on %s (R25)', (kind) => {
  let t: TestDatabase;
  afterEach(() => t.drop());

  async function township(cases: number): Promise<Township> {
    t = await freshDatabase(kind);
    const town = await buildTownship(t.db);
    for (let i = 0; i < cases; i++) await intakeCase(town.deps, town.actor(town.people.office), intakeForm({ title: `签名测试 ${i}` }));
    return town;
  }

  it('R25: rewriting a row and recomputing the hash chain with the database\'s own function passes the hash chain but not the MACs', async () => {
    await township(4);
    await asTableOwner(t.db.sql, `UPDATE "AuditLog" SET "reason" = '改写' WHERE "seq" = 2`);
    await recomputeHashChain(t.db.sql, 2);
    // Without the key the rewrite looks like a sound chain: this is what the key is for.
    expect(await verifyAuditChain(t.db.prisma, null)).toMatchObject({ ok: true, macChecked: false });
    const result = await verifyAuditChain(t.db.prisma, TEST_AUDIT_KEY);
    expect(result.ok).toBe(false);
    expect(result.problems).toContainEqual({ seq: '2', problem: expect.stringContaining('MAC') });
  });

  it('R25: stripping the MACs to pass signed rows off as rows from before signing is detected', async () => {
    await township(3);
    await asTableOwner(t.db.sql, `UPDATE "AuditLog" SET "mac" = NULL, "macKeyId" = NULL WHERE "seq" >= 3`);
    expect((await verifyAuditChain(t.db.prisma, TEST_AUDIT_KEY)).problems).toContainEqual({ seq: '3', problem: expect.stringContaining('签名记录之后出现无签名记录') });
    await asTableOwner(t.db.sql, `UPDATE "AuditLog" SET "mac" = NULL, "macKeyId" = NULL`);
    const all = await verifyAuditChain(t.db.prisma, TEST_AUDIT_KEY);
    expect(all).toMatchObject({ ok: false, signedFrom: null });
    expect(all.problems.at(-1)!.problem).toContain('最新一条记录没有签名');
  });

  it('R25: rows signed with another key are reported as such, not verified', async () => {
    await township(2);
    const other = auditKeyFrom('another-key-of-at-least-thirty-two-characters');
    const result = await verifyAuditChain(t.db.prisma, other);
    expect(result.ok).toBe(false);
    expect(result.problems[0]!.problem).toContain(`另一密钥（编号 ${TEST_AUDIT_KEY.id}）`);
  });

  it('R25: rows appended by concurrent transactions chain one after another and verify', async () => {
    const town = await township(1);
    const office = town.actor(town.people.office);
    // Nothing else serialises these transactions (intakes would, on the case number): only the audit log's lock.
    await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        town.deps.uow.run(async (repos) => {
          await audit(repos, office, town.clock.now(), { action: 'test.concurrent', entityType: 'X', entityId: `a${i}` });
          await audit(repos, office, town.clock.now(), { action: 'test.concurrent', entityType: 'X', entityId: `b${i}` });
        }),
      ),
    );
    const rows = await t.db.prisma.auditLog.findMany({ orderBy: { seq: 'asc' }, select: { seq: true, entityId: true } });
    expect(rows.map((r) => Number(r.seq))).toEqual(rows.map((_, i) => i + 1));
    // Each transaction's two rows are next to each other: the lock is held from the first until commit.
    const concurrent = rows.filter((r) => /^[ab]\d+$/.test(r.entityId)).map((r) => r.entityId);
    for (let i = 0; i < concurrent.length; i += 2) expect(concurrent[i + 1]).toBe(concurrent[i]!.replace('a', 'b'));
    expect(await verifyAuditChain(t.db.prisma, TEST_AUDIT_KEY)).toMatchObject({ ok: true, problems: [] });
  });

  it('R25: rows from before signing followed by signed rows verify; the first signed row names the last unsigned one, and cannot be taken away', async () => {
    const legacy = await databaseBeforeSigning(kind, 3);
    t = legacy;
    await legacy.upgrade();
    expect(await verifyAuditChain(t.db.prisma, null)).toMatchObject({ ok: true, rows: 3, unsigned: 3 });
    const town = await buildTownship(t.db);
    const lastUnsigned = await t.db.prisma.auditLog.findUniqueOrThrow({ where: { seq: 3n } });
    expect(await startSignedAudit(town.deps)).toMatchObject({ seq: 3, mac: null });
    expect(await t.db.prisma.auditLog.findUniqueOrThrow({ where: { seq: 4n } })).toMatchObject({
      action: 'audit.signing_started', prevHash: lastUnsigned.hash, before: JSON.stringify({ seq: 3, hash: lastUnsigned.hash }), macKeyId: TEST_AUDIT_KEY.id,
    });
    // Started again, the log is signed already: nothing more to mark.
    expect(await startSignedAudit(town.deps)).toMatchObject({ seq: 4, keyId: TEST_AUDIT_KEY.id });
    await intakeCase(town.deps, town.actor(town.people.office), intakeForm());
    expect(await verifyAuditChain(t.db.prisma, TEST_AUDIT_KEY)).toMatchObject({ ok: true, unsigned: 3, signedFrom: '4', problems: [] });

    // The old rows are still covered: rewriting one breaks the first signed row's MAC.
    await asTableOwner(t.db.sql, `UPDATE "AuditLog" SET "entityId" = 'legacy-x' WHERE "seq" = 2`);
    await recomputeHashChain(t.db.sql, 2);
    expect((await verifyAuditChain(t.db.prisma, TEST_AUDIT_KEY)).problems).toContainEqual({ seq: '4', problem: expect.stringContaining('MAC') });
    // Deleting every signed row leaves a sound unsigned chain, but the key says rows must be signed.
    await asTableOwner(t.db.sql, `DELETE FROM "AuditLog" WHERE "seq" >= 4`);
    expect((await verifyAuditChain(t.db.prisma, TEST_AUDIT_KEY)).problems).toContainEqual({ seq: '3', problem: expect.stringContaining('最新一条记录没有签名') });
  });
});
