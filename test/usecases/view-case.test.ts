import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { viewCase } from '../../src/usecases/cases/view-case.js';
import { intakeCase } from '../../src/usecases/intake-case.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { ownedCase } from '../support/flows.js';
import { buildTownship, intakeForm, type Township } from '../support/township.js';

describe.each(['postgres', 'embedded'] as const)('viewing a case (R24) on %s', (kind) => {
  let t: TestDatabase;
  let town: Township;
  let caseId: string;
  beforeAll(async () => {
    t = await freshDatabase(kind);
    town = await buildTownship(t.db);
    caseId = (await ownedCase(town)).id;
  });
  afterAll(() => t.drop());

  const fullViews = () => t.db.prisma.auditLog.count({ where: { action: 'case.view_personal_data', caseId } });

  it('R24: a group card shows masked personal data and no audit entry is needed', async () => {
    const before = await fullViews();
    const v = await viewCase(town.deps, town.actor(town.people.unitHead), { caseId, context: 'GROUP' });
    expect(v.petitioners[0]).toMatchObject({ name: '张*明', phone: '138****5678', idNumber: '1101**********4514' });
    expect(v.personalDataVisible).toBe(false);
    expect(await fullViews()).toBe(before);
  });

  it('R24: the responsible person sees full details in 1:1, and the view is audited', async () => {
    const v = await viewCase(town.deps, town.actor(town.people.cadre), { caseId, context: 'DIRECT', full: true });
    expect(v.petitioners[0]).toMatchObject({ name: '张大明', phone: '13812345678', idNumber: '110101199003074514' });
    const audit = await t.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'case.view_personal_data', caseId }, orderBy: { seq: 'desc' } });
    expect(audit.actorId).toBe(town.people.cadre.id);
  });

  it('R24: full details are refused in a group chat and to a unit head not assigned to the case, without audit noise', async () => {
    const before = await fullViews();
    await expect(viewCase(town.deps, town.actor(town.people.cadre), { caseId, context: 'GROUP', full: true })).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('单聊') });
    await expect(viewCase(town.deps, town.actor(town.people.unitHead), { caseId, context: 'DIRECT', full: true })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await fullViews()).toBe(before);
  });

  it('R24: the person complained about cannot open the case at all; others outside it are refused too', async () => {
    const { case: c } = await intakeCase(town.deps, town.actor(town.people.office), intakeForm({ accusedPersonId: town.people.deputy.id, title: '反映副镇长作风问题' }));
    await expect(viewCase(town.deps, town.actor(town.people.deputy), { caseId: c.id, context: 'DIRECT' })).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('回避') });
    await expect(viewCase(town.deps, town.actor(town.people.outsider), { caseId, context: 'DIRECT' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('a case is found by its number; the view lists the actions this person may take', async () => {
    const c = await t.db.prisma.case.findUniqueOrThrow({ where: { id: caseId } });
    const v = await viewCase(town.deps, town.actor(town.people.deputy), { number: c.number.toLowerCase(), context: 'DIRECT' });
    expect(v.case.id).toBe(caseId);
    expect(v.allowedActions).toEqual(expect.arrayContaining(['ADD_PROGRESS', 'REQUEST_EXTENSION', 'RESOLVE', 'PROPOSE_TRANSFER', 'VIEW_PERSONAL_DATA']));
    expect(v.allowedActions).not.toContain('DECIDE_OWNERSHIP');
    expect(v.overdue).toMatchObject({ overdue: false, workingDaysLeft: 20 });
    await expect(viewCase(town.deps, town.actor(town.people.deputy), { number: 'XF-2026-9999', context: 'DIRECT' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(viewCase(town.deps, town.actor(town.people.deputy), { number: '42', context: 'DIRECT' })).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});
