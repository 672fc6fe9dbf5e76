import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { anchorFile } from '../../src/db/audit/anchor-file.js';
import { verifyAudit } from '../../src/db/audit/verify-audit.js';
import { verifyAuditChain } from '../../src/db/audit/verify-chain.js';
import { runSystemJobs } from '../../src/jobs/system-jobs.js';
import { anchorAuditHead } from '../../src/usecases/audit/anchor-audit-head.js';
import { intakeCase } from '../../src/usecases/intake-case.js';
import { TEST_AUDIT_KEY } from '../support/audit-key.js';
import { deleteTail } from '../support/audit-tampering.js';
import { captureLogger } from '../support/capture-logger.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { buildTownship, intakeForm, type Township } from '../support/township.js';

describe.each(['postgres', 'embedded'] as const)('audit anchors on %s (R25)', (kind) => {
  let t: TestDatabase;
  let town: Township;
  let dir: string;
  let file: string;
  const intake = (n: number) => Array.from({ length: n }).reduce<Promise<unknown>>((p, _, i) => p.then(() => intakeCase(town.deps, town.actor(town.people.office), intakeForm({ title: `锚点测试 ${i}` }))), Promise.resolve());
  const anchor = () => anchorAuditHead(town.deps, anchorFile(file, TEST_AUDIT_KEY));
  const verify = (key = TEST_AUDIT_KEY as typeof TEST_AUDIT_KEY | null) => verifyAudit(t.db.prisma, { key, anchorsFile: file });

  beforeEach(async () => {
    t = await freshDatabase(kind);
    town = await buildTownship(t.db);
    dir = mkdtempSync(join(tmpdir(), 'xf-anchors-'));
    file = join(dir, 'audit-anchors.jsonl');
  });
  afterEach(async () => {
    await t.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('R25: a clean chain with anchors verifies; an anchor is written when the head moved, the office gets the day\'s first', async () => {
    await intake(2);
    const first = await anchor();
    const head = await t.db.prisma.auditLog.findFirstOrThrow({ orderBy: { seq: 'desc' } });
    expect(first.anchor).toMatchObject({ seq: Number(head.seq), hash: head.hash, mac: head.mac, keyId: TEST_AUDIT_KEY.id });
    expect(first.notifications).toEqual([
      expect.objectContaining({ kind: 'AUDIT_ANCHOR', key: 'audit-anchor:2026-11-02', urgency: 'NORMAL', recipientIds: [town.people.office.id], title: '审计日志锚点' }),
    ]);
    const notice = first.notifications[0]!;
    expect(notice.body).toContain(`共 ${head.seq} 条`);
    expect(notice.body).toContain(head.mac!.slice(0, 16));
    expect(notice.body).not.toMatch(/张大明|1101011990|138123/);
    expect(await anchor()).toEqual({ anchor: null, notifications: [] });
    await intake(1);
    town.clock.advance(3600_000);
    expect((await anchor()).anchor).not.toBeNull();
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(2);
    const report = await verify();
    expect(report).toMatchObject({ ok: true, anchors: { found: true, anchors: 2, problems: [] }, chain: { ok: true, macChecked: true } });
  });

  it('R25: deleting the tail rows is detected by verify through the anchor, and by the next anchoring, which tells the office at once', async () => {
    await intake(3);
    await anchor();
    const anchored = Number((await t.db.prisma.auditLog.findFirstOrThrow({ orderBy: { seq: 'desc' } })).seq);
    await deleteTail(t.db.sql, 2);
    // What is left still links and every MAC verifies: only the anchor knows the log was longer.
    expect(await verifyAuditChain(t.db.prisma, TEST_AUDIT_KEY)).toMatchObject({ ok: true });
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.anchors.problems).toEqual(
      expect.arrayContaining([
        { seq: String(anchored), problem: expect.stringContaining('已不存在') },
        { seq: String(anchored - 2), problem: expect.stringContaining('尾部记录被删除') },
      ]),
    );
    // Without the key the anchors still catch it.
    expect((await verify(null)).anchors.ok).toBe(false);

    const next = await anchor();
    expect(next.notifications[0]).toMatchObject({ kind: 'AUDIT_TAMPERING', urgency: 'URGENT', recipientIds: [town.people.office.id], title: '审计日志与锚点不符' });
    // New rows over the cut reach the anchored seq again, but not with its hash.
    await intake(2);
    expect((await verify()).anchors.problems).toContainEqual({ seq: String(anchored), problem: expect.stringContaining('的锚点不符') });
  });

  it('R25: a forged or altered anchor line is found with the key', async () => {
    await intake(1);
    await anchor();
    const line = JSON.parse(readFileSync(file, 'utf8').trim()) as Record<string, unknown>;
    appendFileSync(file, `${JSON.stringify({ ...line, seq: 1, at: new Date().toISOString() })}\nnot json\n`);
    const report = await verify();
    expect(report.anchors.problems).toEqual([
      { seq: '锚点第 2 行 anchor line 2', problem: expect.stringContaining('签名不符') },
      { seq: '锚点第 3 行 anchor line 3', problem: expect.stringContaining('无法解析') },
    ]);
  });

  it('R25: once the log is signed, a missing anchors file fails verify', async () => {
    await intake(1);
    const report = await verify();
    expect(report).toMatchObject({ ok: false, chain: { ok: true }, anchors: { found: false } });
    expect(report.anchors.problems[0]!.problem).toContain('锚点文件不存在');
  });

  it('R25: the hourly system jobs anchor the head first and hand the notice on with the others', async () => {
    await intake(1);
    const { logger } = captureLogger();
    const run = await runSystemJobs(town.deps, logger, { anchors: anchorFile(file, TEST_AUDIT_KEY) });
    expect(run.report.auditAnchored).toBe(true);
    expect(run.notifications.map((n) => n.kind)).toContain('AUDIT_ANCHOR');
    expect((await verify()).ok).toBe(true);
  });
});
