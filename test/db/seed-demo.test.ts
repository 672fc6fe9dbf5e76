import { SYSTEM_SCOPE } from '../../src/domain/privacy/case-scope.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMemoryDatabase, type Database } from '../../src/db/database.js';
import { myOpenCases } from '../../src/db/queries/my-open-cases.js';
import { toPerson } from '../../src/db/repos/mappers.js';
import { overdueCases } from '../../src/db/queries/overdue-cases.js';
import { DemoSeedRefused, seedDemo, type DemoSummary } from '../../src/demo/seed-demo.js';
import { CASE_SOURCES, CASE_STATUSES, COMPLEXITIES, PROGRESS_TAGS, ROLES } from '../../src/domain/model.js';
import { FixedClock } from '../../src/lib/clock.js';
import { isValidIdNumber } from '../../src/usecases/support/fields.js';
import { freshPostgres, type TestDatabase } from '../support/database.js';
import { TEST_AUDIT_KEY } from '../support/audit-key.js';

const NOW = '2026-11-28T10:00:00+08:00';
const TODAY = '2026-11-28';

/** What must come out the same from the same seed: the cases as a reader sees them. */
async function fingerprint(db: Database) {
  const cases = await db.prisma.case.findMany({
    orderBy: { number: 'asc' },
    select: { number: true, title: true, status: true, source: true, receivedAt: true, dueOn: true, petitioners: { select: { name: true, idNumber: true, phone: true }, orderBy: { name: 'asc' } } },
  });
  return cases.map((c) => ({ ...c, receivedAt: c.receivedAt.toISOString(), dueOn: c.dueOn?.toISOString() ?? null }));
}

describe('demo township', () => {
  let db: Database;
  let summary: DemoSummary;

  beforeAll(async () => {
    db = await openMemoryDatabase();
    summary = await seedDemo(db, new FixedClock(new Date(NOW)), TEST_AUDIT_KEY);
  }, 180_000);
  afterAll(() => db.close());

  it('has 3 areas, 12 villages, about 25 people, the units, and 80 cases', async () => {
    expect(summary).toMatchObject({ today: TODAY, areas: 3, villages: 12, cases: 80 });
    expect(summary.people).toBeGreaterThanOrEqual(22);
    expect(summary.people).toBeLessThanOrEqual(30);
    const units = await db.prisma.unit.findMany({ select: { name: true, kind: true, headId: true, leaderInChargeId: true } });
    expect(units.filter((u) => u.kind === 'VILLAGE_COMMITTEE')).toHaveLength(12);
    expect(units.map((u) => u.name)).toEqual(expect.arrayContaining(['镇信访办', '综治办', '司法所', '派出所', '国土所', '民政办']));
    const office = units.find((u) => u.kind === 'OFFICE')!;
    expect(office.leaderInChargeId).not.toBeNull();
    expect(office.headId).not.toBeNull();
  });

  it('gives every role of the domain to someone, with both principal leaders', async () => {
    const rows = await db.prisma.$queryRaw<{ role: string }[]>`SELECT DISTINCT unnest("roles")::text AS "role" FROM "Person"`;
    expect(rows.map((r) => r.role).sort()).toEqual([...ROLES].sort());
    const principals = await db.prisma.$queryRaw<{ title: string }[]>`SELECT "title" FROM "Person" WHERE 'PRINCIPAL_LEADER' = ANY("roles") ORDER BY "title"`;
    expect(principals.map((p) => p.title)).toEqual(['镇党委书记', '镇党委副书记、镇长']);
  });

  it('spreads the cases over every status, source and complexity', async () => {
    const cases = await db.prisma.case.findMany({ select: { status: true, source: true, complexity: true } });
    expect(new Set(cases.map((c) => c.status))).toEqual(new Set(CASE_STATUSES));
    expect(new Set(cases.map((c) => c.source))).toEqual(new Set(CASE_SOURCES));
    expect(new Set(cases.map((c) => c.complexity))).toEqual(new Set(COMPLEXITIES));
  });

  it('R11: some open cases are overdue and some were resolved late, and the record says so', async () => {
    const list = await overdueCases(db.prisma, TODAY, { includeResolvedLate: true, scope: SYSTEM_SCOPE });
    expect(list.open).toBeGreaterThanOrEqual(5);
    expect(list.resolvedLate).toBeGreaterThanOrEqual(3);
    expect(summary.overdueOpen).toBe(list.open);
    const unmarked = await db.prisma.case.count({ where: { status: { in: ['IN_PROGRESS', 'EXTENDED'] }, dueOn: { lt: new Date(`${TODAY}T00:00:00Z`) }, overdueOn: null } });
    expect(unmarked).toBe(0);
  });

  it('R2/R4: owned cases have an approved proposal and an active ownership; pending and returned proposals exist too', async () => {
    const owned = await db.prisma.case.findMany({ where: { ownerLeaderId: { not: null } }, include: { ownerships: true, proposals: true } });
    expect(owned.length).toBeGreaterThanOrEqual(15);
    for (const c of owned) {
      expect(c.proposals.some((p) => p.status === 'APPROVED')).toBe(true);
      expect(c.ownerships.filter((o) => o.endedAt === null || c.status === 'ARCHIVED')).toHaveLength(1);
      expect(c.ownershipReasons.length).toBeGreaterThan(0);
    }
    const proposals = await db.prisma.ownershipProposal.groupBy({ by: ['status'], _count: { _all: true } });
    expect(Object.fromEntries(proposals.map((p) => [p.status, p._count._all]))).toMatchObject({ PENDING: 4, RETURNED: 3 });
  });

  it('R6: every closed case has 查办, 落实 and a 保稳定 assessment; all four 三包一保 tags are used', async () => {
    const entries = await db.prisma.progressEntry.findMany({ select: { tag: true } });
    expect(new Set(entries.map((e) => e.tag))).toEqual(new Set(PROGRESS_TAGS));
    const closed = await db.prisma.case.findMany({ where: { status: { in: ['RESOLVED', 'FOLLOWED_UP', 'ARCHIVED'] } }, include: { progress: true } });
    for (const c of closed) {
      const tags = new Set(c.progress.map((p) => p.tag));
      expect([tags.has('INVESTIGATION'), tags.has('IMPLEMENTATION'), tags.has('STABILITY'), c.stability !== null]).toEqual([true, true, true, true]);
    }
  });

  it('R24: petitioners have valid 18-digit ID numbers and phone numbers', async () => {
    const petitioners = await db.prisma.petitioner.findMany({ select: { idNumber: true, phone: true, name: true } });
    expect(petitioners.length).toBeGreaterThanOrEqual(80);
    for (const p of petitioners) {
      expect(isValidIdNumber(p.idNumber!), `${p.name} ${p.idNumber}`).toBe(true);
      expect(p.phone).toMatch(/^1[3-9]\d{9}$/);
    }
  });

  it('R25: every case and every status change is in the audit log, in time order', async () => {
    const cases = await db.prisma.case.findMany({ select: { id: true, status: true } });
    const audit = await db.prisma.auditLog.findMany({ orderBy: { seq: 'asc' }, select: { at: true, action: true, caseId: true } });
    for (const c of cases) {
      const mine = audit.filter((a) => a.caseId === c.id).map((a) => a.action);
      expect(mine[0]).toBe('case.create');
      if (c.status !== 'REGISTERED') expect(mine).toContain('case.transition');
    }
    const transitions = audit.filter((a) => a.action === 'case.transition').length;
    expect(transitions).toBeGreaterThanOrEqual(cases.filter((c) => c.status !== 'REGISTERED').length);
    for (let i = 1; i < audit.length; i++) expect(audit[i]!.at.getTime()).toBeGreaterThanOrEqual(audit[i - 1]!.at.getTime());
  });

  it('R14/R15/R16: reception days, village visits and sentiment reports feed their cases', async () => {
    expect(summary.receptionDays).toBeGreaterThan(40);
    expect(summary.villageVisits).toBeGreaterThan(40);
    const byReception = await db.prisma.case.findMany({ where: { source: 'RECEPTION_DAY' }, select: { receptionDayId: true } });
    expect(byReception.every((c) => c.receptionDayId !== null)).toBe(true);
    const byVisit = await db.prisma.case.findMany({ where: { source: 'LEADER_VISIT' }, select: { visitId: true } });
    expect(byVisit.every((c) => c.visitId !== null)).toBe(true);
    const sentiments = await db.prisma.sentimentReport.findMany({ select: { caseId: true } });
    expect(sentiments.filter((s) => s.caseId !== null)).toHaveLength(await db.prisma.case.count({ where: { source: 'SENTIMENT' } }));
    expect(sentiments.some((s) => s.caseId === null)).toBe(true);
  });

  it('R15: one leader has no visit logged yet this month (the gap the reminder is for)', async () => {
    const thisMonth = await db.prisma.villageVisit.findMany({ where: { date: { gte: new Date('2026-11-01T00:00:00Z') } }, select: { leaderId: true } });
    const zhao = await db.prisma.person.findFirstOrThrow({ where: { name: '赵德明' } });
    expect(thisMonth.length).toBeGreaterThan(0);
    expect(thisMonth.some((v) => v.leaderId === zhao.id)).toBe(false);
  });

  it('R17: the sensitive screening period has one zero report, one late report and one unit missing', async () => {
    const period = await db.prisma.screeningPeriod.findFirstOrThrow({ where: { kind: 'SENSITIVE' }, include: { units: true, reports: true } });
    expect(period.reports.filter((r) => r.isZero)).toHaveLength(1);
    expect(period.reports.filter((r) => r.late)).toHaveLength(1);
    expect(period.units.length - period.reports.length).toBe(1);
  });

  it('a leader opening the bot sees their own open cases', async () => {
    const chen = await db.prisma.person.findFirstOrThrow({ where: { name: '陈建平' } });
    const mine = await myOpenCases(db.prisma, toPerson(chen), { today: TODAY, scope: SYSTEM_SCOPE });
    expect(mine.total).toBeGreaterThan(0);
    expect(mine.overdue).toBeGreaterThan(0);
  });

  it('refuses to seed a database that already has cases, and leaves it unchanged', async () => {
    const before = { cases: await db.prisma.case.count(), audit: await db.prisma.auditLog.count(), people: await db.prisma.person.count() };
    await expect(seedDemo(db, new FixedClock(new Date(NOW)), TEST_AUDIT_KEY)).rejects.toBeInstanceOf(DemoSeedRefused);
    expect({ cases: await db.prisma.case.count(), audit: await db.prisma.auditLog.count(), people: await db.prisma.person.count() }).toEqual(before);
  });

  describe('on PostgreSQL with the same seed and clock', () => {
    let pg: TestDatabase;
    beforeAll(async () => {
      pg = await freshPostgres();
    });
    afterAll(() => pg.drop());

    it('produces the same township (deterministic), and --force adds the cases again without new people', async () => {
      await seedDemo(pg.db, new FixedClock(new Date(NOW)), TEST_AUDIT_KEY);
      expect(await fingerprint(pg.db)).toEqual(await fingerprint(db));
      const people = await pg.db.prisma.person.count();
      const again = await seedDemo(pg.db, new FixedClock(new Date(NOW)), TEST_AUDIT_KEY, { force: true });
      expect(again.cases).toBe(160);
      expect(again.people).toBe(people);
    }, 240_000);
  });
});
