import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logReceptionDay } from '../../src/usecases/duties/log-reception-day.js';
import { scheduleReceptionDay } from '../../src/usecases/duties/schedule-reception-day.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { buildTownship, type Township } from '../support/township.js';

describe.each(['postgres', 'embedded'] as const)('R14 reception day log on %s', (kind) => {
  let t: TestDatabase;
  let town: Township;
  let dayId: string;
  let futureId: string;
  beforeAll(async () => {
    t = await freshDatabase(kind);
    town = await buildTownship(t.db, '2026-11-02T09:00:00+08:00');
    const office = town.actor(town.people.office);
    dayId = (await scheduleReceptionDay(town.deps, office, { leaderId: town.people.deputy.id, date: '2026-11-02', location: '接待室' })).day.id;
    futureId = (await scheduleReceptionDay(town.deps, office, { leaderId: town.people.deputy.id, date: '2026-11-09', location: '接待室' })).day.id;
  });
  afterAll(() => t.drop());

  const state = async () => ({
    logged: await t.db.prisma.receptionDay.count({ where: { loggedAt: { not: null } } }),
    audit: await t.db.prisma.auditLog.count(),
  });

  it.each([
    ['another leader', 'deputy2', 'today', {}, 'FORBIDDEN', '接访情况由当天接访的领导或信访办填报'],
    ['a day still to come', 'deputy', 'future', {}, 'VALIDATION', '尚未到'],
    ['a negative count', 'deputy', 'today', { visitors: -1 }, 'VALIDATION', '不能小于0'],
    ['no summary', 'deputy', 'today', { summary: ' ' }, 'VALIDATION', '不能为空'],
    ['an unknown day', 'deputy', 'unknown', {}, 'NOT_FOUND', '找不到该接访日'],
  ] as const)('R14: a log by %s is refused and nothing is written', async (_label, who, day, over, code, message) => {
    const before = await state();
    const err = await logReceptionDay(town.deps, town.actor(town.people[who]), { receptionDayId: { today: dayId, future: futureId, unknown: '00000000-0000-4000-8000-000000000000' }[day], visitors: 4, summary: '接待4人次', ...over }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'DomainError', code, message: expect.stringContaining(message) });
    expect(await state()).toEqual(before);
  });

  it('R14: the office logs the day for its leader, audited; a second log is refused', async () => {
    const r = await logReceptionDay(town.deps, town.actor(town.people.office), { receptionDayId: dayId, visitors: 4, summary: '接待4人次', note: null });
    expect(r.log).toMatchObject({ visitors: 4, summary: '接待4人次', note: null, loggedById: town.people.office.id });
    const row = await t.db.prisma.receptionDay.findUniqueOrThrow({ where: { id: dayId } });
    expect(row).toMatchObject({ visitors: 4, summary: '接待4人次', loggedById: town.people.office.id });
    const audit = await t.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'reception-day.log', entityId: dayId } });
    expect(audit.actorId).toBe(town.people.office.id);
    const before = await state();
    await expect(logReceptionDay(town.deps, town.actor(town.people.deputy), { receptionDayId: dayId, visitors: 5, summary: '再报' }))
      .rejects.toMatchObject({ code: 'ALREADY_DONE' });
    expect(await state()).toEqual(before);
  });
});
