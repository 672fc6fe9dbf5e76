import { caseScope, SYSTEM_SCOPE } from '../../src/domain/privacy/case-scope.js';
import { searchesPersonalData } from '../../src/domain/privacy/disclosure.js';
import type { Person } from '../../src/domain/model.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEDGER_PAGE_MAX, ledgerCases, ledgerPageWindow, type LedgerFilter } from '../../src/db/queries/ledger.js';
import type { CaseSource, CaseStatus } from '../../src/domain/model.js';
import { toDbDate } from '../../src/lib/local-date.js';
import { intakeCase } from '../../src/usecases/intake-case.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { buildTownship, intakeForm, type Township } from '../support/township.js';

const TODAY = '2026-11-20';

interface Spec {
  key: string;
  title: string;
  source: CaseSource;
  received: string;
  status: CaseStatus;
  dueOn: string | null;
  village?: 'a' | 'b';
  owner?: 'deputy' | 'deputy2';
  unit?: 'justice' | 'police';
  responsible?: 'cadre' | 'cadre2';
  resolved?: string;
  overdueOn?: string;
  petitioners?: { name: string; idNumber?: string; phone?: string }[];
  headcount?: number;
}

// Taken in through intake (numbers, petitioners), then put into shape as a row factory. Beijing times.
const SPECS: Spec[] = [
  { key: 'A', title: '宅基地边界纠纷', source: 'VISIT', received: '2026-11-01T23:30:00+08:00', status: 'IN_PROGRESS', dueOn: '2026-11-10', village: 'a', owner: 'deputy', unit: 'justice', responsible: 'cadre', headcount: 5,
    petitioners: [{ name: '张大明', idNumber: '110101199003074514', phone: '13812345678' }, { name: '李小红', phone: '13900001111' }] },
  // 00:10 on 2 Nov in Beijing is still 1 Nov in UTC: it belongs to 2 Nov.
  { key: 'B', title: '拖欠农民工工资', source: 'LETTER', received: '2026-11-02T00:10:00+08:00', status: 'IN_PROGRESS', dueOn: '2026-11-25', village: 'b', owner: 'deputy2', unit: 'police', responsible: 'cadre2' },
  { key: 'C', title: '养殖场污染环境（PM2.5超标）', source: 'VISIT', received: '2026-10-31T23:59:00+08:00', status: 'RESOLVED', dueOn: '2026-11-05', village: 'a', owner: 'deputy', unit: 'justice', resolved: '2026-11-08T10:00:00+08:00', overdueOn: '2026-11-06' },
  { key: 'D', title: '低保评定有异议', source: 'PHONE', received: '2026-09-15T10:00:00+08:00', status: 'ARCHIVED', dueOn: '2026-10-10', village: 'a', resolved: '2026-10-01T10:00:00+08:00' },
  { key: 'E', title: '村务公开不到位', source: 'ONLINE', received: '2026-11-19T09:00:00+08:00', status: 'REGISTERED', dueOn: null },
  // Due today: not overdue yet (R11 counts from the day after the deadline).
  { key: 'F', title: '土地流转租金未兑现', source: 'REFERRED', received: '2026-08-01T10:00:00+08:00', status: 'EXTENDED', dueOn: '2026-11-20', village: 'b', owner: 'deputy', unit: 'justice' },
  { key: 'G', title: '邻里排水纠纷（50%赔偿）', source: 'SENTIMENT', received: '2026-07-01T10:00:00+08:00', status: 'FOLLOWED_UP', dueOn: '2026-08-01', village: 'b', owner: 'deputy2', unit: 'police', resolved: '2026-08-10T16:00:00+08:00', overdueOn: '2026-08-02' },
];

async function seed(t: TestDatabase, town: Township): Promise<Record<string, { id: string; number: string }>> {
  const out: Record<string, { id: string; number: string }> = {};
  for (const s of SPECS) {
    const { case: c } = await intakeCase(town.deps, town.actor(town.people.office), intakeForm({
      title: s.title, source: s.source, receivedAt: s.received, headcount: s.headcount,
      ...(s.petitioners ? { petitioners: s.petitioners } : {}),
    }));
    await t.db.prisma.case.update({
      where: { id: c.id },
      data: {
        status: s.status,
        dueOn: s.dueOn ? toDbDate(s.dueOn) : null,
        villageId: s.village ? town.villages[s.village] : null,
        ownerLeaderId: s.owner ? town.people[s.owner].id : null,
        unitId: s.unit ? town.units[s.unit] : null,
        responsiblePersonId: s.responsible ? town.people[s.responsible].id : null,
        resolvedAt: s.resolved ? new Date(s.resolved) : null,
        overdueOn: s.overdueOn ? toDbDate(s.overdueOn) : null,
      },
    });
    out[s.key] = { id: c.id, number: c.number };
  }
  return out;
}

/** The system reading every case, searching petitioners too (the viewer-bound access has its own tests). */
const ALL = { scope: SYSTEM_SCOPE, searchPersonalData: true };

describe.each(['postgres', 'embedded'] as const)('ledger (台账) query on %s', (kind) => {
  let t: TestDatabase;
  let town: Township;
  let cases: Record<string, { id: string; number: string }>;
  const keyOf = (id: string) => Object.entries(cases).find(([, v]) => v.id === id)?.[0];
  const keys = async (filter: Partial<LedgerFilter>, page = { limit: 100, offset: 0 }) => {
    const r = await ledgerCases(t.db.prisma, { today: TODAY, ...filter }, page, ALL);
    return { total: r.total, keys: r.rows.map((row) => keyOf(row.id)) };
  };

  beforeAll(async () => {
    t = await freshDatabase(kind);
    town = await buildTownship(t.db, '2026-11-20T10:00:00+08:00');
    cases = await seed(t, town);
  });
  afterAll(() => t.drop());

  it('lists every case newest receipt first, with names, Beijing dates and the raw petitioners', async () => {
    const all = await ledgerCases(t.db.prisma, { today: TODAY }, { limit: 100, offset: 0 }, ALL);
    expect(all.total).toBe(7);
    expect(all.rows.map((r) => keyOf(r.id))).toEqual(['E', 'B', 'A', 'C', 'D', 'F', 'G']);
    const a = all.rows[2]!;
    expect(a).toEqual({
      id: cases.A!.id,
      number: cases.A!.number,
      title: '宅基地边界纠纷',
      source: 'VISIT',
      status: 'IN_PROGRESS',
      complexity: 'GENERAL',
      receivedOn: '2026-11-01',
      villageName: '青山村',
      unitName: '司法所',
      ownerLeaderName: '孙副镇长',
      responsiblePersonName: '吴志强',
      dueOn: '2026-11-10',
      overdueState: 'OPEN',
      overdueDays: 10,
      resolvedOn: null,
      headcount: 5,
      petitionersPending: false,
      petitioners: [
        { name: '张大明', phone: '13812345678', idNumber: '110101199003074514', address: null },
        { name: '李小红', phone: '13900001111', idNumber: null, address: null },
      ],
      formerPetitioners: [],
    });
    const e = all.rows[0]!;
    expect(e).toMatchObject({ villageName: null, unitName: null, ownerLeaderName: null, responsiblePersonName: null, dueOn: null, overdueState: null, overdueDays: 0 });
    expect(all.rows[3]).toMatchObject({ status: 'RESOLVED', resolvedOn: '2026-11-08', receivedOn: '2026-10-31' });
  });

  it('each filter narrows the ledger, and filters combine', async () => {
    expect(await keys({ status: ['IN_PROGRESS', 'EXTENDED'] })).toEqual({ total: 3, keys: ['B', 'A', 'F'] });
    expect(await keys({ status: [] })).toEqual({ total: 0, keys: [] });
    expect(await keys({ villageId: town.villages.a })).toEqual({ total: 3, keys: ['A', 'C', 'D'] });
    expect(await keys({ unitId: town.units.police })).toEqual({ total: 2, keys: ['B', 'G'] });
    expect(await keys({ leaderId: town.people.deputy.id })).toEqual({ total: 3, keys: ['A', 'C', 'F'] });
    expect(await keys({ source: 'VISIT' })).toEqual({ total: 2, keys: ['A', 'C'] });
    expect(await keys({ source: 'VISIT', status: ['RESOLVED'], villageId: town.villages.a })).toEqual({ total: 1, keys: ['C'] });
    expect(await keys({ leaderId: town.people.deputy.id, unitId: town.units.police })).toEqual({ total: 0, keys: [] });
  });

  it('R11: overdue open, resolved late or either; days to today or to the resolution; due today is not overdue', async () => {
    expect(await keys({ overdue: 'open' })).toEqual({ total: 1, keys: ['A'] });
    expect(await keys({ overdue: 'resolved-late' })).toEqual({ total: 2, keys: ['C', 'G'] });
    expect(await keys({ overdue: 'any' })).toEqual({ total: 3, keys: ['A', 'C', 'G'] });
    const late = await ledgerCases(t.db.prisma, { today: TODAY, overdue: 'any' }, { limit: 10, offset: 0 }, ALL);
    expect(late.rows.map((r) => [keyOf(r.id), r.overdueState, r.overdueDays])).toEqual([
      ['A', 'OPEN', 10],
      ['C', 'RESOLVED_LATE', 3],
      ['G', 'RESOLVED_LATE', 9],
    ]);
    // The same open case a day later is one more day overdue, and F (due 11-20) joins it.
    const tomorrow = await ledgerCases(t.db.prisma, { today: '2026-11-21', overdue: 'open' }, { limit: 10, offset: 0 }, ALL);
    expect(tomorrow.rows.map((r) => [keyOf(r.id), r.overdueDays])).toEqual([['A', 11], ['F', 1]]);
    const d = (await ledgerCases(t.db.prisma, { today: TODAY, q: '低保' }, { limit: 1, offset: 0 }, ALL)).rows[0]!;
    expect(d).toMatchObject({ overdueState: null, overdueDays: 0, resolvedOn: '2026-10-01' });
  });

  it('received from/to are Beijing calendar days, both inclusive: 23:30 on 1 Nov is 1 Nov, 00:10 on 2 Nov is 2 Nov', async () => {
    expect(await keys({ receivedFrom: '2026-11-01', receivedTo: '2026-11-01' })).toEqual({ total: 1, keys: ['A'] });
    expect(await keys({ receivedFrom: '2026-11-02' })).toEqual({ total: 2, keys: ['E', 'B'] });
    expect(await keys({ receivedTo: '2026-10-31' })).toEqual({ total: 4, keys: ['C', 'D', 'F', 'G'] });
    expect(await keys({ receivedFrom: '2026-11-02', receivedTo: '2026-11-18' })).toEqual({ total: 1, keys: ['B'] });
  });

  it('q finds text in the number or the title, case-insensitively, with LIKE wildcards taken literally', async () => {
    expect(await keys({ q: cases.E!.number })).toEqual({ total: 1, keys: ['E'] });
    expect(await keys({ q: cases.E!.number.toLowerCase() })).toEqual({ total: 1, keys: ['E'] });
    expect(await keys({ q: '纠纷' })).toEqual({ total: 2, keys: ['A', 'G'] });
    expect(await keys({ q: 'pm2.5' })).toEqual({ total: 1, keys: ['C'] });
    expect(await keys({ q: '50%' })).toEqual({ total: 1, keys: ['G'] });
    expect(await keys({ q: '%' })).toEqual({ total: 1, keys: ['G'] });
    expect(await keys({ q: '_' })).toEqual({ total: 0, keys: [] });
    expect(await keys({ q: '   ' })).toEqual({ total: 7, keys: ['E', 'B', 'A', 'C', 'D', 'F', 'G'] });
    expect(await keys({ q: '纠纷', villageId: town.villages.a })).toEqual({ total: 1, keys: ['A'] });
  });

  it('pages keep the order and the total of all matches', async () => {
    expect(await keys({}, { limit: 3, offset: 0 })).toEqual({ total: 7, keys: ['E', 'B', 'A'] });
    expect(await keys({}, { limit: 3, offset: 3 })).toEqual({ total: 7, keys: ['C', 'D', 'F'] });
    expect(await keys({}, { limit: 3, offset: 6 })).toEqual({ total: 7, keys: ['G'] });
    expect(await keys({}, { limit: 3, offset: 9 })).toEqual({ total: 7, keys: [] });
    expect(await keys({ overdue: 'any' }, { limit: 2, offset: 1 })).toEqual({ total: 3, keys: ['C', 'G'] });
  });

  it('a console page is at most 500 rows; a garbled page number reads as the first page; bad input is refused', async () => {
    expect(ledgerPageWindow(2, 3)).toEqual({ limit: 3, offset: 3 });
    expect(ledgerPageWindow(Number.NaN)).toEqual({ limit: 50, offset: 0 });
    expect(ledgerPageWindow(-4, 20)).toEqual({ limit: 20, offset: 0 });
    expect(ledgerPageWindow(1, 100_000)).toEqual({ limit: LEDGER_PAGE_MAX, offset: 0 });
    const q = (filter: Partial<LedgerFilter>, page = { limit: 10, offset: 0 }) => ledgerCases(t.db.prisma, { today: TODAY, ...filter }, page, ALL);
    await expect(q({}, { limit: 0, offset: 0 })).rejects.toThrow(/limit/);
    await expect(q({}, { limit: 10, offset: -1 })).rejects.toThrow(/offset/);
    await expect(q({ status: ['NOPE' as CaseStatus] })).rejects.toThrow(/status/);
    await expect(q({ source: 'NOPE' as CaseSource })).rejects.toThrow(/source/);
    await expect(q({ receivedFrom: '2026-02-30' })).rejects.toThrow(/date/);
    await expect(q({ today: '20261120' })).rejects.toThrow(/date/);
  });
});

describe('R24/R26: the ledger of one reader', () => {
  let t: TestDatabase;
  let town: Township;
  let named: { id: string; number: string };
  let accusation: { id: string; number: string };
  const ids = async (viewer: Person, q?: string) => {
    const access = { scope: caseScope(viewer, 'CONSOLE_LIST'), searchPersonalData: searchesPersonalData(viewer) };
    return (await ledgerCases(t.db.prisma, { today: TODAY, ...(q ? { q } : {}) }, { limit: 100, offset: 0 }, access)).rows.map((r) => r.id);
  };

  beforeAll(async () => {
    t = await freshDatabase('postgres');
    town = await buildTownship(t.db, '2026-11-20T10:00:00+08:00');
    const office = town.actor(town.people.office);
    named = (await intakeCase(town.deps, office, intakeForm({ title: '郑俊杰与邻居排水纠纷', petitioners: [{ name: '郑俊杰', phone: '13912345678', isPrimary: true }] }))).case;
    accusation = (await intakeCase(town.deps, office, intakeForm({ title: '反映副镇长作风问题', accusedPersonId: town.people.deputy.id }))).case;
    await t.db.prisma.case.update({ where: { id: accusation.id }, data: { classification: 'ACCUSATION' } });
  });
  afterAll(() => t.drop());

  it('R24: the person an accusation names never finds it in the ledger; a principal leader and the office do', async () => {
    expect(await ids(town.people.deputy)).not.toContain(accusation.id);
    expect(await ids(town.people.mayor)).toContain(accusation.id);
    expect(await ids(town.people.office)).toContain(accusation.id);
  });

  it('R26: an approver reads every ordinary case but no accusation', async () => {
    const seen = await ids(town.people.approver);
    expect(seen).toContain(named.id);
    expect(seen).not.toContain(accusation.id);
  });

  it('R24: a search by a petitioner name finds the case for the office only; others cannot learn whom a masked title names', async () => {
    expect(await ids(town.people.office, '郑俊杰')).toEqual([named.id]);
    expect(await ids(town.people.office, '13912345678')).toEqual([named.id]);
    expect(await ids(town.people.mayor, '郑俊杰')).toEqual([]);
    expect(await ids(town.people.mayor, '俊杰')).toEqual([]);
    expect(await ids(town.people.mayor, '排水纠纷')).toEqual([named.id]);
    expect(await ids(town.people.mayor, named.number)).toEqual([named.id]);
  });
});

describe('the ledger order', () => {
  let t: TestDatabase;
  let town: Township;
  beforeAll(async () => {
    t = await freshDatabase('postgres');
    town = await buildTownship(t.db, '2026-11-20T10:00:00+08:00');
  });
  afterAll(() => t.drop());

  it('cases received at the same moment (a day\'s letters) come by number, the later first, on every page alike', async () => {
    const office = town.actor(town.people.office);
    const numbers: string[] = [];
    for (let i = 0; i < 8; i += 1) {
      numbers.push((await intakeCase(town.deps, office, intakeForm({ title: `来信${i}`, source: 'LETTER', receivedAt: '2026-11-03T00:00:00+08:00' }))).case.number);
    }
    const later = (await intakeCase(town.deps, office, intakeForm({ title: '来访', receivedAt: '2026-11-04T09:00:00+08:00' }))).case.number;
    const page = async (offset: number) => (await ledgerCases(t.db.prisma, { today: TODAY }, { limit: 3, offset }, ALL)).rows.map((r) => r.number);
    expect([...(await page(0)), ...(await page(3)), ...(await page(6))]).toEqual([later, ...[...numbers].reverse()]);
  });
});
