import { SYSTEM_SCOPE } from '../domain/privacy/case-scope.js';
import { DbConfigSource, ensureReferenceData } from '../db/config-source.js';
import type { Database } from '../db/database.js';
import { overdueCases } from '../db/queries/overdue-cases.js';
import { prismaUnitOfWork } from '../db/unit-of-work.js';
import type { AuditKey } from '../db/audit/audit-key.js';
import { FixedClock, type Clock } from '../lib/clock.js';
import { addDays, localDateOf, type LocalDate } from '../lib/local-date.js';
import { markOverdueCases } from '../usecases/cases/mark-overdue-cases.js';
import { CASE_PLANS } from './case-plan.js';
import { playCase, type StoryContext } from './case-story.js';
import { atMinutes, workdayOnOrBefore } from './demo-time.js';
import { buildDirectory, LINKED_LEADER } from './directory.js';
import { receptionDates, spawnMeetings, spawnOpenSentiments, spawnOverdueJob, spawnReceptionDays, spawnScreening, spawnVillageVisits } from './duty-stories.js';
import { Random } from './random.js';
import { Timeline } from './timeline.js';

export interface SeedDemoOptions {
  /** Seed even though the database already has cases (the directory is reused, cases are added). */
  force?: boolean;
  /** Another seed gives other names, numbers and times; the same seed gives the same township. */
  seed?: number;
}

export interface DemoSummary {
  today: LocalDate;
  people: number;
  areas: number;
  villages: number;
  units: number;
  cases: number;
  byStatus: Record<string, number>;
  bySource: Record<string, number>;
  overdueOpen: number;
  resolvedLate: number;
  proposals: number;
  ownerships: number;
  progressEntries: number;
  receptionDays: number;
  villageVisits: number;
  screeningReports: number;
  sentimentReports: number;
  meetings: number;
  auditRows: number;
}

/** Refusal to mix demo data into a database that already holds real cases. */
export class DemoSeedRefused extends Error {
  constructor(readonly existingCases: number) {
    super(`数据库中已有 ${existingCases} 件信访事项，为避免混入演示数据已停止；确需写入请加 --force`);
    this.name = 'DemoSeedRefused';
  }
}

const DAYS_OF_HISTORY = 340;

/**
 * Builds the demo township 清河镇 and replays about eleven months of its petition work up to
 * `clock.now()`: every case goes through the real use cases (intake, R4 ownership, R5 交办,
 * R6 progress, R10 extension, resolution, R27 follow-up, archive) with the clock moved to the
 * moment each step happened, so numbers, deadlines and the audit trail are the real ones.
 */
export async function seedDemo(db: Database, clock: Clock, auditKey: AuditKey, opts: SeedDemoOptions = {}): Promise<DemoSummary> {
  const existing = await db.prisma.case.count();
  if (existing > 0 && !opts.force) throw new DemoSeedRefused(existing);
  const seed = opts.seed ?? 20261128;
  const end = clock.now();
  const today = localDateOf(end);
  const demoClock = new FixedClock(end);
  // Configuration does not change while seeding: cache it for the whole run.
  const config = new DbConfigSource(db.prisma, Number.POSITIVE_INFINITY);
  const deps = { uow: prismaUnitOfWork(db.prisma, auditKey), clock: demoClock, config };
  await ensureReferenceData(db.prisma);
  const calendar = await config.calendar();
  const dir = await buildDirectory(db);
  const tl = new Timeline(demoClock, end);
  const ctx: StoryContext = { tl, deps, dir, calendar, today, seed, receptionDays: new Map() };

  const receptions = receptionDates(ctx, DAYS_OF_HISTORY, 14);
  spawnReceptionDays(ctx, db.prisma, receptions);
  const rng = new Random(seed);
  const visitsTaken = new Set<string>();
  for (const plan of CASE_PLANS) {
    let receivedOn = workdayOnOrBefore(calendar, addDays(today, -plan.daysAgo));
    if (plan.source === 'RECEPTION_DAY') {
      const day = receptions.filter((d) => d <= receivedOn).at(-1);
      if (!day) throw new Error(`no reception day before ${receivedOn}`);
      receivedOn = day;
    }
    if (plan.source === 'LEADER_VISIT') visitsTaken.add(`${LINKED_LEADER[plan.village]}|${plan.village}|${receivedOn.slice(0, 7)}`);
    const minutes =
      plan.source === 'LEADER_VISIT' ? 16 * 60 + rng.int(0, 40) : plan.source === 'RECEPTION_DAY' ? 9 * 60 + rng.int(0, 150) : 8 * 60 + 40 + rng.int(0, 420);
    const start = atMinutes(receivedOn, minutes);
    tl.spawn(start, async () => {
      await playCase(ctx, plan, receivedOn, start);
    });
  }
  spawnVillageVisits(ctx, 6, visitsTaken, 'zhao');
  spawnScreening(ctx);
  spawnOpenSentiments(ctx);
  spawnMeetings(ctx, db.prisma, 3);
  spawnOverdueJob(ctx, DAYS_OF_HISTORY);
  await tl.run();
  await markOverdueCases(deps);
  return summarize(db, today);
}

async function summarize(db: Database, today: LocalDate): Promise<DemoSummary> {
  const p = db.prisma;
  const count = (rows: { key: string; n: number }[]) => Object.fromEntries(rows.map((r) => [r.key, r.n]));
  const [byStatus, bySource, overdue] = await Promise.all([
    p.$queryRaw<{ key: string; n: number }[]>`SELECT "status"::text AS "key", count(*)::int AS "n" FROM "Case" GROUP BY 1 ORDER BY 1`,
    p.$queryRaw<{ key: string; n: number }[]>`SELECT "source"::text AS "key", count(*)::int AS "n" FROM "Case" GROUP BY 1 ORDER BY 1`,
    overdueCases(p, today, { includeResolvedLate: true, limit: 1, scope: SYSTEM_SCOPE }),
  ]);
  return {
    today,
    people: await p.person.count(),
    areas: await p.area.count(),
    villages: await p.village.count(),
    units: await p.unit.count(),
    cases: await p.case.count(),
    byStatus: count(byStatus),
    bySource: count(bySource),
    overdueOpen: overdue.open,
    resolvedLate: overdue.resolvedLate,
    proposals: await p.ownershipProposal.count(),
    ownerships: await p.caseOwnership.count(),
    progressEntries: await p.progressEntry.count(),
    receptionDays: await p.receptionDay.count(),
    villageVisits: await p.villageVisit.count(),
    screeningReports: await p.unitReport.count(),
    sentimentReports: await p.sentimentReport.count(),
    meetings: await p.meeting.count(),
    auditRows: await p.auditLog.count(),
  };
}
