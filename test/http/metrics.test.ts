import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp, type HttpDeps } from '../../src/http/app.js';
import { FixedClock } from '../../src/lib/clock.js';
import type { DeliveryJobData, DutyJobData } from '../../src/scheduler/queues.js';
import { openQueueClient, type QueueClient } from '../../src/scheduler/queue-client.js';
import { captureLogger } from '../support/capture-logger.js';
import { freshPostgres, type TestDatabase } from '../support/database.js';
import { serve } from '../support/http-server.js';
import { REDIS_URL, flushPrefix, testPrefix } from '../support/scheduler.js';

// Issue #4: Prometheus metrics at /metrics — pushes by status, queue depth, lateness of due jobs.

const METRICS_TOKEN = 'metrics-token-0123456789';

async function scrape(deps: Omit<HttpDeps, 'logger' | 'summary'>, headers: Record<string, string> = {}): Promise<{ status: number; type: string | null; text: string }> {
  const server = await serve(createHttpApp({ logger: captureLogger('silent').logger, ...deps }));
  try {
    const res = await fetch(`${server.base}/metrics`, { headers });
    return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
  } finally {
    await server.close();
  }
}

/** The value of one sample, e.g. sample(text, 'xinfang_pushes{status="SENT"}'); undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('/metrics', () => {
  let t: TestDatabase;
  let client: QueueClient;
  const prefix = testPrefix();
  const clock = new FixedClock(new Date());

  beforeAll(async () => {
    t = await freshPostgres();
    client = openQueueClient(REDIS_URL, prefix, captureLogger('silent').logger);
    const person = await t.db.prisma.person.create({ data: { name: '测试人员', roles: ['CADRE'] } });
    const push = (key: string, status: 'PENDING' | 'SENT' | 'FAILED' | 'CANCELLED') => ({
      key,
      personId: person.id,
      kind: 'DEADLINE_REMINDER',
      urgency: 'NORMAL',
      payload: {},
      dueAt: clock.now(),
      status,
    });
    await t.db.prisma.push.createMany({ data: [push('a', 'SENT'), push('b', 'SENT'), push('c', 'SENT'), push('d', 'FAILED'), push('e', 'PENDING'), push('f', 'PENDING')] });
  });
  afterAll(async () => {
    await client.close();
    await flushPrefix(prefix);
    await t.drop();
  });

  it('counts the pushes of the outbox by status from the database, in the text exposition format 0.0.4, with the process defaults', async () => {
    const r = await scrape({ db: t.db, clock });
    expect(r.status).toBe(200);
    expect(r.type).toContain('text/plain');
    expect(r.type).toContain('version=0.0.4');
    expect(sample(r.text, 'xinfang_pushes{status="SENT"}')).toBe(3);
    expect(sample(r.text, 'xinfang_pushes{status="FAILED"}')).toBe(1);
    expect(sample(r.text, 'xinfang_pushes{status="PENDING"}')).toBe(2);
    expect(sample(r.text, 'xinfang_pushes{status="CANCELLED"}')).toBe(0);
    expect(sample(r.text, 'xinfang_metrics_source_up{source="database"}')).toBe(1);
    expect(r.text).toContain('# TYPE process_cpu_user_seconds_total counter');
    expect(r.text).toContain('nodejs_heap_size_used_bytes');
  });

  it('has no queue metrics when Redis is not configured', async () => {
    const r = await scrape({ db: t.db, clock });
    expect(r.text).not.toContain('xinfang_queue_');
    expect(r.text).not.toContain('source="redis"');
  });

  it('reports the depth of each queue by state and how late the oldest due job is', async () => {
    const now = clock.now().getTime();
    const iso = (ms: number) => new Date(ms).toISOString();
    const { duties, deliveries } = client.queues;
    // No worker runs: delayed jobs stay delayed even when due, waiting ones wait.
    await duties.add('deadline', { type: 'deadline', caseId: 'c1', dueAt: iso(now - 90_000) } as DutyJobData, { jobId: 'late-delayed', delay: 60_000 });
    await duties.add('deadline', { type: 'deadline', caseId: 'c2', dueAt: iso(now - 30_000) } as DutyJobData, { jobId: 'late-waiting' });
    await duties.add('deadline', { type: 'deadline', caseId: 'c3', dueAt: iso(now + 3_600_000) } as DutyJobData, { jobId: 'future', delay: 3_600_000 });
    await deliveries.add('push', { pushId: 'p1', dueAt: iso(now + 60_000) } as DeliveryJobData, { jobId: 'p1', delay: 60_000 });

    const r = await scrape({ db: t.db, clock, queues: client.queues });
    expect(sample(r.text, 'xinfang_queue_jobs{queue="duties",state="delayed"}')).toBe(2);
    expect(sample(r.text, 'xinfang_queue_jobs{queue="duties",state="waiting"}')).toBe(1);
    expect(sample(r.text, 'xinfang_queue_jobs{queue="duties",state="active"}')).toBe(0);
    expect(sample(r.text, 'xinfang_queue_jobs{queue="deliveries",state="delayed"}')).toBe(1);
    expect(sample(r.text, 'xinfang_queue_jobs{queue="deliveries",state="waiting"}')).toBe(0);
    // The delayed job due 90 s ago is the oldest due one; the future ones are not late.
    expect(sample(r.text, 'xinfang_queue_lateness_seconds{queue="duties"}')).toBe(90);
    expect(sample(r.text, 'xinfang_queue_lateness_seconds{queue="deliveries"}')).toBe(0);
    expect(sample(r.text, 'xinfang_metrics_source_up{source="redis"}')).toBe(1);

    // Promoted into the waiting list, a job still counts from its due time, not from when it was added.
    await (await duties.getJob('future'))!.promote();
    clock.advance(3_600_000 + 15_000);
    const later = await scrape({ db: t.db, clock, queues: client.queues });
    expect(sample(later.text, 'xinfang_queue_jobs{queue="duties",state="waiting"}')).toBe(2);
    expect(sample(later.text, 'xinfang_queue_lateness_seconds{queue="duties"}')).toBe(3_600 + 90 + 15);
    expect(sample(later.text, 'xinfang_queue_lateness_seconds{queue="deliveries"}')).toBe(3_600 + 15 - 60);
    clock.set(new Date(now));
  });

  it('times the jobs of a job scheduler (no dueAt) from their planned time, and other jobs from timestamp + delay', async () => {
    const q = openQueueClient(REDIS_URL, testPrefix(), captureLogger('silent').logger);
    try {
      const now = clock.now().getTime();
      await q.queues.duties.upsertJobScheduler('hourly', { pattern: '0 * * * *' }, { name: 'sweep', data: { type: 'sweep' } as DutyJobData });
      const [scheduled] = await q.queues.duties.getDelayed();
      expect(scheduled?.opts.prevMillis).toBeGreaterThan(now);
      const planned = scheduled!.opts.prevMillis!;
      await scheduled!.promote();
      await q.queues.deliveries.add('push', { pushId: 'p2' } as DeliveryJobData, { jobId: 'p2', timestamp: now - 45_000, delay: 0 });

      const at = planned + 20_000;
      const r = await scrape({ db: t.db, clock: new FixedClock(new Date(at)), queues: q.queues });
      expect(sample(r.text, 'xinfang_queue_jobs{queue="duties",state="waiting"}')).toBe(1);
      expect(sample(r.text, 'xinfang_queue_lateness_seconds{queue="duties"}')).toBe(20);
      expect(sample(r.text, 'xinfang_queue_lateness_seconds{queue="deliveries"}')).toBe((at - (now - 45_000)) / 1000);
    } finally {
      await q.queues.duties.obliterate({ force: true });
      await q.queues.deliveries.obliterate({ force: true });
      await q.close();
    }
  });

  it('leaves out the queue figures, not the whole scrape, when Redis does not answer', async () => {
    const down = openQueueClient('redis://127.0.0.1:1', testPrefix(), captureLogger('silent').logger);
    try {
      const server = await serve(createHttpApp({ db: t.db, logger: captureLogger('silent').logger, clock, queues: down.queues }));
      try {
        const started = Date.now();
        const res = await fetch(`${server.base}/metrics`);
        const text = await res.text();
        expect(res.status).toBe(200);
        expect(Date.now() - started).toBeLessThan(5_000);
        expect(sample(text, 'xinfang_metrics_source_up{source="redis"}')).toBe(0);
        expect(sample(text, 'xinfang_pushes{status="SENT"}')).toBe(3);
        expect(text).not.toMatch(/^xinfang_queue_jobs\{/m);
      } finally {
        await server.close();
      }
    } finally {
      await down.close();
    }
  });

  it('wants the bearer token when METRICS_TOKEN is set', async () => {
    const refused = await scrape({ db: t.db, clock, metricsToken: METRICS_TOKEN });
    expect(refused.status).toBe(401);
    expect(refused.text).not.toContain('xinfang_pushes');
    expect((await scrape({ db: t.db, clock, metricsToken: METRICS_TOKEN }, { Authorization: 'Bearer wrong-token-0123456789' })).status).toBe(401);
    const allowed = await scrape({ db: t.db, clock, metricsToken: METRICS_TOKEN }, { Authorization: `Bearer ${METRICS_TOKEN}` });
    expect(allowed.status).toBe(200);
    expect(sample(allowed.text, 'xinfang_pushes{status="SENT"}')).toBe(3);
  });
});
