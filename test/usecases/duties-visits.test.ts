import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logVisit } from '../../src/usecases/duties/log-visit.js';
import { dutiesOverview } from '../../src/usecases/duties/duties-overview.js';
import { intakeCase } from '../../src/usecases/intake-case.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { dutyCounts } from '../support/duties.js';
import { buildTownship, intakeForm, type Township } from '../support/township.js';

describe.each(['postgres', 'embedded'] as const)('R15 monthly village visits on %s', (kind) => {
  let t: TestDatabase;
  let town: Township;
  beforeAll(async () => {
    t = await freshDatabase(kind);
    // The township links 孙副镇长 (deputy) to 青山村 and makes 陈片长 (areaLeader) lead the area of both villages.
    town = await buildTownship(t.db, '2026-12-21T09:00:00+08:00');
  });
  afterAll(() => t.drop());

  it('R15: before any visit, on Monday 2026-12-21 (the 20th was a Sunday) both linked leaders are reminded', async () => {
    const o = await dutiesOverview(town.deps, { month: '2026-12' });
    expect(o.visits).toHaveLength(1);
    expect(o.visits[0]!.reminderOn).toBe('2026-12-21');
    expect(o.visits[0]!.toRemind.sort()).toEqual([town.people.deputy.id, town.people.areaLeader.id].sort());
    expect(o.reminders.filter((n) => n.kind === 'VISIT_REMINDER').map((n) => n.key).sort()).toEqual(
      [`visit:${town.people.deputy.id}:2026-12`, `visit:${town.people.areaLeader.id}:2026-12`].sort(),
    );
    const sunday = await dutiesOverview(town.deps, { month: '2026-12', today: '2026-12-20' });
    expect(sunday.reminders.filter((n) => n.kind === 'VISIT_REMINDER')).toEqual([]);
  });

  it('R15: a leader logs a visit with people met and cases taken, which are linked to the visit', async () => {
    const office = town.actor(town.people.office);
    const { case: c } = await intakeCase(town.deps, office, intakeForm({ source: 'LEADER_VISIT', villageId: town.villages.a }));
    const { visit } = await logVisit(town.deps, town.actor(town.people.deputy), {
      villageId: town.villages.a, date: '2026-12-18', peopleMet: '村两委、三组群众代表', note: '了解灌溉纠纷', caseIds: [c.id],
    });
    expect(visit).toMatchObject({ leaderId: town.people.deputy.id, villageId: town.villages.a, date: '2026-12-18' });
    expect((await t.db.prisma.case.findUnique({ where: { id: c.id } }))!.visitId).toBe(visit.id);
    expect(await t.db.prisma.auditLog.count({ where: { caseId: c.id, action: 'case.link-visit' } })).toBe(1);
    const o = await dutiesOverview(town.deps, { month: '2026-12' });
    const status = Object.fromEntries(o.visits[0]!.leaders.map((l) => [l.leaderId, l.status]));
    expect(status[town.people.deputy.id]).toBe('VISITED');
    expect(status[town.people.areaLeader.id]).toBe('MISSING');
  });

  it('R15: the office may log a visit for a leader; the area leader visiting any village of the area counts', async () => {
    await logVisit(town.deps, town.actor(town.people.office), { leaderId: town.people.areaLeader.id, villageId: town.villages.b, date: '2026-12-21' });
    const o = await dutiesOverview(town.deps, { month: '2026-12' });
    expect(o.visits[0]!.toRemind).toEqual([]);
  });

  it('R15: a past month with no visit is a gap in the overview', async () => {
    const o = await dutiesOverview(town.deps, { month: '2026-11' });
    expect(o.visits[0]!.gaps.sort()).toEqual([town.people.deputy.id, town.people.areaLeader.id].sort());
    expect(o.pending.filter((p) => p.rule === 'R15').every((p) => p.missed)).toBe(true);
    expect(o.reminders.filter((n) => n.kind === 'VISIT_REMINDER')).toEqual([]);
  });

  it.each([
    ['a cadre (not a leader)', 'cadre', {}, 'FORBIDDEN'],
    ['a leader logging for another leader', 'deputy2', { leaderId: 'deputy' }, 'FORBIDDEN'],
    ['the office without naming the leader', 'office', {}, 'VALIDATION'],
    ['a date in the future', 'deputy', { date: '2026-12-22' }, 'VALIDATION'],
    ['a date more than 31 days ago', 'deputy', { date: '2026-11-19' }, 'VALIDATION'],
    ['an unknown village', 'deputy', { villageId: '00000000-0000-4000-8000-000000000000' }, 'NOT_FOUND'],
    ['an unknown case', 'deputy', { caseIds: ['00000000-0000-4000-8000-000000000000'] }, 'NOT_FOUND'],
  ] as const)('R15: logging a visit by %s is refused and nothing is written', async (_label, who, over, code) => {
    const before = await dutyCounts(t);
    const input: Record<string, unknown> = { villageId: town.villages.a, date: '2026-12-20', ...over };
    if ('leaderId' in over) input.leaderId = town.people[over.leaderId].id;
    const err = await logVisit(town.deps, town.actor(town.people[who]), input).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'DomainError', code });
    expect((err as Error).message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await dutyCounts(t)).toEqual(before);
  });

  it('R15: a case already taken on another visit is refused, and the whole visit is not written', async () => {
    const linked = (await t.db.prisma.case.findFirst({ where: { visitId: { not: null } } }))!;
    const before = await dutyCounts(t);
    await expect(logVisit(town.deps, town.actor(town.people.deputy), { villageId: town.villages.a, date: '2026-12-20', caseIds: [linked.id] }))
      .rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await dutyCounts(t)).toEqual(before);
  });
});
