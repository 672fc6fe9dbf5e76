import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { officeFigures, overdueTrendAt } from '../../src/db/queries/figures.js';
import type { CaseStatus } from '../../src/domain/model.js';
import { toDbDate } from '../../src/lib/local-date.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { buildTownship, type Township } from '../support/township.js';

interface Row {
  key: string;
  status: CaseStatus;
  received: string;
  dueOn: string | null;
  resolved?: string;
  village?: 'a' | 'b';
}

// Times are Beijing time. Each case is open and past its deadline at the month ends noted.
const ROWS: Row[] = [
  // 2025-11-30 and 2025-12-31; resolved in January.
  { key: 'T', status: 'FOLLOWED_UP', received: '2025-10-01T10:00:00+08:00', dueOn: '2025-11-15', resolved: '2026-01-20T10:00:00+08:00', village: 'a' },
  // From 2026-02-28 on: never resolved.
  { key: 'P', status: 'IN_PROGRESS', received: '2026-01-10T10:00:00+08:00', dueOn: '2026-02-15', village: 'a' },
  // Due on 03-31 itself: not overdue that day; overdue on 04-30; resolved in May.
  { key: 'Q', status: 'RESOLVED', received: '2026-03-05T10:00:00+08:00', dueOn: '2026-03-31', resolved: '2026-05-10T10:00:00+08:00', village: 'b' },
  // Resolved late on 30 April (Beijing): not open at the end of that day.
  { key: 'R1', status: 'RESOLVED', received: '2026-04-01T10:00:00+08:00', dueOn: '2026-04-20', resolved: '2026-04-30T23:30:00+08:00' },
  // Resolved 00:30 on 1 May in Beijing, still 30 April in UTC: open at the end of 30 April.
  { key: 'R2', status: 'ARCHIVED', received: '2026-04-01T10:00:00+08:00', dueOn: '2026-04-20', resolved: '2026-05-01T00:30:00+08:00' },
  // Referred with a deadline already past, received 00:10 on 1 July (Beijing): from July on, not June.
  { key: 'S', status: 'IN_PROGRESS', received: '2026-07-01T00:10:00+08:00', dueOn: '2026-06-29' },
  // No deadline: never overdue.
  { key: 'V', status: 'REGISTERED', received: '2026-02-01T10:00:00+08:00', dueOn: null },
  // Overdue only after the last month end before today.
  { key: 'W', status: 'IN_PROGRESS', received: '2026-10-25T10:00:00+08:00', dueOn: '2026-11-10' },
];

async function seed(t: TestDatabase, town: Township) {
  let seq = 0;
  for (const r of ROWS) {
    seq += 1;
    await t.db.prisma.case.create({
      data: {
        number: `XF-2026-${String(seq).padStart(4, '0')}`, year: 2026, seq, title: `案件${r.key}`, content: `案件${r.key}的内容`,
        source: 'VISIT', status: r.status, receivedAt: new Date(r.received),
        dueOn: r.dueOn ? toDbDate(r.dueOn) : null, resolvedAt: r.resolved ? new Date(r.resolved) : null,
        villageId: r.village ? town.villages[r.village] : null,
      },
    });
  }
}

const trend = (points: { monthEnd: string; open: number }[]) => points.map((p) => `${p.monthEnd}:${p.open}`);

describe.each(['postgres', 'embedded'] as const)('office figures on %s', (kind) => {
  let t: TestDatabase;
  let town: Township;
  beforeAll(async () => {
    t = await freshDatabase(kind);
    town = await buildTownship(t.db);
    await seed(t, town);
  });
  afterAll(() => t.drop());

  it('R11: the overdue trend counts, at each of the twelve month ends before today, the cases open and past their deadline then', async () => {
    const f = await officeFigures(t.db.prisma, { year: 2026, today: '2026-11-20' });
    expect(trend(f.overdueTrend)).toEqual([
      '2025-11-30:1', '2025-12-31:1', '2026-01-31:0', '2026-02-28:1', '2026-03-31:1', '2026-04-30:3',
      '2026-05-31:1', '2026-06-30:1', '2026-07-31:2', '2026-08-31:2', '2026-09-30:2', '2026-10-31:2',
    ]);
    expect(f.overdueTrend[0]).toEqual({ month: '2025-11', monthEnd: '2025-11-30', open: 1 });
  });

  it('R11: on a month\'s last day that day is the last point of the trend', async () => {
    const points = await overdueTrendAt(t.db.prisma, '2026-11-30');
    expect(points.map((p) => p.monthEnd)).toHaveLength(12);
    expect(trend(points).slice(0, 1)).toEqual(['2025-12-31:1']);
    // P, S and W (due 11-10) at the end of November.
    expect(trend(points).slice(-1)).toEqual(['2026-11-30:3']);
  });

  it('R11: a past year\'s figures show that year\'s month ends, January to December', async () => {
    const f = await officeFigures(t.db.prisma, { year: 2025, today: '2026-11-20' });
    expect(f.overdueTrend.map((p) => p.month)).toEqual(['2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12']);
    expect(f.overdueTrend.map((p) => p.open)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1]);
    expect(f.total).toBe(1);
  });

  it('the year\'s counts by status, source, village and month are the office statistics', async () => {
    const f = await officeFigures(t.db.prisma, { year: 2026, today: '2026-11-20' });
    expect(f.total).toBe(7);
    expect(f.byMonth).toEqual([1, 1, 1, 2, 0, 0, 1, 0, 0, 1, 0, 0]);
    expect(f.byStatus).toMatchObject({ IN_PROGRESS: 3, RESOLVED: 2, ARCHIVED: 1, REGISTERED: 1, FOLLOWED_UP: 0 });
    expect(f.bySource.VISIT).toBe(7);
    expect(f.byVillage.map((v) => [v.villageName, v.count])).toEqual([['河口村', 1], ['青山村', 1], ['未关联村', 5]]);
    expect(f.overdue).toEqual({ total: 3, open: 3, resolvedLate: 0 });
  });

  it('refuses a date that is not one', async () => {
    await expect(officeFigures(t.db.prisma, { year: 2026, today: '2026-02-30' })).rejects.toThrow('not a date');
  });
});
