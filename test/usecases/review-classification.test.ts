import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizeCase } from '../../src/domain/authorization.js';
import { DomainError } from '../../src/domain/errors.js';
import { classifyCase } from '../../src/usecases/review/classify-case.js';
import { intakeCase } from '../../src/usecases/intake-case.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { buildTownship, intakeForm, type Township } from '../support/township.js';

describe.each(['postgres', 'embedded'] as const)('R26 classification on %s', (kind) => {
  let t: TestDatabase;
  let town: Township;
  beforeAll(async () => {
    t = await freshDatabase(kind);
    town = await buildTownship(t.db);
  });
  afterAll(() => t.drop());

  const intake = async () => (await intakeCase(town.deps, town.actor(town.people.office), intakeForm())).case;
  const counts = async () => ({ audit: await t.db.prisma.auditLog.count(), cases: await t.db.prisma.case.findMany({ orderBy: { id: 'asc' } }) });

  it('R26: the office classifies a case as 申诉求决; the status does not change; the change is audited', async () => {
    const c = await intake();
    const { case: classified, changed, routedToDiscipline, notifications } = await classifyCase(town.deps, town.actor(town.people.office), {
      caseId: c.id,
      classification: 'CLAIM',
    });
    expect({ changed, routedToDiscipline, notifications }).toEqual({ changed: true, routedToDiscipline: false, notifications: [] });
    expect(classified).toMatchObject({ classification: 'CLAIM', status: c.status });
    const audit = await t.db.prisma.auditLog.findFirstOrThrow({ where: { caseId: c.id, action: 'case.classify' } });
    expect(JSON.parse(audit.before!)).toEqual({ classification: null });
    expect(audit.reason).toContain('申诉求决');
    // The same classification again changes nothing and writes nothing.
    const before = await t.db.prisma.auditLog.count();
    expect((await classifyCase(town.deps, town.actor(town.people.office), { caseId: c.id, classification: 'CLAIM' })).changed).toBe(false);
    expect(await t.db.prisma.auditLog.count()).toBe(before);
  });

  it('R26: an accusation is routed to discipline inspection and its material never reaches the accused', async () => {
    const c = await intake();
    const { case: routed, routedToDiscipline, notifications } = await classifyCase(town.deps, town.actor(town.people.office), {
      caseId: c.id,
      classification: 'ACCUSATION',
      accusedPersonId: town.people.cadre2.id,
      accusedUnitId: town.units.police,
    });
    expect(routedToDiscipline).toBe(true);
    expect(routed).toMatchObject({ classification: 'ACCUSATION', unitId: town.units.discipline, accusedUnitId: town.units.police, status: c.status });
    expect(notifications).toEqual([
      expect.objectContaining({ kind: 'ACCUSATION_ROUTED', recipientIds: [town.people.discipline.id], caseId: c.id }),
    ]);
    expect(JSON.stringify(notifications)).not.toContain('张大明');
    // The accused person and their unit's members are refused; discipline and the office may read it.
    for (const p of [town.people.cadre2, town.people.outsider]) {
      expect(authorizeCase(p, 'VIEW', routed)).toEqual({ allowed: false, reason: '该信访事项涉及您本人或本单位，依规回避' });
    }
    expect(authorizeCase(town.people.discipline, 'VIEW', routed).allowed).toBe(true);
    expect(authorizeCase(town.people.office, 'VIEW', routed).allowed).toBe(true);
    // The accused cannot classify it back either.
    await expect(classifyCase(town.deps, town.actor(town.people.cadre2), { caseId: c.id, classification: 'SUGGESTION' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('R26: an accusation against the discipline unit itself is not assigned to it, and its inspectors are not told', async () => {
    const c = await intake();
    const { case: routed, notifications } = await classifyCase(town.deps, town.actor(town.people.office), {
      caseId: c.id,
      classification: 'ACCUSATION',
      accusedUnitId: town.units.discipline,
    });
    expect(routed.unitId).toBeNull();
    expect(notifications).toEqual([]);
  });

  it('R26: only the office classifies; bad input is refused in Chinese and nothing changes', async () => {
    const c = await intake();
    const before = await counts();
    const refusals: [() => Promise<unknown>, object][] = [
      [() => classifyCase(town.deps, town.actor(town.people.cadre), { caseId: c.id, classification: 'CLAIM' }), { code: 'FORBIDDEN', message: expect.stringContaining('信访办') }],
      [() => classifyCase(town.deps, town.actor(town.people.office), { caseId: c.id, classification: 'OTHER' }), { code: 'VALIDATION', message: expect.stringContaining('性质分类') }],
      [() => classifyCase(town.deps, town.actor(town.people.office), { caseId: 'x', classification: 'CLAIM' }), { code: 'VALIDATION', message: expect.stringContaining('案件') }],
      [
        () => classifyCase(town.deps, town.actor(town.people.office), { caseId: c.id, classification: 'ACCUSATION', accusedPersonId: '00000000-0000-4000-8000-000000000000' }),
        { code: 'UNKNOWN_PERSON', message: '被反映人不存在' },
      ],
    ];
    for (const [p, expected] of refusals) {
      const e = await p().catch((x: unknown) => x);
      expect(e).toBeInstanceOf(DomainError);
      expect(e).toMatchObject(expected);
    }
    expect(await counts()).toEqual(before);
  });
});
