import { SYSTEM_SCOPE } from '../../src/domain/privacy/case-scope.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { myOpenCases } from '../../src/db/queries/my-open-cases.js';
import { officeStatistics } from '../../src/db/queries/office-statistics.js';
import { overdueCases } from '../../src/db/queries/overdue-cases.js';
import type { CaseSource, CaseStatus } from '../../src/domain/model.js';
import { toDbDate } from '../../src/lib/local-date.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { buildTownship, type Township } from '../support/township.js';

const TODAY = '2026-11-20';

interface Row {
  key: string;
  status: CaseStatus;
  source: CaseSource;
  received: string;
  dueOn: string | null;
  village?: 'a' | 'b';
  owner?: 'deputy' | 'deputy2';
  responsible?: 'cadre' | 'deputy';
  resolved?: string;
  overdueOn?: string;
}

// A small office with every shape the queries must tell apart; times are Beijing time.
const ROWS: Row[] = [
  { key: 'A', status: 'IN_PROGRESS', source: 'VISIT', received: '2026-10-01T10:00:00+08:00', dueOn: '2026-11-10', village: 'a', owner: 'deputy', responsible: 'cadre' },
  { key: 'B', status: 'IN_PROGRESS', source: 'LETTER', received: '2026-10-15T10:00:00+08:00', dueOn: '2026-11-25', village: 'b', owner: 'deputy' },
  { key: 'C', status: 'EXTENDED', source: 'PHONE', received: '2026-09-10T10:00:00+08:00', dueOn: '2026-12-20', village: 'a', owner: 'deputy2', responsible: 'cadre' },
  { key: 'D', status: 'RESOLVED', source: 'VISIT', received: '2026-08-20T10:00:00+08:00', dueOn: '2026-10-01', village: 'b', owner: 'deputy', resolved: '2026-10-05T15:00:00+08:00', overdueOn: '2026-10-02' },
  { key: 'E', status: 'ARCHIVED', source: 'RECEPTION_DAY', received: '2026-05-03T10:00:00+08:00', dueOn: '2026-06-30', village: 'a', owner: 'deputy', resolved: '2026-06-20T15:00:00+08:00' },
  { key: 'F', status: 'REGISTERED', source: 'ONLINE', received: '2026-11-02T10:00:00+08:00', dueOn: '2026-11-19' },
  { key: 'G', status: 'AWAITING_OWNER', source: 'VISIT', received: '2026-11-03T10:00:00+08:00', dueOn: '2026-11-20', village: 'a' },
  { key: 'H', status: 'FOLLOWED_UP', source: 'REFERRED', received: '2026-06-01T10:00:00+08:00', dueOn: '2026-07-31', village: 'b', resolved: '2026-08-05T10:00:00+08:00', overdueOn: '2026-08-01' },
  // Beijing-time year boundary: 23:30 on 31 Dec is 2025; 00:10 on 1 Jan is 2026 although both are 2025 in UTC.
  { key: 'I', status: 'IN_PROGRESS', source: 'VISIT', received: '2025-12-31T23:30:00+08:00', dueOn: '2026-02-10', owner: 'deputy' },
  { key: 'J', status: 'ARCHIVED', source: 'SCREENING', received: '2026-01-01T00:10:00+08:00', dueOn: '2026-02-28', village: 'a', resolved: '2026-02-01T10:00:00+08:00' },
  { key: 'K', status: 'IN_PROGRESS', source: 'LEADER_VISIT', received: '2026-11-01T00:30:00+08:00', dueOn: null, owner: 'deputy', responsible: 'deputy' },
];

async function seed(t: TestDatabase, town: Township): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  let seq = 0;
  for (const r of ROWS) {
    seq += 1;
    const c = await t.db.prisma.case.create({
      data: {
        number: `XF-2026-${String(seq).padStart(4, '0')}`,
        year: 2026,
        seq,
        title: `案件${r.key}`,
        content: `案件${r.key}的内容`,
        source: r.source,
        status: r.status,
        receivedAt: new Date(r.received),
        dueOn: r.dueOn ? toDbDate(r.dueOn) : null,
        overdueOn: r.overdueOn ? toDbDate(r.overdueOn) : null,
        resolvedAt: r.resolved ? new Date(r.resolved) : null,
        villageId: r.village ? town.villages[r.village] : null,
        ownerLeaderId: r.owner ? town.people[r.owner].id : null,
        responsiblePersonId: r.responsible ? town.people[r.responsible].id : null,
        unitId: r.responsible === 'cadre' ? town.units.justice : null,
      },
    });
    ids[r.key] = c.id;
  }
  return ids;
}

describe.each(['postgres', 'embedded'] as const)('read-side queries on %s', (kind) => {
  let t: TestDatabase;
  let town: Township;
  let ids: Record<string, string>;
  const keyOf = (id: string) => Object.entries(ids).find(([, v]) => v === id)?.[0];

  beforeAll(async () => {
    t = await freshDatabase(kind);
    town = await buildTownship(t.db);
    ids = await seed(t, town);
  });
  afterAll(() => t.drop());

  it('R2: a leader sees the open cases they own or work on, most urgent first, with the R11 overdue flag', async () => {
    const mine = await myOpenCases(t.db.prisma, town.people.deputy, { today: TODAY, scope: SYSTEM_SCOPE });
    expect(mine.total).toBe(4);
    expect(mine.overdue).toBe(2);
    expect(mine.cases.map((c) => [keyOf(c.id), c.dueOn, c.overdue, c.daysOverdue, c.role])).toEqual([
      ['I', '2026-02-10', true, 283, 'OWNER'],
      ['A', '2026-11-10', true, 10, 'OWNER'],
      ['B', '2026-11-25', false, 0, 'OWNER'],
      ['K', null, false, 0, 'BOTH'],
    ]);
    const a = mine.cases[1]!;
    expect(a).toMatchObject({ number: 'XF-2026-0001', title: '案件A', status: 'IN_PROGRESS', source: 'VISIT', villageName: '青山村' });
    expect(a.receivedAt.toISOString()).toBe('2026-10-01T02:00:00.000Z');
  });

  it('R2: a responsible person sees the cases they work on, whoever owns them', async () => {
    const mine = await myOpenCases(t.db.prisma, town.people.cadre, { today: TODAY, scope: SYSTEM_SCOPE });
    expect(mine.cases.map((c) => [keyOf(c.id), c.status, c.overdue, c.role])).toEqual([
      ['A', 'IN_PROGRESS', true, 'RESPONSIBLE'],
      ['C', 'EXTENDED', false, 'RESPONSIBLE'],
    ]);
    expect(mine.total).toBe(2);
    expect(mine.overdue).toBe(1);
  });

  it('a unit head\'s 我的 holds the open cases of the unit they head, marked as the unit\'s (R19 territorial too); a member who is no head does not', async () => {
    const p = town.people;
    const head = await myOpenCases(t.db.prisma, p.unitHead, { today: TODAY, scope: SYSTEM_SCOPE });
    expect(head.cases.map((c) => [keyOf(c.id), c.role, c.responsiblePersonId, c.overdue])).toEqual([
      ['A', 'UNIT', p.cadre.id, true],
      ['C', 'UNIT', p.cadre.id, false],
    ]);
    expect(head).toMatchObject({ total: 2, overdue: 1 });
    await t.db.prisma.case.update({ where: { id: ids.B! }, data: { territorialUnitId: town.units.justice, functionalUnitId: town.units.police } });
    try {
      const withB = await myOpenCases(t.db.prisma, p.unitHead, { today: TODAY, scope: SYSTEM_SCOPE });
      expect(withB.cases.map((c) => [keyOf(c.id), c.role])).toEqual([['A', 'UNIT'], ['B', 'TERRITORIAL'], ['C', 'UNIT']]);
      expect((await myOpenCases(t.db.prisma, p.cadre2, { today: TODAY, scope: SYSTEM_SCOPE })).cases).toEqual([]);
    } finally {
      await t.db.prisma.case.update({ where: { id: ids.B! }, data: { territorialUnitId: null, functionalUnitId: null } });
    }
  });

  it('a limited list still counts every open case of the person', async () => {
    const mine = await myOpenCases(t.db.prisma, town.people.deputy, { today: TODAY, limit: 2, scope: SYSTEM_SCOPE });
    expect(mine.cases.map((c) => keyOf(c.id))).toEqual(['I', 'A']);
    expect(mine).toMatchObject({ total: 4, overdue: 2 });
    const none = await myOpenCases(t.db.prisma, town.people.mayor, { today: TODAY, scope: SYSTEM_SCOPE });
    expect(none).toEqual({ total: 0, overdue: 0, cases: [] });
  });

  it('R11: the overdue list holds open cases past their deadline, not one due today', async () => {
    const list = await overdueCases(t.db.prisma, TODAY, { scope: SYSTEM_SCOPE });
    expect(list.open).toBe(3);
    expect(list.resolvedLate).toBe(0);
    expect(list.cases.map((c) => [keyOf(c.id), c.state, c.dueOn, c.overdueSince, c.daysOverdue])).toEqual([
      ['I', 'OPEN', '2026-02-10', '2026-02-11', 283],
      ['A', 'OPEN', '2026-11-10', '2026-11-11', 10],
      ['F', 'OPEN', '2026-11-19', '2026-11-20', 1],
    ]);
    expect(list.cases[1]).toMatchObject({
      ownerLeaderName: '孙副镇长',
      responsiblePersonName: '吴志强',
      unitName: '司法所',
      villageName: '青山村',
      resolvedAt: null,
    });
  });

  it('R11: on request the list keeps closed cases whose record says they were late', async () => {
    const list = await overdueCases(t.db.prisma, TODAY, { includeResolvedLate: true, scope: SYSTEM_SCOPE });
    expect(list).toMatchObject({ open: 3, resolvedLate: 2 });
    expect(list.cases.map((c) => [keyOf(c.id), c.state, c.status, c.overdueSince, c.daysOverdue])).toEqual([
      ['I', 'OPEN', 'IN_PROGRESS', '2026-02-11', 283],
      ['A', 'OPEN', 'IN_PROGRESS', '2026-11-11', 10],
      ['F', 'OPEN', 'REGISTERED', '2026-11-20', 1],
      ['H', 'RESOLVED_LATE', 'FOLLOWED_UP', '2026-08-01', 5],
      ['D', 'RESOLVED_LATE', 'RESOLVED', '2026-10-02', 4],
    ]);
    expect(list.cases[4]!.resolvedAt?.toISOString()).toBe('2026-10-05T07:00:00.000Z');
    const limited = await overdueCases(t.db.prisma, TODAY, { includeResolvedLate: true, limit: 1, scope: SYSTEM_SCOPE });
    expect(limited.cases).toHaveLength(1);
    expect(limited).toMatchObject({ open: 3, resolvedLate: 2 });
  });

  it('office statistics count the year by status, source, village and Beijing month of receipt', async () => {
    const s = await officeStatistics(t.db.prisma, { year: 2026, today: TODAY });
    expect(s.total).toBe(10);
    expect(s.byStatus).toEqual({
      REGISTERED: 1, AWAITING_OWNER: 1, AWAITING_APPROVAL: 0, IN_PROGRESS: 3, EXTENDED: 1,
      RESOLVED: 1, FOLLOWED_UP: 1, ARCHIVED: 2, RETURNED: 0,
    });
    expect(s.bySource).toEqual({
      VISIT: 3, LETTER: 1, ONLINE: 1, PHONE: 1, RECEPTION_DAY: 1, LEADER_VISIT: 1, REFERRED: 1, SENTIMENT: 0, SCREENING: 1,
    });
    expect(s.byMonth).toEqual([1, 0, 0, 0, 1, 1, 0, 1, 1, 2, 3, 0]);
    expect(s.byVillage).toEqual([
      { villageId: town.villages.a, villageName: '青山村', areaName: '东片区', count: 5 },
      { villageId: town.villages.b, villageName: '河口村', areaName: '东片区', count: 3 },
      { villageId: null, villageName: '未关联村', areaName: null, count: 2 },
    ]);
    expect(s.overdue).toEqual({ total: 4, open: 2, resolvedLate: 2 });
  });

  it('R11: statistics of the previous year hold the case received late on New Year\'s Eve', async () => {
    const s = await officeStatistics(t.db.prisma, { year: 2025, today: TODAY });
    expect(s.total).toBe(1);
    expect(s.byStatus.IN_PROGRESS).toBe(1);
    expect(s.byMonth[11]).toBe(1);
    expect(s.byVillage.map((v) => [v.villageName, v.count])).toEqual([['河口村', 0], ['青山村', 0], ['未关联村', 1]]);
    expect(s.overdue).toEqual({ total: 1, open: 1, resolvedLate: 0 });
    const empty = await officeStatistics(t.db.prisma, { year: 2024, today: TODAY });
    expect(empty.total).toBe(0);
    expect(empty.overdue).toEqual({ total: 0, open: 0, resolvedLate: 0 });
  });
});
