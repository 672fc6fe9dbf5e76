import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declareScreeningPeriod } from '../../src/usecases/duties/declare-screening-period.js';
import { submitUnitReport } from '../../src/usecases/duties/submit-unit-report.js';
import { dutiesOverview } from '../../src/usecases/duties/duties-overview.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { dutyCounts } from '../support/duties.js';
import { buildTownship, type Township } from '../support/township.js';

describe.each(['postgres', 'embedded'] as const)('R17 dispute screening on %s', (kind) => {
  let t: TestDatabase;
  let town: Township;
  let regularId: string;
  let sensitiveId: string;
  beforeAll(async () => {
    t = await freshDatabase(kind);
    town = await buildTownship(t.db, '2026-11-02T09:00:00+08:00');
  });
  afterAll(() => t.drop());

  const form = (over: Record<string, unknown> = {}) => ({
    name: '11月矛盾纠纷常规排查',
    kind: 'REGULAR',
    startsOn: '2026-11-02',
    endsOn: '2026-11-20',
    reportDueOn: '2026-11-23',
    unitIds: [town.units.justice, town.units.police, town.units.villageA],
    ...over,
  });

  it('R17: the office declares a period with the units that must report; their heads are told', async () => {
    const { period, notifications } = await declareScreeningPeriod(town.deps, town.actor(town.people.office), form());
    regularId = period.id;
    expect(period).toMatchObject({ kind: 'REGULAR', startsOn: '2026-11-02', endsOn: '2026-11-20', reportDueOn: '2026-11-23' });
    expect(period.unitIds).toHaveLength(3);
    expect(notifications[0]!.kind).toBe('DUTY_OPENED');
    // 司法所 and 青山村委会 have heads; 派出所 has none, so its active members are told.
    expect(notifications[0]!.recipientIds.sort()).toEqual(
      [town.people.unitHead.id, town.people.villageCadre.id, town.people.cadre2.id, town.people.outsider.id].sort(),
    );
    expect(await t.db.prisma.auditLog.count({ where: { entityType: 'ScreeningPeriod', entityId: period.id } })).toBe(1);
  });

  it.each([
    ['a non-office person', 'unitHead', {}, 'FORBIDDEN'],
    ['an end before the start', 'office', { endsOn: '2026-11-01' }, 'VALIDATION'],
    ['a report due date already past', 'office', { startsOn: '2026-10-20', endsOn: '2026-10-30', reportDueOn: '2026-11-01' }, 'VALIDATION'],
    ['a report due before the start', 'office', { reportDueOn: '2026-11-01', startsOn: '2026-11-05' }, 'VALIDATION'],
    ['an unknown kind', 'office', { kind: 'WEEKLY' }, 'VALIDATION'],
    ['no unit', 'office', { unitIds: [] }, 'VALIDATION'],
    ['a unit listed twice', 'office', { unitIds: ['justice', 'justice'] }, 'VALIDATION'],
    ['an unknown unit', 'office', { unitIds: ['00000000-0000-4000-8000-000000000000'] }, 'NOT_FOUND'],
  ] as const)('R17: declaring with %s is refused and nothing is written', async (_label, who, over, code) => {
    const before = await dutyCounts(t);
    const o: Record<string, unknown> = { ...over };
    if (Array.isArray(o.unitIds)) o.unitIds = (o.unitIds as string[]).map((u) => (u === 'justice' ? town.units.justice : u));
    const err = await declareScreeningPeriod(town.deps, town.actor(town.people[who]), form(o)).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'DomainError', code });
    expect((err as Error).message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await dutyCounts(t)).toEqual(before);
  });

  it('R17: a unit member submits findings; a zero report carries no findings; on time is not late', async () => {
    const { report } = await submitUnitReport(town.deps, town.actor(town.people.cadre), { periodId: regularId, isZero: false, findings: '排查出土地纠纷2起，已调处1起。' });
    expect(report).toMatchObject({ unitId: town.units.justice, isZero: false, late: false, submittedById: town.people.cadre.id });
    const zero = await submitUnitReport(town.deps, town.actor(town.people.villageCadre), { periodId: regularId, isZero: true });
    expect(zero.report).toMatchObject({ unitId: town.units.villageA, isZero: true, findings: null, late: false });
  });

  it('R17: a second report for the same unit and period is refused (the first stays the record)', async () => {
    const before = await dutyCounts(t);
    await expect(submitUnitReport(town.deps, town.actor(town.people.unitHead), { periodId: regularId, isZero: true }))
      .rejects.toMatchObject({ code: 'ALREADY_DONE' });
    expect(await dutyCounts(t)).toEqual(before);
  });

  it.each([
    ['a person of another unit', 'cadre', { unitId: 'police' }, 'FORBIDDEN'],
    ['a sentiment collector', 'collector', {}, 'FORBIDDEN'],
    ['a zero report with findings', 'cadre2', { isZero: true, findings: '有纠纷' }, 'VALIDATION'],
    ['findings missing', 'cadre2', { isZero: false }, 'VALIDATION'],
    ['a unit outside the period', 'office', { unitId: 'discipline' }, 'VALIDATION'],
    ['an unknown period', 'cadre2', { periodId: '00000000-0000-4000-8000-000000000000' }, 'NOT_FOUND'],
  ] as const)('R17: a report by %s is refused and nothing is written', async (_label, who, over, code) => {
    const before = await dutyCounts(t);
    const input: Record<string, unknown> = { periodId: regularId, isZero: true, ...over };
    if ('unitId' in over) input.unitId = town.units[over.unitId];
    const err = await submitUnitReport(town.deps, town.actor(town.people[who]), input).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'DomainError', code });
    expect(await dutyCounts(t)).toEqual(before);
  });

  it('R17: the overview lists the unit that has not reported and reminds it from the working day before the due date', async () => {
    const early = await dutiesOverview(town.deps, { month: '2026-11', today: '2026-11-19' });
    const s = early.screenings.find((x) => x.periodId === regularId)!;
    expect(s.missing).toEqual([town.units.police]);
    expect(early.reminders.filter((n) => n.kind === 'SCREENING_REMINDER')).toEqual([]);
    const friday = await dutiesOverview(town.deps, { month: '2026-11', today: '2026-11-20' });
    const reminder = friday.reminders.find((n) => n.kind === 'SCREENING_REMINDER')!;
    expect(reminder.key).toBe(`screening:${regularId}:${town.units.police}:due`);
    expect(reminder.recipientIds.sort()).toEqual([town.people.cadre2.id, town.people.outsider.id].sort());
    expect(friday.pending.find((p) => p.rule === 'R17')).toMatchObject({ unitId: town.units.police, missed: false, dueOn: '2026-11-23' });
  });

  it('R17: the office reports late on a unit\'s behalf; the report is marked late', async () => {
    town.clock.set('2026-11-24T08:30:00+08:00');
    const overdue = await dutiesOverview(town.deps, { month: '2026-11' });
    expect(overdue.screenings[0]!.overdue).toEqual([town.units.police]);
    expect(overdue.reminders.find((n) => n.kind === 'SCREENING_REMINDER')).toMatchObject({ urgency: 'URGENT', key: `screening:${regularId}:${town.units.police}:overdue` });
    const { report } = await submitUnitReport(town.deps, town.actor(town.people.office), { periodId: regularId, unitId: town.units.police, isZero: true });
    expect(report.late).toBe(true);
    const after = await dutiesOverview(town.deps, { month: '2026-11' });
    expect(after.screenings[0]!.missing).toEqual([]);
    expect(after.screenings[0]!.units.find((u) => u.unitId === town.units.police)).toMatchObject({ reported: true, late: true });
  });

  it('R17: in a sensitive period a missing unit is reminded every day, holidays included, until it reports', async () => {
    town.clock.set('2026-12-25T09:00:00+08:00');
    const { period } = await declareScreeningPeriod(town.deps, town.actor(town.people.office), form({
      name: '元旦敏感期集中排查', kind: 'SENSITIVE', startsOn: '2026-12-28', endsOn: '2027-01-03', reportDueOn: '2026-12-30', unitIds: [town.units.justice],
    }));
    sensitiveId = period.id;
    await expect(submitUnitReport(town.deps, town.actor(town.people.cadre), { periodId: sensitiveId, isZero: true }))
      .rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('尚不能报送') });
    const keys = [];
    for (const today of ['2026-12-27', '2026-12-28', '2027-01-01', '2027-01-02']) {
      const o = await dutiesOverview(town.deps, { today, month: today.slice(0, 7) });
      keys.push(o.reminders.filter((n) => n.kind === 'SCREENING_REMINDER').map((n) => n.key));
    }
    expect(keys).toEqual([
      [],
      [`screening:${sensitiveId}:${town.units.justice}:2026-12-28`],
      [`screening:${sensitiveId}:${town.units.justice}:2027-01-01`],
      [`screening:${sensitiveId}:${town.units.justice}:2027-01-02`],
    ]);
    town.clock.set('2026-12-29T09:00:00+08:00');
    await submitUnitReport(town.deps, town.actor(town.people.cadre), { periodId: sensitiveId, isZero: true });
    const done = await dutiesOverview(town.deps, { today: '2026-12-30', month: '2026-12' });
    expect(done.reminders.filter((n) => n.kind === 'SCREENING_REMINDER')).toEqual([]);
  });
});
