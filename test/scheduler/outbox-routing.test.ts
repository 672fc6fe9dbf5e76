import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openQueues, type SchedulerQueues } from '../../src/scheduler/queues.js';
import { createPushQueue } from '../../src/scheduler/push-queue.js';
import type { Scheduler } from '../../src/scheduler/scheduler.js';
import { proposeOwnership } from '../../src/usecases/ownership/propose-ownership.js';
import type { PushQueue } from '../../src/bot/ports/push-queue.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { collectiveCase, ownershipTerms } from '../support/flows.js';
import { startLarkHarness, type LarkHarness } from '../support/lark-harness.js';
import { drained, REDIS_URL, schedulerFor, testPrefix } from '../support/scheduler.js';
import { buildTownship, type Township } from '../support/township.js';

describe('the web role\'s notifications through the outbox (real Redis, real PostgreSQL, fake Lark)', () => {
  let t: TestDatabase;
  let town: Township;
  let h: LarkHarness;
  let queues: SchedulerQueues;
  let worker: Scheduler | undefined;
  const prefix = testPrefix();
  /** The web role's queue, which a test can make fail as if Redis were away. */
  let redisAway = false;
  let web: PushQueue;
  const deadlineJobsOf = async (caseId: string) =>
    (await queues.duties.getDelayed(0, -1)).filter((j) => j.data.type === 'deadline' && j.data.caseId === caseId).map((j) => j.id);
  beforeAll(async () => {
    t = await freshDatabase('postgres');
    town = await buildTownship(t.db, '2026-11-24T23:30:00+08:00');
    const p = town.people;
    queues = openQueues({ host: new URL(REDIS_URL).hostname, port: Number(new URL(REDIS_URL).port || 6379) }, prefix);
    const real = createPushQueue(queues, town.deps);
    const pushQueue: PushQueue = {
      deliver: (pushes) => (redisAway ? Promise.reject(new Error('Connection is closed.')) : real.deliver(pushes)),
      watchAlerts: (ids) => (redisAway ? Promise.reject(new Error('Connection is closed.')) : real.watchAlerts(ids)),
      refreshCases: (ids) => (redisAway ? Promise.reject(new Error('Connection is closed.')) : real.refreshCases(ids)),
    };
    web = real;
    h = await startLarkHarness(t, town, [p.office, p.approver, p.deputy, p.cadre, p.secretary, p.mayor, p.deputy2, p.villageCadre], { pushQueue });
  });
  afterAll(async () => {
    await worker?.stop();
    await queues?.close();
    await h?.close();
    await t?.drop();
  });

  it('R4: an approval clicked late at night is recorded in the outbox and delivered at once by the worker (not held for working hours), once, even when clicked twice', async () => {
    const p = town.people;
    const c = await collectiveCase(town);
    const { proposal } = await proposeOwnership(town.deps, town.actor(p.office), ownershipTerms(town, c.id));
    const since = town.clock.now().getTime();
    const res = await h.click(p.approver, { a: 'ownership.approve', proposalId: proposal.id });
    expect(res.body.toast?.type).toBe('success');
    const pushes = await t.db.prisma.push.findMany({ where: { kind: 'OWNERSHIP_ACTIVATED' } });
    expect(pushes.map((x) => x.personId)).toEqual(expect.arrayContaining([p.deputy.id, p.cadre.id]));
    expect(pushes.every((x) => x.status === 'PENDING' && x.dueAt.getTime() === since)).toBe(true);
    // The case's deadline (30 November, a Monday) is scheduled at once: 3 working days before is Wednesday 25 November.
    expect(await deadlineJobsOf(c.id)).toEqual([`deadline-${c.id}-2026-11-25-DUE_IN_3`]);
    // Nothing went out from the web process itself: delivery is the worker's.
    expect(h.cards(p.deputy).filter((x) => x.message.at >= since)).toHaveLength(0);
    expect(await queues.deliveries.getJobCounts('waiting')).toEqual({ waiting: pushes.length });

    worker = schedulerFor(town, h, prefix, undefined, { periodicPattern: null });
    await worker.start();
    await drained(worker);
    await h.settle();
    expect(h.cards(p.deputy).filter((x) => x.message.at >= since)).toHaveLength(1);
    expect(h.cards(p.cadre).filter((x) => x.message.at >= since)).toHaveLength(1);
    const after = await t.db.prisma.push.findMany({ where: { kind: 'OWNERSHIP_ACTIVATED' }, include: { person: true } });
    // The unit head has no Lark account: recorded as failed with the reason, never silently dropped.
    expect(after.map((x) => `${x.person.name} ${x.status} ${x.lastError ?? ''}`).sort()).toEqual(
      [`${p.cadre.name} SENT `, `${p.deputy.name} SENT `, `${p.unitHead.name} FAILED 收件人没有关联任何平台账号`].sort(),
    );

    const again = await h.click(p.approver, { a: 'ownership.approve', proposalId: proposal.id });
    expect(again.body.toast?.type).not.toBe('success');
    await drained(worker);
    await h.settle();
    expect(await t.db.prisma.push.count({ where: { kind: 'OWNERSHIP_ACTIVATED' } })).toBe(pushes.length);
    expect(h.cards(p.deputy).filter((x) => x.message.at >= since)).toHaveLength(1);
  });

  it('R20: a danger letter filed from the intake card gets its first alert check queued at once; with Redis away its pushes wait in the outbox and the reconciler delivers them', async () => {
    const p = town.people;
    const intake = await h.submit(p.office, 'intake.submit', {
      title: '来信反映征地补偿问题', content: '再不给补偿款我就去北京上访，扬言自杀！', source: 'LETTER', villageId: town.villages.a, petitionerName: '刘大海',
    });
    expect(intake.body.toast?.type).toBe('success');
    const alert = await t.db.prisma.alert.findFirstOrThrow({ where: { kind: 'DANGER_LETTER' } });
    await drained(worker!);
    const checks = (await queues.duties.getDelayed(0, -1)).filter((j) => j.data.type === 'alert' && j.data.alertId === alert.id);
    expect(checks.map((j) => j.data.dueAt)).toEqual([new Date(alert.raisedAt.getTime() + 10 * 60_000).toISOString()]);
    const delivered = await t.db.prisma.push.findMany({ where: { kind: 'DANGER_LETTER' } });
    expect(delivered.length).toBeGreaterThan(0);
    expect(delivered.every((x) => x.status === 'SENT')).toBe(true);

    redisAway = true;
    try {
      const second = await h.submit(p.office, 'intake.submit', {
        title: '联名信反映村务问题', content: '我们二十户联名反映，不解决就集体去北京', source: 'LETTER', villageId: town.villages.a, petitionerName: '王五',
      });
      expect(second.body.toast?.type).toBe('success');
    } finally {
      redisAway = false;
    }
    const waiting = await t.db.prisma.push.findMany({ where: { kind: 'DANGER_LETTER', status: 'PENDING' } });
    expect(waiting.length).toBeGreaterThan(0);
    expect(h.logLines.some((l) => l.msg === 'queue unreachable: pushes wait in the outbox for the reconciler')).toBe(true);
    await worker!.reconcile();
    await drained(worker!);
    await h.settle();
    expect(await t.db.prisma.push.count({ where: { kind: 'DANGER_LETTER', status: { not: 'SENT' } } })).toBe(0);
  });

  it('R10/R11: a moved deadline replaces its reminder job, a closed case has none left waiting', async () => {
    const c = await collectiveCase(town);
    await t.db.prisma.case.update({ where: { id: c.id }, data: { dueOn: new Date('2026-12-04T00:00:00Z') } });
    await web.refreshCases([c.id]);
    expect(await deadlineJobsOf(c.id)).toEqual([`deadline-${c.id}-2026-12-01-DUE_IN_3`]);
    // Extended to 18 December: the old job goes, the new one waits.
    await t.db.prisma.case.update({ where: { id: c.id }, data: { dueOn: new Date('2026-12-18T00:00:00Z'), status: 'EXTENDED' } });
    await web.refreshCases([c.id]);
    expect(await deadlineJobsOf(c.id)).toEqual([`deadline-${c.id}-2026-12-15-DUE_IN_3`]);
    // Resolved: nothing left waiting for it.
    await t.db.prisma.case.update({ where: { id: c.id }, data: { status: 'RESOLVED', resolvedAt: town.clock.now() } });
    await web.refreshCases([c.id]);
    expect(await deadlineJobsOf(c.id)).toEqual([]);
  });

  it('R7: the hourly sweep moves a running deadline the calendar changed under it, and its reminder job follows', async () => {
    await worker!.runPeriodicDuties(); // the calendar the deadlines so far were stored with
    const c = await collectiveCase(town); // 15 working days from Tuesday 24 November: Tuesday 15 December
    await web.refreshCases([c.id]);
    expect(await deadlineJobsOf(c.id)).toEqual([`deadline-${c.id}-2026-12-10-DUE_IN_3`]);
    // A newer built-in schedule (or another process's edit): Monday 7 December becomes a holiday.
    await t.db.prisma.calendarOverride.create({ data: { date: new Date('2026-12-07T00:00:00Z'), isWorkingDay: false } });
    await worker!.runPeriodicDuties();
    expect((await t.db.prisma.case.findUniqueOrThrow({ where: { id: c.id } })).dueOn).toEqual(new Date('2026-12-16T00:00:00Z'));
    expect(await deadlineJobsOf(c.id)).toEqual([`deadline-${c.id}-2026-12-11-DUE_IN_3`]);
  });
});
