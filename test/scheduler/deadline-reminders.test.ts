import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/lib/local-date.js';
import type { Person } from '../../src/domain/model.js';
import type { Scheduler } from '../../src/scheduler/scheduler.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { approveOwnership } from '../../src/usecases/ownership/decide-ownership.js';
import { proposeOwnership } from '../../src/usecases/ownership/propose-ownership.js';
import { collectiveCase, ownershipTerms } from '../support/flows.js';
import { startLarkHarness, titleOf, type LarkHarness } from '../support/lark-harness.js';
import { drained, flushPrefix, schedulerFor, testPrefix } from '../support/scheduler.js';
import { buildTownship, type Township } from '../support/township.js';

describe('deadline reminders through BullMQ (real Redis, real PostgreSQL, fake Lark)', () => {
  let t: TestDatabase;
  let town: Township;
  let h: LarkHarness;
  const running: Scheduler[] = [];
  beforeAll(async () => {
    t = await freshDatabase('postgres');
    town = await buildTownship(t.db, '2026-09-28T09:00:00+08:00');
    const p = town.people;
    h = await startLarkHarness(t, town, [p.office, p.secretary, p.mayor, p.deputy, p.cadre], { sleepMovesClock: true });
  });
  // Each test's schedulers stop, and its cases close, so the next test's reconciler sees only its own.
  afterEach(async () => {
    for (const s of running.splice(0)) await s.stop();
    await t.db.prisma.case.updateMany({ where: { status: 'IN_PROGRESS' }, data: { status: 'RESOLVED', resolvedAt: town.clock.now() } });
  });
  afterAll(async () => {
    await h?.close();
    await t?.drop();
  });

  /** Deadlines only: the hourly sweep of the periodic duties is test/scheduler/periodic-duties.test.ts's. */
  async function start(prefix: string, opts: Parameters<typeof schedulerFor>[3] = undefined): Promise<Scheduler> {
    const s = schedulerFor(town, h, prefix, opts, { periodicPattern: null });
    running.push(s);
    await s.start();
    return s;
  }

  /** An owned case (R4: owner deputy, responsible cadre) whose deadline is `dueOn`. */
  async function caseDueOn(dueOn: string) {
    const c = await collectiveCase(town);
    const { proposal } = await proposeOwnership(town.deps, town.actor(town.people.office), ownershipTerms(town, c.id, { deadline: dueOn }));
    const { case: owned } = await approveOwnership(town.deps, town.actor(town.people.approver), { proposalId: proposal.id });
    expect(owned.dueOn).toBe(dueOn);
    return owned;
  }

  const delayedFor = async (s: Scheduler, caseId: string) => (await s.queues.duties.getDelayed(0, -1)).filter((j) => j.data.type === 'deadline' && j.data.caseId === caseId).length;

  /** Reminder titles each person received, per day, for one case. */
  function received(number: string, people: Record<string, Person>, since: number): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const [name, person] of Object.entries(people)) {
      out[name] = h.cards(person).filter((x) => x.message.at >= since && titleOf(x.card).startsWith(number)).map((x) => titleOf(x.card));
    }
    return out;
  }

  /** Lives through each morning (08:10, then 08:30: pushes are spread over 5 minutes), running what falls due, as a worker would. */
  async function liveThrough(schedulers: Scheduler[], from: string, to: string, each?: (day: string) => Promise<void>) {
    for (let day = from; day <= to; day = addDays(day, 1)) {
      for (const time of ['08:10', '08:30']) {
        town.clock.set(`${day}T${time}:00+08:00`);
        for (const s of schedulers) await s.promoteDue();
        for (const s of schedulers) await drained(s);
      }
      await h.settle();
      await each?.(day);
    }
  }

  it('R7/R11: across National Day 2026 a case due 12 October is reminded 3 working days before, the working day before (a make-up Saturday) and on the day; then daily overdue to the office, and from 5 working days to the principal leaders — each push once', async () => {
    const p = town.people;
    town.clock.set('2026-09-28T09:00:00+08:00');
    const c = await caseDueOn('2026-10-12');
    const since = town.clock.now().getTime();
    const s = await start(testPrefix());
    const days: Record<string, string[]> = {};
    await liveThrough([s], '2026-09-28', '2026-10-20', async (day) => {
      const sentToday = h.fake.messages.filter((m) => m.at >= Date.parse(`${day}T00:00:00+08:00`) && m.receive_id === h.ids(p.deputy).open_id);
      if (sentToday.length) days[day] = sentToday.map((m) => titleOf(JSON.parse(m.content)));
    });
    expect(days).toEqual({
      '2026-10-08': [`${c.number} 还剩 3 个工作日到期`],
      '2026-10-10': [`${c.number} 下一个工作日到期`],
      '2026-10-12': [`${c.number} 今天到期`],
      '2026-10-13': [`${c.number} 已逾期 1 个工作日`],
      '2026-10-14': [`${c.number} 已逾期 2 个工作日`],
      '2026-10-15': [`${c.number} 已逾期 3 个工作日`],
      '2026-10-16': [`${c.number} 已逾期 4 个工作日`],
      '2026-10-19': [`${c.number} 已逾期 5 个工作日`],
      '2026-10-20': [`${c.number} 已逾期 6 个工作日`],
    });
    const got = received(c.number, { deputy: p.deputy, cadre: p.cadre, office: p.office, secretary: p.secretary, mayor: p.mayor }, since);
    expect(got.cadre).toEqual(got.deputy);
    expect(got.office).toHaveLength(6);
    expect(got.secretary).toEqual([`${c.number} 已逾期 5 个工作日`, `${c.number} 已逾期 6 个工作日`]);
    expect(got.mayor).toEqual(got.secretary);
    const pushes = await t.db.prisma.push.findMany({ where: { caseId: c.id } });
    expect(pushes.every((x) => x.status === 'SENT' && x.attempts === 1)).toBe(true);
    expect(pushes).toHaveLength(9 * 2 + 6 + 2 * 2);
    // Routine pushes go out inside working hours, spread over the first minutes of 08:00.
    for (const x of pushes) expect(x.sentAt!.getTime() - Date.parse(`${x.sentAt!.toISOString().slice(0, 10)}T00:00:00Z`)).toBeGreaterThanOrEqual(0);
  });

  it('R11: a resolved case makes its pending reminder job a no-op, and nothing more is scheduled', async () => {
    town.clock.set('2026-11-02T09:00:00+08:00');
    const c = await caseDueOn('2026-11-06');
    const s = await start(testPrefix());
    expect(await delayedFor(s, c.id)).toBe(1);
    await t.db.prisma.case.update({ where: { id: c.id }, data: { status: 'RESOLVED', resolvedAt: town.clock.now() } });
    await liveThrough([s], '2026-11-03', '2026-11-10');
    expect(await t.db.prisma.push.count({ where: { caseId: c.id } })).toBe(0);
    expect(await delayedFor(s, c.id)).toBe(0);
  });

  it('Redis loses every job mid-run: the reconciler rebuilds them from the database and each reminder still reaches each person exactly once', async () => {
    const p = town.people;
    town.clock.set('2026-11-09T09:00:00+08:00');
    const c = await caseDueOn('2026-11-13');
    const since = town.clock.now().getTime();
    const prefix = testPrefix();
    let s = await start(prefix);
    await liveThrough([s], '2026-11-10', '2026-11-11');
    // 12 November: the day's pushes are recorded, some not yet delivered, when Redis loses everything.
    town.clock.set('2026-11-12T08:00:00+08:00');
    await s.promoteDue();
    await drained(s);
    // Recorded, spread over 08:00–08:05, so not yet delivered.
    expect(await t.db.prisma.push.count({ where: { caseId: c.id, status: 'PENDING' } })).toBe(2);
    running.splice(running.indexOf(s), 1);
    await s.stop();
    expect(await flushPrefix(prefix)).toBeGreaterThan(0);
    s = await start(prefix); // start() reconciles
    await liveThrough([s], '2026-11-12', '2026-11-16');
    const got = received(c.number, { deputy: p.deputy, cadre: p.cadre }, since);
    expect(got.deputy).toEqual([`${c.number} 还剩 3 个工作日到期`, `${c.number} 下一个工作日到期`, `${c.number} 今天到期`, `${c.number} 已逾期 1 个工作日`]);
    expect(got.cadre).toEqual(got.deputy);
    expect(await t.db.prisma.push.count({ where: { caseId: c.id, status: { not: 'SENT' } } })).toBe(0);
  });

  it('two workers and duplicate jobs: each push is delivered once', async () => {
    const p = town.people;
    town.clock.set('2026-11-16T09:00:00+08:00');
    const c = await caseDueOn('2026-11-19');
    const since = town.clock.now().getTime();
    const prefix = testPrefix();
    const a = await start(prefix);
    const b = await start(prefix);
    await a.reconcile();
    await b.reconcile();
    await liveThrough([a, b], '2026-11-17', '2026-11-19', async () => {
      // Someone re-adds every pending push and duty again, from both sides.
      await a.reconcile();
      await b.reconcile();
    });
    const got = received(c.number, { deputy: p.deputy, cadre: p.cadre }, since);
    // 16 November is itself 3 working days before: that reminder goes out at once.
    expect(got.deputy).toEqual([`${c.number} 还剩 3 个工作日到期`, `${c.number} 下一个工作日到期`, `${c.number} 今天到期`]);
    expect(got.cadre).toEqual(got.deputy);
    const uuids = h.fake.messages.filter((m) => m.at >= since).map((m) => m.uuid);
    expect(new Set(uuids).size).toBe(uuids.length);
  });

  it('a failing platform (5xx, then recovery): the push is retried later, recorded, delivered once', async () => {
    const p = town.people;
    town.clock.set('2026-11-23T09:00:00+08:00');
    const c = await caseDueOn('2026-11-25');
    const since = town.clock.now().getTime();
    const s = await start(testPrefix());
    // The sender tries 5 times per job: 12 failures take two failed jobs, the third goes through.
    h.fake.failNext(12, 500, { path: /im\/v1\/messages/ });
    for (const time of ['08:10', '08:30']) {
      town.clock.set(`2026-11-24T${time}:00+08:00`);
      await s.promoteDue();
      await drained(s);
    }
    await waitFor(async () => (await t.db.prisma.push.count({ where: { caseId: c.id, status: 'SENT' } })) === 2);
    await h.settle();
    const pushes = await t.db.prisma.push.findMany({ where: { caseId: c.id }, orderBy: { attempts: 'desc' } });
    expect(pushes.map((x) => x.status)).toEqual(['SENT', 'SENT']);
    // 12 failures at 5 sender tries per job attempt: two job attempts failed, each push went once.
    expect(pushes.reduce((sum, x) => sum + x.attempts, 0)).toBe(4);
    expect(pushes.every((x) => x.lastError === null)).toBe(true);
    const got = received(c.number, { deputy: p.deputy, cadre: p.cadre }, since);
    expect(got.deputy).toEqual([`${c.number} 下一个工作日到期`]);
    expect(got.cadre).toEqual(got.deputy);
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
