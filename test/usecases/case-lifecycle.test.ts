import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addProgress } from '../../src/usecases/cases/add-progress.js';
import { archiveCase } from '../../src/usecases/cases/archive-case.js';
import { assignCase } from '../../src/usecases/cases/assign-case.js';
import { decideExtension } from '../../src/usecases/cases/decide-extension.js';
import { markNeedsOwner } from '../../src/usecases/cases/mark-needs-owner.js';
import { markOverdueCases } from '../../src/usecases/cases/mark-overdue-cases.js';
import { reportUp } from '../../src/usecases/cases/report-up.js';
import { requestExtension } from '../../src/usecases/cases/request-extension.js';
import { resolveCase } from '../../src/usecases/cases/resolve-case.js';
import { intakeCase } from '../../src/usecases/intake-case.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { collectiveCase, ownedCase } from '../support/flows.js';
import { buildTownship, intakeForm, type Township } from '../support/township.js';

describe.each(['postgres', 'embedded'] as const)('case lifecycle (R5, R6, R9–R11) on %s', (kind) => {
  let t: TestDatabase;
  let town: Township;
  beforeAll(async () => {
    t = await freshDatabase(kind);
    town = await buildTownship(t.db);
  });
  afterAll(() => t.drop());
  beforeEach(() => town.clock.set('2026-11-02T09:00:00+08:00'));

  const progress = (caseId: string, tag: string, extra: Record<string, unknown> = {}) =>
    addProgress(town.deps, town.actor(town.people.cadre), { caseId, tag, content: `${tag} 进展说明`, ...extra });

  it('R5: the leading group assigns a case; progress is its feedback; report-up summarises who did what and when', async () => {
    const { case: c } = await intakeCase(town.deps, town.actor(town.people.villageCadre), intakeForm());
    await expect(assignCase(town.deps, town.actor(town.people.cadre), { caseId: c.id, unitId: town.units.justice, responsiblePersonId: town.people.cadre.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const { case: assigned, notifications } = await assignCase(town.deps, town.actor(town.people.office), { caseId: c.id, unitId: town.units.justice, responsiblePersonId: town.people.cadre.id });
    expect(assigned).toMatchObject({ status: 'IN_PROGRESS', assignedById: town.people.office.id, submittedById: town.people.villageCadre.id });
    expect(notifications[0]!.recipientIds.sort()).toEqual([town.people.cadre.id, town.people.unitHead.id].sort());
    town.clock.set('2026-11-04T10:00:00+08:00');
    await progress(c.id, 'INVESTIGATION');
    const { summary } = await reportUp(town.deps, town.actor(town.people.office), { caseId: c.id });
    expect(summary).toContain(c.number);
    expect(summary).toMatch(/呈送：卫村支书 2026-11-02；交办：王丽华 2026-11-02；反馈：吴志强 2026-11-04/);
    expect(summary).toContain('张*明');
    expect(summary).not.toContain('张大明');
    const row = await t.db.prisma.case.findUniqueOrThrow({ where: { id: c.id } });
    expect(row.reportedUpById).toBe(town.people.office.id);
  });

  it('R1: a case in the ownership scope cannot be assigned without an owner; the leading group can also mark one', async () => {
    const c = await collectiveCase(town);
    await expect(assignCase(town.deps, town.actor(town.people.office), { caseId: c.id, unitId: town.units.justice, responsiblePersonId: town.people.cadre.id })).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    const { case: plain } = await intakeCase(town.deps, town.actor(town.people.office), intakeForm());
    const { case: marked } = await markNeedsOwner(town.deps, town.actor(town.people.office), { caseId: plain.id, reason: '涉及多个部门' });
    expect(marked).toMatchObject({ status: 'AWAITING_OWNER', ownershipReasons: ['LEADING_GROUP'] });
  });

  it('R6: a case cannot close without 查办 and 落实 entries and a 保稳定 assessment; then it can', async () => {
    const c = await ownedCase(town);
    await expect(progress(c.id, 'STABILITY')).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('稳定评估') });
    await progress(c.id, 'OWNING');
    const before = await t.db.prisma.auditLog.count();
    const refused = await resolveCase(town.deps, town.actor(town.people.deputy), { caseId: c.id, resolution: '已解决' }).catch((e) => e);
    expect(refused).toMatchObject({ code: 'CLOSING_CONDITIONS' });
    expect(refused.message).toContain('包查办');
    expect(refused.message).toContain('包落实');
    expect(refused.message).toContain('保稳定');
    expect(await t.db.prisma.auditLog.count()).toBe(before);
    await progress(c.id, 'INVESTIGATION');
    await progress(c.id, 'IMPLEMENTATION');
    await expect(resolveCase(town.deps, town.actor(town.people.deputy), { caseId: c.id, resolution: '已解决' })).rejects.toMatchObject({ code: 'CLOSING_CONDITIONS' });
    await progress(c.id, 'STABILITY', { stability: 'RISK_REMAINS' });
    await progress(c.id, 'STABILITY', { stability: 'STABLE' });
    await expect(resolveCase(town.deps, town.actor(town.people.outsider), { caseId: c.id, resolution: '已解决' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const { case: resolved } = await resolveCase(town.deps, town.actor(town.people.deputy), { caseId: c.id, resolution: '补偿款已重新核算发放' });
    expect(resolved).toMatchObject({ status: 'RESOLVED', stability: 'STABLE', overdueOn: null });
  });

  it('status machine: forbidden transitions are refused with the statuses named, and change nothing', async () => {
    const { case: c } = await intakeCase(town.deps, town.actor(town.people.office), intakeForm());
    await expect(addProgress(town.deps, town.actor(town.people.office), { caseId: c.id, tag: 'OWNING', content: '进展' })).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    const err = await archiveCase(town.deps, town.actor(town.people.office), { caseId: c.id }).catch((e) => e);
    expect(err).toMatchObject({ code: 'INVALID_TRANSITION' });
    expect(err.message).toBe('案件当前状态为「登记」，不能变更为「已归档」');
    expect((await t.db.prisma.case.findUniqueOrThrow({ where: { id: c.id } })).status).toBe('REGISTERED');
  });

  it('R10/R9: an extension is requested with a reason, within the statutory ceiling, and approved by the leading group', async () => {
    const c = await ownedCase(town);
    await expect(requestExtension(town.deps, town.actor(town.people.outsider), { caseId: c.id, reason: '需要鉴定', requestedDueOn: '2026-12-21' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(requestExtension(town.deps, town.actor(town.people.cadre), { caseId: c.id, reason: '需要鉴定', requestedDueOn: '2026-11-01' })).rejects.toMatchObject({ code: 'DEADLINE_IN_PAST' });
    // accepted 2026-11-02: 60 + 30 days → 2027-01-31 (Sunday) → Monday 2027-02-01, checked when asked, not only at approval
    await expect(requestExtension(town.deps, town.actor(town.people.cadre), { caseId: c.id, reason: '需要第三方测量鉴定', requestedDueOn: '2027-02-26' }))
      .rejects.toMatchObject({ code: 'DEADLINE_BEYOND_LIMIT', message: expect.stringMatching(/申请延期至不能晚于法定最长期限 2027-02-01（受理后60日加延期30日，R9）/) });
    const { extension } = await requestExtension(town.deps, town.actor(town.people.cadre), { caseId: c.id, reason: '需要第三方测量鉴定', requestedDueOn: '2027-02-01' });
    await expect(decideExtension(town.deps, town.actor(town.people.deputy), { extensionId: extension.id, approve: true, reason: '同意' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const decided = await decideExtension(town.deps, town.actor(town.people.office), { extensionId: extension.id, approve: true, reason: '测量鉴定需时，告知信访人延期理由' });
    expect(decided).toMatchObject({ grantedDueOn: '2027-02-01', capped: false });
    expect(decided.case).toMatchObject({ status: 'EXTENDED', dueOn: '2027-02-01', dueRule: 'R10_EXTENSION' });
  });

  it('R10: only one extension per case, and a decided request cannot be decided again', async () => {
    const c = await ownedCase(town);
    const { extension } = await requestExtension(town.deps, town.actor(town.people.deputy), { caseId: c.id, reason: '协调中', requestedDueOn: '2026-12-10' });
    await expect(requestExtension(town.deps, town.actor(town.people.deputy), { caseId: c.id, reason: '再次', requestedDueOn: '2026-12-11' })).rejects.toMatchObject({ code: 'CONFLICT' });
    const { case: ext } = await decideExtension(town.deps, town.actor(town.people.office), { extensionId: extension.id, approve: true, reason: '同意' });
    expect(ext.dueOn).toBe('2026-12-10');
    await expect(decideExtension(town.deps, town.actor(town.people.office), { extensionId: extension.id, approve: false, reason: '不同意' })).rejects.toMatchObject({ code: 'ALREADY_DONE' });
    await expect(requestExtension(town.deps, town.actor(town.people.deputy), { caseId: c.id, reason: '再次', requestedDueOn: '2026-12-20' })).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
  });

  it('R11: overdue open cases are marked once, and a case resolved late keeps the fact', async () => {
    const c = await ownedCase(town);
    town.clock.set('2026-12-01T09:00:00+08:00');
    const marked = await markOverdueCases(town.deps);
    expect(marked).toContain(c.id);
    expect((await t.db.prisma.case.findUniqueOrThrow({ where: { id: c.id } })).overdueOn?.toISOString().slice(0, 10)).toBe('2026-12-01');
    expect(await markOverdueCases(town.deps)).not.toContain(c.id);
    for (const tag of ['INVESTIGATION', 'IMPLEMENTATION']) await progress(c.id, tag);
    await progress(c.id, 'STABILITY', { stability: 'STABLE' });
    const { case: resolved } = await resolveCase(town.deps, town.actor(town.people.deputy), { caseId: c.id, resolution: '已办结' });
    expect(resolved.overdueOn).toBe('2026-12-01');
  });
});
