import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anchorFile } from '../../src/db/audit/anchor-file.js';
import { anchorAuditHead } from '../../src/usecases/audit/anchor-audit-head.js';
import { intakeCase } from '../../src/usecases/intake-case.js';
import { TEST_AUDIT_KEY, TEST_AUDIT_SECRET } from '../support/audit-key.js';
import { deleteTail } from '../support/audit-tampering.js';
import { freshPostgres, type TestDatabase } from '../support/database.js';
import { buildTownship, intakeForm } from '../support/township.js';

/** `npm run audit:verify` as an operator runs it: its exit code and what it prints. */
function auditVerify(env: Record<string, string>, args: string[] = []): Promise<{ code: number | null; out: string }> {
  const clean = { ...process.env };
  delete clean.AUDIT_KEY;
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts', ...args], { env: { ...clean, ...env } }, (err, stdout, stderr) => {
      resolve({ code: err ? (err.code as number) : 0, out: stdout + stderr });
    });
  });
}

describe('npm run audit:verify (R25)', () => {
  let t: TestDatabase;
  const dir = mkdtempSync(join(tmpdir(), 'xf-verify-'));
  const anchors = join(dir, 'audit-anchors.jsonl');
  beforeAll(async () => {
    t = await freshPostgres();
    const town = await buildTownship(t.db);
    for (let i = 0; i < 3; i++) await intakeCase(town.deps, town.actor(town.people.office), intakeForm({ title: `核验 ${i}` }));
    await anchorAuditHead(town.deps, anchorFile(anchors, TEST_AUDIT_KEY));
  });
  afterAll(async () => {
    await t.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('R25: exits 0 on an intact log with its anchors, 2 without the key, 1 once the tail is deleted — saying so in Chinese and English', async () => {
    const env = { DATABASE_URL: t.url, AUDIT_ANCHOR_FILE: anchors };
    const clean = await auditVerify({ ...env, AUDIT_KEY: TEST_AUDIT_SECRET });
    expect(clean.code, clean.out).toBe(0);
    expect(clean.out).toContain('✔ 审计日志完整，与锚点一致 audit log intact and consistent with its anchors');
    expect(clean.out).toContain(`编号 id ${TEST_AUDIT_KEY.id}`);

    const keyless = await auditVerify(env);
    expect(keyless.code, keyless.out).toBe(2);
    expect(keyless.out).toContain('MACs not checked');

    await deleteTail(t.db.sql, 1);
    const cut = await auditVerify({ DATABASE_URL: t.url, AUDIT_KEY: TEST_AUDIT_SECRET }, ['--anchors', anchors]);
    expect(cut.code, cut.out).toBe(1);
    expect(cut.out).toMatch(/✘ 发现 \d+ 处问题/);
    expect(cut.out).toContain('tail');
  });
});
