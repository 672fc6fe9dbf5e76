import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/lib/local-date.js';
import { PERIODIC_SCHEDULER_ID } from '../../src/scheduler/queues.js';
import type { Scheduler } from '../../src/scheduler/scheduler.js';
import { addProgress } from '../../src/usecases/cases/add-progress.js';
import type { Person } from '../../src/domain/model.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { ownedCase } from '../support/flows.js';
import { startLarkHarness, type LarkHarness } from '../support/lark-harness.js';
import { resolvedCase } from '../support/resolved-case.js';
import { drained, schedulerFor, testPrefix } from '../support/scheduler.js';
import { buildTownship, type Township } from '../support/township.js';

describe('periodic duties through the hourly sweep (real Redis, real PostgreSQL, fake Lark)', () => {
  let t: TestDatabase;
  let town: Township;
  let h: LarkHarness;
  let s: Scheduler | undefined;
  beforeAll(async () => {
    t = await freshDatabase('postgres');
    town = await buildTownship(t.db, '2026-11-02T07:00:00+08:00');
    const p = town.people;
    h = await startLarkHarness(t, town, [p.office, p.deputy, p.cadre, p.secretary, p.mayor, p.approver, p.areaLeader], { sleepMovesClock: true });
  });
  afterAll(async () => {
    await s?.stop();
    await h?.close();
    await t?.drop();
  });

  /** Cards a person got on `day` whose JSON contains `text`. */
  const cardsOn = (person: Person, day: string, text: string) => {
    const from = Date.parse(`${day}T00:00:00+08:00`);
    const to = from + 86_400_000;
    return h.cards(person).filter((x) => x.message.at >= from && x.message.at < to && JSON.stringify(x.card).includes(text));
  };

  /** The worker's hours of one day: what reconcile (the hour's sweep) and promoteDue deliver. */
  async function runDay(day: string, hours = ['07:00', '09:00', '15:00']): Promise<void> {
    for (const hm of hours) {
      town.clock.set(`${day}T${hm}:00+08:00`);
      await s!.reconcile();
      await drained(s!);
      await s!.promoteDue();
      await drained(s!);
    }
    // Spread pushes (up to 5 minutes after the window opens) come due by the next hour.
    await h.settle();
  }

  it('R2, R27, R26, R7 and the weekly summary: each reminder once, on its day, within working hours; the job scheduler runs hourly in Beijing time', async () => {
    const p = town.people;
    const owned = await ownedCase(town); // weekly reporting, active from Monday 2 November 07:00
    // Resolved on 16 October: the 30-day call-back window ends on 15 November, a Sunday → Monday 16 November.
    const resolved = await resolvedCase(t, town, { resolvedAt: '2026-10-16T10:00:00+08:00', title: '宅基地界址纠纷' });
    await t.db.prisma.caseReview.create({
      data: { caseId: resolved.id, kind: 'REVIEW', requestedAt: new Date('2026-10-20T10:00:00+08:00'), dueOn: new Date('2026-11-06T00:00:00Z'), recordedById: p.office.id },
    });
    s = schedulerFor(town, h, testPrefix());
    await s.start();
    expect(await s.queues.duties.getJobSchedulers()).toEqual([expect.objectContaining({ key: PERIODIC_SCHEDULER_ID, pattern: '0 * * * *', tz: 'Asia/Shanghai' })]);

    const seen: string[] = [];
    const note = (day: string, who: string, person: Person, text: string) => {
      const n = cardsOn(person, day, text).length;
      if (n) seen.push(`${day} ${who} ${text}${n > 1 ? ` ×${n}` : ''}`);
    };
    for (let day = '2026-11-02'; day <= '2026-11-17'; day = addDays(day, 1)) {
      await runDay(day);
      if (day === '2026-11-10') await addProgress(town.deps, town.actor(p.cadre), { caseId: owned.id, tag: 'INVESTIGATION', content: '已现场测量，双方认可' });
      note(day, 'deputy', p.deputy, '请报送办理进展');
      note(day, 'cadre', p.cadre, '请报送办理进展');
      note(day, 'office', p.office, '回访期限');
      note(day, 'office', p.office, '复查意见');
      note(day, 'mayor', p.mayor, '信访工作周报');
      note(day, 'office', p.office, '信访工作周报');
      note(day, 'office', p.office, '放假安排');
    }
    expect(seen).toEqual([
      '2026-11-02 mayor 信访工作周报',
      '2026-11-02 office 信访工作周报',
      '2026-11-02 office 放假安排', // R7: chinese-days has no 2027 yet: once a week from November
      '2026-11-03 office 复查意见', // 3 working days before Friday 6 November
      '2026-11-05 office 复查意见', // the working day before
      '2026-11-06 deputy 请报送办理进展', // the first weekly period ends Monday 9 November
      '2026-11-06 cadre 请报送办理进展',
      '2026-11-06 office 复查意见', // the day itself
      '2026-11-09 office 复查意见', // then each working day overdue
      '2026-11-09 mayor 信访工作周报',
      '2026-11-09 office 信访工作周报',
      '2026-11-09 office 放假安排',
      '2026-11-10 office 复查意见',
      '2026-11-11 office 回访期限', // 3 working days before Monday 16 November
      '2026-11-11 office 复查意见',
      '2026-11-12 office 复查意见',
      '2026-11-13 office 回访期限', // the working day before
      '2026-11-13 office 复查意见',
      // No R2 reminder on Friday 13: progress came in on Tuesday 10 November, within the second period.
      '2026-11-16 office 回访期限',
      '2026-11-16 office 复查意见',
      '2026-11-16 mayor 信访工作周报',
      '2026-11-16 office 信访工作周报',
      '2026-11-16 office 放假安排',
      '2026-11-17 office 复查意见',
    ]);
    // Routine pushes only inside working hours, never at 07:00.
    for (const x of h.cards()) {
      const minute = Math.floor(((x.message.at + 8 * 3_600_000) % 86_400_000) / 60_000);
      expect(minute).toBeGreaterThanOrEqual(8 * 60);
    }
    // The sweep ran the system jobs too: the call-back window passed on 16 November → 逾期未评价 (R27).
    const after = await t.db.prisma.case.findUniqueOrThrow({ where: { id: resolved.id } });
    expect(after.status).toBe('FOLLOWED_UP');
    // The weekly card carries the week's figures: both cases were taken in on Monday 2 November.
    const weekly = await t.db.prisma.push.findFirstOrThrow({ where: { key: `weekly:2026-11-02|${p.mayor.id}` } });
    expect((weekly.payload as { weekly: unknown }).weekly).toMatchObject({ from: '2026-11-02', to: '2026-11-08', received: 2, resolved: 0, openNow: 1, overdueNow: 0 });
    // Every push recorded was delivered, none twice.
    const pushes = await t.db.prisma.push.findMany();
    expect(pushes.every((x) => x.status === 'SENT')).toBe(true);
    expect(new Set(pushes.map((x) => x.key)).size).toBe(pushes.length);
  });

  it('R15: on the 20th the sweep reminds each linked leader with no visit this month, once, however often it runs', async () => {
    const p = town.people;
    for (const hm of ['09:00', '10:00', '16:00']) {
      town.clock.set(`2026-11-20T${hm}:00+08:00`);
      await s!.reconcile();
      await drained(s!);
      await s!.promoteDue();
      await drained(s!);
    }
    await h.settle();
    expect(cardsOn(p.deputy, '2026-11-20', '2026年11月尚未下访')).toHaveLength(1);
    expect(cardsOn(p.areaLeader, '2026-11-20', '2026年11月尚未下访')).toHaveLength(1);
    expect(cardsOn(p.mayor, '2026-11-20', '尚未下访')).toHaveLength(0);
  });
});
