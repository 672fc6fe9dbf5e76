/**
 * Benchmark (not a test): read-side queries on 100,000 cases and intake throughput, on a
 * scratch PostgreSQL database that is dropped afterwards. `npm run bench`.
 */
import { SYSTEM_SCOPE } from '../src/domain/privacy/case-scope.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { BENCH_AUDIT_KEY, createScratchDatabase, serverVersion } from './scratch-db.js';
import { DbConfigSource, ensureReferenceData } from '../src/db/config-source.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { myOpenCases } from '../src/db/queries/my-open-cases.js';
import { toPerson } from '../src/db/repos/mappers.js';
import { officeStatistics } from '../src/db/queries/office-statistics.js';
import { overdueCases } from '../src/db/queries/overdue-cases.js';
import { prismaUnitOfWork } from '../src/db/unit-of-work.js';
import { makeIdNumber } from '../src/demo/id-numbers.js';
import { systemClock } from '../src/lib/clock.js';
import { localDateOf } from '../src/lib/local-date.js';
import { intakeCase } from '../src/usecases/intake-case.js';
import { loadCases, loadTownship, type BenchTownship } from './load-cases.js';
import { throughput, time, type Timing } from './measure.js';
import { measurePgbench } from './pgbench.js';

const CASES = 100_000;
const RUNS = 200;
const TARGET_MEDIAN_MS = 50;
const INTAKES = 500;
const CONCURRENCY = 8;

/** `npm run bench -- --keep` leaves the scratch database in place, to EXPLAIN the queries by hand. */
const keep = process.argv.includes('--keep');


interface QueryResult extends Timing {
  name: string;
  detail: string;
  ok: boolean;
}

async function benchQueries(db: Database, today: string, year: number): Promise<QueryResult[]> {
  const [busiest] = await db.prisma.$queryRaw<{ id: string; name: string; n: number }[]>`
    SELECT p."id", p."name", count(*)::int AS "n" FROM "Case" c JOIN "Person" p ON p."id" = c."ownerLeaderId"
    WHERE c."status" IN ('REGISTERED', 'AWAITING_OWNER', 'AWAITING_APPROVAL', 'RETURNED', 'IN_PROGRESS', 'EXTENDED')
    GROUP BY p."id", p."name" ORDER BY "n" DESC LIMIT 1`;
  if (!busiest) throw new Error('no owned open cases were loaded');
  const leader = toPerson(await db.prisma.person.findUniqueOrThrow({ where: { id: busiest.id } }));
  const mine = await myOpenCases(db.prisma, leader, { today, scope: SYSTEM_SCOPE });
  const overdue = await overdueCases(db.prisma, today, { scope: SYSTEM_SCOPE });
  const withLate = await overdueCases(db.prisma, today, { includeResolvedLate: true, scope: SYSTEM_SCOPE });
  const stats = await officeStatistics(db.prisma, { year, today });
  const jobs: [string, string, () => Promise<unknown>][] = [
    ['my open cases', `${busiest.name}: ${mine.total} open, ${mine.overdue} overdue`, () => myOpenCases(db.prisma, leader, { today, scope: SYSTEM_SCOPE })],
    ['overdue list', `${overdue.open} open overdue, first ${overdue.cases.length}`, () => overdueCases(db.prisma, today, { scope: SYSTEM_SCOPE })],
    ['overdue list + resolved late', `${withLate.open} + ${withLate.resolvedLate} late`, () => overdueCases(db.prisma, today, { includeResolvedLate: true, scope: SYSTEM_SCOPE })],
    ['office statistics', `${year}: ${stats.total} cases`, () => officeStatistics(db.prisma, { year, today })],
  ];
  const results: QueryResult[] = [];
  for (const [name, detail, fn] of jobs) {
    const t = await time(fn, RUNS);
    results.push({ name, detail, ...t, ok: t.medianMs < TARGET_MEDIAN_MS });
  }
  return results;
}

async function benchIntake(db: Database, town: BenchTownship): Promise<{ cases: number; seconds: number; perSecond: number }> {
  await ensureReferenceData(db.prisma);
  const deps = { uow: prismaUnitOfWork(db.prisma, BENCH_AUDIT_KEY), clock: systemClock, config: new DbConfigSource(db.prisma) };
  const actor = { person: town.office, channel: 'SCRIPT' as const };
  const villages = (await db.prisma.village.findMany({ select: { id: true } })).map((v) => v.id);
  const sources = ['VISIT', 'LETTER', 'ONLINE', 'PHONE'] as const;
  const before = await db.prisma.auditLog.count();
  const seconds = await throughput(INTAKES, CONCURRENCY, (i) =>
    intakeCase(deps, actor, {
      title: '土地流转租金未兑现',
      content: `合作社流转本组土地后未按合同支付租金，信访人请求督促兑现（基准第${i + 1}件）。`,
      source: sources[i % sources.length],
      complexity: 'GENERAL',
      villageId: villages[i % villages.length],
      headcount: i % 25 === 0 ? 8 : 1,
      petitioners: [{ name: '李桂香', idNumber: makeIdNumber('430521', '19680412', 2 * (i % 400)), phone: '13907391234' }],
    }),
  );
  const audited = (await db.prisma.auditLog.count()) - before;
  if (audited < INTAKES) throw new Error(`expected at least ${INTAKES} audit rows, found ${audited}`);
  return { cases: INTAKES, seconds, perSecond: INTAKES / seconds };
}

const pad = (s: string | number, n: number) => String(s).padStart(n);
const padEnd = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - [...s].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0)));

async function main(): Promise<void> {
  const started = performance.now();
  const scratch = await createScratchDatabase();
  const url = scratch.url;
  let db: Database | null = null;
  try {
    db = await openDatabase({ databaseUrl: url, poolSize: CONCURRENCY + 2 });
    const version = await serverVersion(db.sql);
    const now = systemClock.now();
    const today = localDateOf(now);
    const year = Number(today.slice(0, 4));

    const loadStart = performance.now();
    const town = await loadTownship(db);
    await loadCases(db, town, CASES, now);
    const loadSeconds = (performance.now() - loadStart) / 1000;
    const loaded = await db.prisma.case.count();

    const queries = await benchQueries(db, today, year);
    const intake = await benchIntake(db, town);

    const { tps, note: pgbenchNote } = await measurePgbench(url);
    const totalSeconds = (performance.now() - started) / 1000;

    console.log(`\n信访包案助手 benchmark — PostgreSQL ${version}, ${loaded.toLocaleString('en')} cases (bulk load ${loadSeconds.toFixed(1)} s), today ${today}\n`);
    console.log(`${padEnd('query', 30)} ${pad('runs', 5)} ${pad('median ms', 10)} ${pad('p99 ms', 8)} ${pad('target', 10)}  result  data`);
    console.log('-'.repeat(110));
    for (const q of queries) {
      console.log(
        `${padEnd(q.name, 30)} ${pad(q.runs, 5)} ${pad(q.medianMs.toFixed(2), 10)} ${pad(q.p99Ms.toFixed(2), 8)} ${pad(`< ${TARGET_MEDIAN_MS}`, 10)}  ${q.ok ? 'PASS  ' : 'FAIL  '}  ${q.detail}`,
      );
    }
    console.log('');
    console.log(`intake (intakeCase with audit): ${intake.cases} cases, concurrency ${CONCURRENCY}, ${intake.seconds.toFixed(2)} s → ${intake.perSecond.toFixed(1)} cases/s`);
    if (tps !== null) {
      console.log(`pgbench TPC-B (-s 5, -T 10 -c 8 -j 2): ${tps.toFixed(1)} tps → intake/pgbench ratio ${(intake.perSecond / tps).toFixed(3)}`);
    } else {
      console.log(`pgbench TPC-B: ratio unavailable (${pgbenchNote})`);
    }
    console.log(`total ${totalSeconds.toFixed(1)} s\n`);

    mkdirSync('bench/results', { recursive: true });
    writeFileSync(
      'bench/results/latest.json',
      `${JSON.stringify(
        {
          at: now.toISOString(),
          postgres: version,
          cases: loaded,
          loadSeconds: Number(loadSeconds.toFixed(2)),
          targetMedianMs: TARGET_MEDIAN_MS,
          queries,
          intake: { ...intake, concurrency: CONCURRENCY, seconds: Number(intake.seconds.toFixed(3)), perSecond: Number(intake.perSecond.toFixed(2)) },
          pgbench: tps === null ? { tps: null, note: pgbenchNote } : { tps, ratio: Number((intake.perSecond / tps).toFixed(4)) },
          totalSeconds: Number(totalSeconds.toFixed(1)),
        },
        null,
        2,
      )}\n`,
    );
    console.log('wrote bench/results/latest.json');
    if (queries.some((q) => !q.ok)) process.exitCode = 1;
  } finally {
    await db?.close();
    if (keep) console.log(`kept ${url}`);
    else await scratch.drop();
  }
}

await main();
