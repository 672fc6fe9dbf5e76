/**
 * Benchmark (not a test) of the BullMQ scheduler (issue #4): reconciling 100,000 open cases from an
 * empty Redis (time, jobs/s, Redis memory), the lateness of 10,000 pushes due at the same second
 * with no rate limit, and the default 50/s limiter held across two workers. Scratch PostgreSQL
 * database and fresh queue prefixes, all removed afterwards. `npm run bench:scheduler`.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import type { ConnectionOptions } from 'bullmq';
import { BENCH_AUDIT_KEY, createScratchDatabase, serverVersion } from './scratch-db.js';
import { DbConfigSource } from '../src/db/config-source.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { prismaUnitOfWork } from '../src/db/unit-of-work.js';
import { systemClock } from '../src/lib/clock.js';
import { localDateOf } from '../src/lib/local-date.js';
import type { Logger } from '../src/lib/logger.js';
import { DEFAULT_DELIVERY_POLICY, Scheduler, type DeliveryPolicy } from '../src/scheduler/scheduler.js';
import type { Deps } from '../src/usecases/ports.js';
import { captureLogger } from '../test/support/capture-logger.js';
import { loadTownship, type BenchTownship } from './load-cases.js';
import { loadOpenCases } from './load-open-cases.js';
import { percentile } from './measure.js';
import { countJobKeys, deletePrefix, keysOf, memoryOf, usedMemory } from './redis-prefix.js';

/** BENCH_CASES, BENCH_PUSHES and BENCH_LIMITED_PUSHES shrink a run (for trying it out); the defaults are the published figures. */
const CASES = Number(process.env.BENCH_CASES ?? 100_000);
const PUSHES = Number(process.env.BENCH_PUSHES ?? 10_000);
const LIMITED_PUSHES = Number(process.env.BENCH_LIMITED_PUSHES ?? 1_500);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Lark's send quota per app (src/platforms/lark/limits.ts), checked over every sliding second. */
const QUOTA_PER_SECOND = 50;
/** BENCH_LIMITER=max/durationMs tries another limiter in run 3 (default: DEFAULT_DELIVERY_POLICY's). */
const LIMITED: DeliveryPolicy = process.env.BENCH_LIMITER
  ? { ...DEFAULT_DELIVERY_POLICY, limiter: { max: Number(process.env.BENCH_LIMITER.split('/')[0]), durationMs: Number(process.env.BENCH_LIMITER.split('/')[1]) } }
  : DEFAULT_DELIVERY_POLICY;
/** "No rate limit": BullMQ's limiter set far above anything one machine delivers. */
const UNLIMITED: DeliveryPolicy = { ...DEFAULT_DELIVERY_POLICY, limiter: { max: 1_000_000, durationMs: 1000 } };

const freshPrefix = () => `{bench${randomBytes(4).toString('hex')}}`;
const seconds = (since: number) => (performance.now() - since) / 1000;
const round = (n: number, digits = 2) => Number(n.toFixed(digits));
const fmt = (n: number) => n.toLocaleString('en');
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

function connectionOf(url: string): ConnectionOptions {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(u.pathname.length > 1 ? { db: Number(u.pathname.slice(1)) } : {}),
    maxRetriesPerRequest: null,
  };
}

interface Env {
  db: Database;
  deps: Deps;
  redis: Redis;
  connection: ConnectionOptions;
  logger: Logger;
  town: BenchTownship;
}

/** Jobs of the duties queue in any state but done. */
async function dutyJobs(s: Scheduler): Promise<{ total: number; delayed: number; waiting: number }> {
  const c = await s.queues.duties.getJobCounts('delayed', 'waiting', 'prioritized', 'active', 'failed');
  return { total: Object.values(c).reduce((a, b) => a + b, 0), delayed: c.delayed ?? 0, waiting: c.waiting ?? 0 };
}

/** Prints the job count every 5 s while `work` runs. */
async function withProgress<T>(label: string, s: Scheduler, total: number, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const timer = setInterval(() => {
    void dutyJobs(s).then((j) => log(`  ${label}: ${fmt(j.total)} / ${fmt(total)} jobs after ${seconds(start).toFixed(0)} s`));
  }, 5000);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

interface ReconcileResult {
  prefix: string;
  openCases: number;
  dbWalkSeconds: number;
  /** `jobs`: every job of the duties queue; `deadlineJobs`: those of the case deadlines (the rest are other duties, e.g. the hourly sweep). */
  first: { seconds: number; jobs: number; deadlineJobs: number; delayed: number; waiting: number; jobsPerSecond: number };
  second: { seconds: number; jobs: number; deadlineJobs: number; added: number };
  redis: { keys: number; bytes: number; bytesPerJob: number; usedMemoryBefore: number; usedMemoryAfter: number; usedMemoryDelta: number };
}

/** 1. Every open case's next reminder from an empty Redis, then the same again over the full Redis. */
async function benchReconcile(env: Env): Promise<ReconcileResult> {
  const prefix = freshPrefix();
  const openCases = await env.db.prisma.case.count({ where: { status: { in: ['REGISTERED', 'AWAITING_OWNER', 'AWAITING_APPROVAL', 'RETURNED', 'IN_PROGRESS', 'EXTENDED'] }, dueOn: { not: null } } });
  // The database side alone: the reconciler's paging walk over the open deadlines.
  let t = performance.now();
  let walked = 0;
  for (let after: string | undefined; ; ) {
    const page = await env.deps.uow.read((repos) => repos.cases.openDeadlines(500, after));
    walked += page.length;
    if (page.length < 500) break;
    after = page.at(-1)!.id;
  }
  const dbWalkSeconds = seconds(t);
  log(`1. walked ${fmt(walked)} open deadlines in the database alone: ${dbWalkSeconds.toFixed(1)} s`);

  // No start(): without workers the jobs stay exactly where reconcile() puts them.
  const s = new Scheduler({ deps: env.deps, clock: systemClock, logger: env.logger, connection: env.connection, prefix, deliver: () => Promise.reject(new Error('nothing is delivered here')), reconcileEveryMs: 0 });
  try {
    await s.queues.duties.waitUntilReady();
    const usedBefore = await usedMemory(env.redis);
    log(`1. reconcile() from an empty Redis, prefix ${prefix} …`);
    t = performance.now();
    await withProgress('reconcile', s, openCases, () => s.reconcile());
    const firstSeconds = seconds(t);
    const jobs1 = await dutyJobs(s);
    const usedAfter = await usedMemory(env.redis);
    const keys1 = await keysOf(env.redis, prefix);
    const deadlines1 = countJobKeys(keys1, prefix, 'duties', 'deadline-');
    const bytes = await memoryOf(env.redis, keys1);
    log(`1. first reconcile: ${fmt(jobs1.total)} jobs (${fmt(deadlines1)} deadlines) in ${firstSeconds.toFixed(1)} s (${(jobs1.total / firstSeconds).toFixed(0)} jobs/s), ${mib(bytes)} in ${fmt(keys1.length)} keys`);

    log('1. reconcile() again over the full Redis …');
    t = performance.now();
    await withProgress('second reconcile', s, openCases, () => s.reconcile());
    const secondSeconds = seconds(t);
    const jobs2 = await dutyJobs(s);
    const deadlines2 = countJobKeys(await keysOf(env.redis, prefix), prefix, 'duties', 'deadline-');
    log(`1. second reconcile: ${secondSeconds.toFixed(1)} s, jobs ${fmt(jobs1.total)} → ${fmt(jobs2.total)} (deadlines ${fmt(deadlines1)} → ${fmt(deadlines2)})`);
    return {
      prefix,
      openCases,
      dbWalkSeconds: round(dbWalkSeconds),
      first: { seconds: round(firstSeconds), jobs: jobs1.total, deadlineJobs: deadlines1, delayed: jobs1.delayed, waiting: jobs1.waiting, jobsPerSecond: round(jobs1.total / firstSeconds, 0) },
      second: { seconds: round(secondSeconds), jobs: jobs2.total, deadlineJobs: deadlines2, added: jobs2.total - jobs1.total },
      redis: {
        keys: keys1.length,
        bytes,
        bytesPerJob: round(bytes / Math.max(1, jobs1.total), 0),
        usedMemoryBefore: usedBefore,
        usedMemoryAfter: usedAfter,
        usedMemoryDelta: usedAfter - usedBefore,
      },
    };
  } finally {
    await s.stop();
    await deletePrefix(env.redis, prefix);
  }
}

/** `n` outbox rows due at `dueAt`, to the township's leaders and cadres in turn. */
async function insertPushes(env: Env, keyPrefix: string, n: number, dueAt: Date): Promise<void> {
  await env.db.sql.query(
    `INSERT INTO "Push" ("id", "key", "personId", "kind", "urgency", "caseId", "payload", "dueAt")
     SELECT gen_random_uuid()::text, p.key, p.person, 'DEADLINE_REMINDER', 'NORMAL', NULL,
            jsonb_build_object('kind', 'DEADLINE_REMINDER', 'key', p.key, 'urgency', 'NORMAL', 'recipientIds', jsonb_build_array(p.person),
                               'caseId', NULL, 'title', 'XF-2026-' || lpad(p.g::text, 4, '0') || ' 今天到期',
                               'body', '案件「土地流转租金未兑现」办理期限为今天，今天到期。请按期办结并及时报送进展。', 'requiresAck', false),
            $3
     FROM (SELECT g, $1 || g AS key, ($2::text[])[1 + g % array_length($2::text[], 1)] AS person FROM generate_series(1, $4::int) g) p`,
    [keyPrefix, [...env.town.leaderIds, ...env.town.cadreIds], dueAt, n],
  );
}

/** The most timestamps in any window of `ms` (sliding, not aligned to whole seconds). */
function maxInWindow(sorted: number[], ms: number): { max: number; from: number } {
  let best = { max: 0, from: sorted[0] ?? 0 };
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= ms) j++;
    if (i - j + 1 > best.max) best = { max: i - j + 1, from: sorted[j]! };
  }
  return best;
}

interface DeliveryResult {
  label: string;
  pushes: number;
  workers: number;
  limiter: DeliveryPolicy['limiter'];
  scheduleSeconds: number;
  leadSeconds: number;
  delivered: number;
  distinct: number;
  sentInDb: number;
  /** Pushes the schedulers delivered that were not the bench's (periodic reminders of the sweep). */
  otherPushes: number;
  perWorker: number[];
  latenessMs: { p50: number; p99: number; max: number; min: number };
  /** Pushes per second between the due time and the last delivery. */
  perSecond: number;
  maxPerWindow: number;
  maxWindowStartsMsAfterDue: number;
  /** Each delivery's lateness in ms, in order (the limited run only: its timeline). */
  timelineMs?: number[];
}

/**
 * Pushes due at one whole second, delivered by `workers` Scheduler instances sharing one queue to
 * an in-process platform that records when each push reached it.
 */
async function benchDelivery(env: Env, label: string, n: number, workers: number, policy: DeliveryPolicy, jobsPerSecond: number): Promise<DeliveryResult> {
  const prefix = freshPrefix();
  const calls: { pushId: string; at: number; worker: number }[] = [];
  const ours = `bench:${prefix}:`;
  let otherPushes = 0;
  const schedulers = Array.from(
    { length: workers },
    (_, w) =>
      new Scheduler({
        deps: env.deps,
        clock: systemClock,
        logger: env.logger,
        connection: env.connection,
        prefix,
        delivery: policy,
        reconcileEveryMs: 0,
        deliver: (push) => {
          // The hourly sweep may record periodic reminders of its own: delivered, not measured.
          if (push.key.startsWith(ours)) calls.push({ pushId: push.id, at: Date.now(), worker: w });
          else otherPushes += 1;
          return Promise.resolve(1);
        },
      }),
  );
  try {
    // Workers up first; their start-up reconcile finds nothing pending (the cases are gone).
    for (const s of schedulers) await s.start();
    // Due at a whole second far enough ahead for the reconcile below to have queued them all.
    const leadMs = 3000 + (2 * n * 1000) / jobsPerSecond;
    const dueAt = new Date(Math.ceil((Date.now() + leadMs) / 1000) * 1000);
    await insertPushes(env, ours, n, dueAt);
    log(`${label}: ${fmt(n)} pushes due at ${dueAt.toISOString()}, ${workers} worker(s), limiter ${policy.limiter.max}/${policy.limiter.durationMs} ms, prefix ${prefix}`);
    // Each worker reconciles at start-up in production; here all of them at once, onto one queue.
    let t = performance.now();
    await Promise.all(schedulers.map((s) => s.reconcile()));
    const scheduleSeconds = seconds(t);
    const queued = await schedulers[0]!.queues.deliveries.getJobCounts('delayed', 'waiting', 'active', 'completed');
    const spare = dueAt.getTime() - Date.now();
    log(`${label}: queued ${fmt(Object.values(queued).reduce((a, b) => a + b, 0))} delivery jobs in ${scheduleSeconds.toFixed(1)} s; ${(spare / 1000).toFixed(1)} s to spare before the due time`);
    if (spare < 0) log(`${label}: WARNING — scheduling overran the due time by ${-spare} ms; the lateness includes it`);

    const budgetMs = Math.max(0, spare) + 60_000 + (n / Math.min(policy.limiter.max, 1000)) * 3000;
    t = performance.now();
    let lastReport = t;
    while (calls.length < n) {
      if (performance.now() - t > budgetMs) throw new Error(`${label}: only ${calls.length} of ${n} pushes delivered within ${(budgetMs / 1000).toFixed(0)} s`);
      if (performance.now() - lastReport > 5000) {
        lastReport = performance.now();
        log(`  ${label}: ${fmt(calls.length)} / ${fmt(n)} delivered`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    // A second more for a doubled delivery to show itself, then stop (which waits for active jobs).
    await new Promise((r) => setTimeout(r, 1000));
    for (const s of schedulers) await s.stop();
    const sentInDb = await env.db.prisma.push.count({ where: { key: { startsWith: ours }, status: 'SENT' } });

    const times = calls.map((c) => c.at).sort((a, b) => a - b);
    const lateness = times.map((at) => at - dueAt.getTime());
    const window = maxInWindow(times, 1000);
    const result: DeliveryResult = {
      label,
      pushes: n,
      workers,
      limiter: policy.limiter,
      scheduleSeconds: round(scheduleSeconds),
      leadSeconds: round(leadMs / 1000, 1),
      delivered: calls.length,
      distinct: new Set(calls.map((c) => c.pushId)).size,
      sentInDb,
      otherPushes,
      perWorker: schedulers.map((_, w) => calls.filter((c) => c.worker === w).length),
      latenessMs: { p50: percentile(lateness, 50), p99: percentile(lateness, 99), max: lateness.at(-1)!, min: lateness[0]! },
      perSecond: round(n / (Math.max(1, lateness.at(-1)!) / 1000), 1),
      maxPerWindow: window.max,
      maxWindowStartsMsAfterDue: window.from - dueAt.getTime(),
      ...(n <= 5000 ? { timelineMs: lateness } : {}),
    };
    log(`${label}: ${fmt(result.delivered)} delivered (${fmt(result.distinct)} distinct, ${fmt(sentInDb)} SENT in the outbox), lateness p50 ${result.latenessMs.p50} ms, p99 ${result.latenessMs.p99} ms, max ${result.latenessMs.max} ms`);
    return result;
  } finally {
    for (const s of schedulers) await s.stop().catch(() => undefined);
    await deletePrefix(env.redis, prefix);
  }
}

function printDelivery(r: DeliveryResult, limit: number | null): void {
  console.log(`  ${fmt(r.pushes)} pushes due at the same second, ${r.workers === 1 ? 'one Scheduler instance' : `${r.workers} Scheduler instances sharing the queue`} (8 concurrent deliveries each), limiter ${r.limiter.max}/${r.limiter.durationMs} ms`);
  console.log(`  queued by reconcile() in ${r.scheduleSeconds} s (due about ${r.leadSeconds} s after the rows were written)`);
  console.log(`  delivered ${fmt(r.delivered)} (${fmt(r.distinct)} distinct pushes; per worker ${r.perWorker.map(fmt).join(' / ')}), ${fmt(r.sentInDb)} marked SENT in the outbox${r.otherPushes ? `; ${r.otherPushes} other pushes (periodic reminders) delivered besides` : ''}`);
  console.log(`  lateness (platform call − due time): p50 ${fmt(r.latenessMs.p50)} ms, p99 ${fmt(r.latenessMs.p99)} ms, max ${fmt(r.latenessMs.max)} ms (first ${fmt(r.latenessMs.min)} ms)`);
  console.log(`  throughput: ${r.perSecond} pushes/s (due time → last delivery)`);
  const held = limit === null ? '' : r.maxPerWindow <= limit ? ` ≤ ${limit}: limit held` : ` > ${limit}: LIMIT EXCEEDED`;
  console.log(`  most deliveries in any sliding 1 s window: ${r.maxPerWindow} (from ${fmt(r.maxWindowStartsMsAfterDue)} ms after due)${held}`);
}

async function main(): Promise<void> {
  const started = performance.now();
  const scratch = await createScratchDatabase();
  const url = scratch.url;
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const { logger, lines } = captureLogger('warn');
  let db: Database | null = null;
  try {
    db = await openDatabase({ databaseUrl: url, poolSize: 24 });
    const pgVersion = await serverVersion(db.sql);
    const redisVersion = /^redis_version:(\S+)/m.exec(await redis.info('server'))?.[1] ?? '?';
    const today = localDateOf(systemClock.now());
    const deps: Deps = { uow: prismaUnitOfWork(db.prisma, BENCH_AUDIT_KEY), clock: systemClock, config: new DbConfigSource(db.prisma) };

    let t = performance.now();
    const town = await loadTownship(db);
    await loadOpenCases(db, town, CASES, today);
    const loadSeconds = seconds(t);
    log(`loaded ${fmt(CASES)} open cases into ${scratch.name} in ${loadSeconds.toFixed(1)} s (today ${today})`);
    const env: Env = { db, deps, redis, connection: connectionOf(REDIS_URL), logger, town };

    const reconcile = await benchReconcile(env);
    // The delivery runs start real workers, whose start-up reconcile would otherwise queue (and run) every case's reminder.
    t = performance.now();
    await db.sql.exec('DELETE FROM "Case"');
    log(`deleted the cases (${seconds(t).toFixed(1)} s): the delivery runs see only their own pushes`);

    const unlimited = await benchDelivery(env, '2. no limit', PUSHES, 1, UNLIMITED, reconcile.first.jobsPerSecond);
    const limited = await benchDelivery(env, `3. ${LIMITED.limiter.max}/${LIMITED.limiter.durationMs} ms`, LIMITED_PUSHES, 2, LIMITED, reconcile.first.jobsPerSecond);
    const limit = QUOTA_PER_SECOND;
    const warnings = lines.filter((l) => Number(l.level) >= 40);
    const totalSeconds = seconds(started);
    const machine = { cpus: cpus().length, loadAverage1m: round(loadavg()[0]!) };

    console.log(`\n信访包案助手 scheduler benchmark — PostgreSQL ${pgVersion}, Redis ${redisVersion}, ${machine.cpus} CPUs (1-min load ${machine.loadAverage1m}), today ${today}\n`);
    const r = reconcile;
    console.log(`1. reconcile() of ${fmt(r.openCases)} open cases with a deadline (bulk-loaded in ${loadSeconds.toFixed(1)} s; 10 % overdue, the rest due within 8 weeks)`);
    const others = r.first.jobs - r.first.deadlineJobs;
    console.log(`  from an empty Redis: ${r.first.seconds} s → ${fmt(r.first.deadlineJobs)} deadline jobs${others ? ` + ${others} other duty job(s) (the hourly sweep)` : ''}; ${fmt(r.first.delayed)} delayed, ${fmt(r.first.waiting)} due now; ${fmt(r.first.jobsPerSecond)} jobs/s`);
    console.log(`  of which the database walk alone (pages of 500 ids and deadlines): ${r.dbWalkSeconds} s`);
    console.log(`  Redis: ${fmt(r.redis.keys)} keys under the prefix, MEMORY USAGE sum ${mib(r.redis.bytes)} (${fmt(r.redis.bytesPerJob)} bytes/job); used_memory ${mib(r.redis.usedMemoryBefore)} → ${mib(r.redis.usedMemoryAfter)} (Δ ${mib(r.redis.usedMemoryDelta)}, whole server)`);
    console.log(`  again over the full Redis: ${r.second.seconds} s, jobs ${fmt(r.first.jobs)} → ${fmt(r.second.jobs)}, deadline jobs ${fmt(r.first.deadlineJobs)} → ${fmt(r.second.deadlineJobs)} (${r.second.added === 0 ? 'nothing added' : `${r.second.added} ADDED`})\n`);
    console.log('2. lateness with no rate limit (in-process platform recording each call)');
    printDelivery(unlimited, null);
    const limiterName = LIMITED === DEFAULT_DELIVERY_POLICY ? 'default limiter (DEFAULT_DELIVERY_POLICY)' : 'limiter from BENCH_LIMITER';
    console.log(`\n3. ${limiterName}: ${LIMITED.limiter.max} per ${LIMITED.limiter.durationMs} ms, two workers, against Lark's ${QUOTA_PER_SECOND} sends/s in any sliding second`);
    printDelivery(limited, limit);
    console.log(`\n${warnings.length} warn/error log lines from the schedulers; total ${totalSeconds.toFixed(1)} s\n`);

    mkdirSync('bench/results', { recursive: true });
    writeFileSync(
      'bench/results/scheduler.json',
      `${JSON.stringify({ at: new Date().toISOString(), postgres: pgVersion, redis: redisVersion, machine, cases: CASES, loadSeconds: round(loadSeconds), reconcile, unlimited, limited: { ...limited, limitPerWindow: limit, held: limited.maxPerWindow <= limit }, warnLogLines: warnings.length, totalSeconds: round(totalSeconds, 1) }, null, 2)}\n`,
    );
    console.log('wrote bench/results/scheduler.json');
    const correct = [unlimited, limited].every((d) => d.delivered === d.pushes && d.distinct === d.pushes && d.sentInDb === d.pushes) && r.second.deadlineJobs === r.first.deadlineJobs && r.first.deadlineJobs === r.openCases;
    if (!correct) console.log('CHECK FAILED: a job count or a delivery count is not what it must be (see above)');
    if (!correct || limited.maxPerWindow > limit) process.exitCode = 1;
  } finally {
    await db?.close();
    redis.disconnect();
    await scratch.drop();
  }
}

await main();
