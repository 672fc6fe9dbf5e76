import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dutiesOverview } from '../../src/usecases/duties/duties-overview.js';
import { logVisit } from '../../src/usecases/duties/log-visit.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { buildTownship, type Township } from '../support/township.js';

describe.each(['postgres', 'embedded'] as const)('R12–R17 duties overview on %s', (kind) => {
  let t: TestDatabase;
  let town: Township;
  beforeAll(async () => {
    t = await freshDatabase(kind);
    town = await buildTownship(t.db, '2026-12-18T09:00:00+08:00');
  });
  afterAll(() => t.drop());

  it('R12: late in a quarter with no meeting the office is reminded, once per quarter by key', async () => {
    const o = await dutiesOverview(town.deps, {});
    expect(o.range).toMatchObject({ kind: 'QUARTER', label: '2026Q4', start: '2026-10-01', end: '2026-12-31' });
    const r = o.reminders.filter((n) => n.kind === 'MEETING_REMINDER');
    expect(r).toEqual([expect.objectContaining({ key: 'meeting:2026Q4', recipientIds: [town.people.office.id] })]);
  });

  it('R15: a quarter overview shows each of its months: past ones as gaps, the running one as missing', async () => {
    await logVisit(town.deps, town.actor(town.people.deputy), { villageId: town.villages.a, date: '2026-12-01' });
    const o = await dutiesOverview(town.deps, { quarter: '2026Q4' });
    expect(o.visits.map((m) => m.month)).toEqual(['2026-10', '2026-11', '2026-12']);
    const deputy = (m: number) => o.visits[m]!.leaders.find((l) => l.leaderId === town.people.deputy.id)!.status;
    expect([deputy(0), deputy(1), deputy(2)]).toEqual(['GAP', 'GAP', 'VISITED']);
    // 2026-12-18 is before the 20th: nobody is reminded yet.
    expect(o.reminders.filter((n) => n.kind === 'VISIT_REMINDER')).toEqual([]);
    const areaLeaderTodo = o.pending.filter((p) => p.personIds.includes(town.people.areaLeader.id));
    expect(areaLeaderTodo.map((p) => [p.rule, p.missed])).toEqual([['R15', true], ['R15', true], ['R15', false]]);
  });

  it.each([
    [{ month: '2026-12', quarter: '2026Q4' }, '只能选一个'],
    [{ month: '2026-13' }, '月份格式'],
    [{ quarter: '2026Q5' }, '季度格式'],
    [{ today: '2026-02-30' }, '日期格式'],
  ])('R12–R17: the overview refuses %j', async (input, message) => {
    await expect(dutiesOverview(town.deps, input)).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining(message) });
  });
});
