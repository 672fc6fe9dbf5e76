import pg from 'pg';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anchorFile } from '../../src/db/audit/anchor-file.js';
import { verifyAudit } from '../../src/db/audit/verify-audit.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { MigrationError } from '../../src/db/migrate.js';
import { APP_TABLE_PRIVILEGES } from '../../src/db/roles/app-grants.js';
import { databaseRole } from '../../src/db/roles/database-role.js';
import { runSystemJobs } from '../../src/jobs/system-jobs.js';
import { addPetitioner } from '../../src/usecases/cases/add-petitioner.js';
import { addProgress } from '../../src/usecases/cases/add-progress.js';
import { correctPetitioner } from '../../src/usecases/cases/correct-petitioner.js';
import { removePetitioner } from '../../src/usecases/cases/remove-petitioner.js';
import { resolveCase } from '../../src/usecases/cases/resolve-case.js';
import { viewCase } from '../../src/usecases/cases/view-case.js';
import { startSignedAudit } from '../../src/usecases/audit/start-signed-audit.js';
import { removeCalendarOverride, setCalendarOverride } from '../../src/usecases/settings/set-calendar-override.js';
import { TEST_AUDIT_KEY } from '../support/audit-key.js';
import { databaseWithRoles, type RoleDatabase } from '../support/app-role.js';
import { captureLogger } from '../support/capture-logger.js';
import { ownedCase } from '../support/flows.js';
import { buildTownship, type Township } from '../support/township.js';

// The production setup of the README: scripts/sql/create-roles.sql makes an owner and an
// application role, `npm run db:migrate` migrates as the owner and grants the application role.

async function asRole(url: string, sql: string): Promise<unknown> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'xf-role-anchors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the application\'s database role (R25)', () => {
  let roles: RoleDatabase;
  let app: Database;
  let town: Township;
  beforeAll(async () => {
    roles = await databaseWithRoles();
    app = await openDatabase({ databaseUrl: roles.appUrl });
    town = await buildTownship(app);
  });
  afterAll(async () => {
    await app.close();
    await roles.drop();
  });

  it('R25: the app role owns nothing and is no superuser; every table has its privileges defined, the audit log INSERT and SELECT only', async () => {
    expect(await databaseRole(app.sql)).toMatchObject({ user: roles.appRole, superuser: false, owner: false, canCreate: false });
    const tables = (await app.sql.query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`)).map((t) => t.tablename);
    expect(tables.sort()).toEqual(Object.keys(APP_TABLE_PRIVILEGES).sort());
    const grants = await app.sql.query<{ table_name: string; privilege_type: string }>(
      `SELECT table_name, privilege_type FROM information_schema.role_table_grants WHERE grantee = $1 AND table_schema = 'public' ORDER BY privilege_type`,
      [roles.appRole],
    );
    const of = (table: string) => grants.filter((g) => g.table_name === table).map((g) => g.privilege_type);
    expect(of('AuditLog')).toEqual(['INSERT', 'SELECT']);
    expect(of('ProgressEntry')).toEqual(['INSERT', 'SELECT']);
    expect(of('Setting')).toEqual(['DELETE', 'INSERT', 'SELECT', 'UPDATE']);
  });

  it('R25: the app role does its normal work: use cases that write audit rows, the system jobs, the anchor, audit:verify', async () => {
    await startSignedAudit(town.deps);
    const c = await ownedCase(town);
    const cadre = town.actor(town.people.cadre);
    for (const tag of ['OWNING', 'INVESTIGATION', 'IMPLEMENTATION']) await addProgress(town.deps, cadre, { caseId: c.id, tag, content: `${tag} 进展` });
    await addProgress(town.deps, cadre, { caseId: c.id, tag: 'STABILITY', content: '稳定', stability: 'STABLE' });
    await resolveCase(town.deps, town.actor(town.people.deputy), { caseId: c.id, resolution: '已解决' });
    await viewCase(town.deps, town.actor(town.people.office), { caseId: c.id, full: true, context: 'CONSOLE' });
    const office = town.actor(town.people.office);
    await setCalendarOverride(town.deps, office, { date: '2026-12-24', isWorkingDay: false });
    await removeCalendarOverride(town.deps, office, { date: '2026-12-24' });
    const anchors = join(dir, 'audit-anchors.jsonl');
    const run = await runSystemJobs(town.deps, captureLogger().logger, { anchors: anchorFile(anchors, TEST_AUDIT_KEY) });
    expect(run.report.auditAnchored).toBe(true);
    expect(await verifyAudit(app.prisma, { key: TEST_AUDIT_KEY, anchorsFile: anchors })).toMatchObject({ ok: true, chain: { problems: [] }, anchors: { problems: [] } });
    expect(await app.prisma.auditLog.count()).toBeGreaterThan(8);
  });

  it('R25: the app role cannot update, delete or truncate audit rows, nor disable or drop the triggers, nor change an append-only table', async () => {
    const refused = (sql: string) => expect(asRole(roles.appUrl, sql), sql).rejects.toThrow(/permission denied|must be owner/);
    await refused(`UPDATE "AuditLog" SET "reason" = 'x' WHERE "seq" = 1`);
    await refused(`DELETE FROM "AuditLog" WHERE "seq" = (SELECT max("seq") FROM "AuditLog")`);
    await refused(`TRUNCATE "AuditLog"`);
    await refused(`ALTER TABLE "AuditLog" DISABLE TRIGGER USER`);
    await refused(`ALTER TABLE "AuditLog" DISABLE TRIGGER audit_log_no_update_delete`);
    await refused(`DROP TRIGGER audit_log_chain ON "AuditLog"`);
    await refused(`CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$`);
    await refused(`UPDATE "ProgressEntry" SET "content" = 'x'`);
    await refused(`CREATE TABLE "Shadow" (id int)`);
    // The owner can: which is why the application must not be it, and why the chain is signed.
    await expect(asRole(roles.ownerUrl, `ALTER TABLE "AuditLog" DISABLE TRIGGER USER; ALTER TABLE "AuditLog" ENABLE TRIGGER USER`)).resolves.toBeDefined();
  });

  it('R25: the app role corrects a petitioner by a new row and marks the old one superseded — it cannot rewrite, unmark or delete a row', async () => {
    const c = await ownedCase(town);
    const [first] = await app.prisma.petitioner.findMany({ where: { caseId: c.id } });
    const office = town.actor(town.people.office);
    const { petitioner } = await correctPetitioner(town.deps, office, { caseId: c.id, petitionerId: first!.id, phone: '13912345678' });
    await removePetitioner(town.deps, office, { caseId: c.id, petitionerId: (await addPetitioner(town.deps, office, { caseId: c.id, name: '李四' })).petitioner.id });
    expect((await app.prisma.petitioner.findMany({ where: { caseId: c.id, supersededAt: null } })).map((p) => p.id)).toEqual([petitioner.id]);
    await expect(asRole(roles.appUrl, `UPDATE "Petitioner" SET "name" = 'x' WHERE "id" = '${petitioner.id}'`)).rejects.toThrow(/permission denied/);
    await expect(asRole(roles.appUrl, `DELETE FROM "Petitioner" WHERE "id" = '${petitioner.id}'`)).rejects.toThrow(/permission denied/);
    await expect(asRole(roles.appUrl, `UPDATE "Petitioner" SET "supersededAt" = NULL WHERE "id" = '${first!.id}'`)).rejects.toThrow(/kept as written/);
    // Not even the owner edits a row in place: the trigger stands for every role.
    await expect(asRole(roles.ownerUrl, `UPDATE "Petitioner" SET "phone" = '1' WHERE "id" = '${petitioner.id}'`)).rejects.toThrow(/kept as written/);
  });

  it('the application with the app role does not migrate: with a migration pending it stops and says who must run db:migrate', async () => {
    await asRole(roles.ownerUrl, `DELETE FROM "_prisma_migrations" WHERE migration_name = (SELECT max(migration_name) FROM "_prisma_migrations")`);
    const err = await openDatabase({ databaseUrl: roles.appUrl }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MigrationError);
    expect((err as Error).message).toMatch(/不是表的所有者，不能迁移.*npm run db:migrate/);
  });
});

describe('an existing database, migrated by the superuser, handed over to the owner (create-roles.sql adopt_from)', () => {
  let roles: RoleDatabase;
  beforeAll(async () => {
    roles = await databaseWithRoles({ existing: true });
  });
  afterAll(() => roles.drop());

  it('R25: the owner now owns every table, type and function; the app role works and cannot touch the audit log', async () => {
    const owners = (await asRole(roles.ownerUrl, `
      SELECT DISTINCT pg_get_userbyid(relowner) AS owner FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'S')
      UNION SELECT DISTINCT pg_get_userbyid(typowner) FROM pg_type WHERE typnamespace = 'public'::regnamespace AND typtype = 'e'
      UNION SELECT DISTINCT pg_get_userbyid(proowner) FROM pg_proc WHERE pronamespace = 'public'::regnamespace`)) as { rows: { owner: string }[] };
    expect(owners.rows.map((r) => r.owner)).toEqual([roles.appRole.replace(/_app$/, '_owner')]);
    const app = await openDatabase({ databaseUrl: roles.appUrl });
    try {
      const town = await buildTownship(app);
      await ownedCase(town);
      expect(await verifyAudit(app.prisma, { key: TEST_AUDIT_KEY, anchorsFile: join(dir, 'none.jsonl') })).toMatchObject({ chain: { ok: true } });
    } finally {
      await app.close();
    }
    await expect(asRole(roles.appUrl, `DELETE FROM "AuditLog"`)).rejects.toThrow(/permission denied/);
    await expect(asRole(roles.appUrl, `ALTER TABLE "AuditLog" DISABLE TRIGGER USER`)).rejects.toThrow(/must be owner/);
  });
});
