import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Person } from '../../src/domain/model.js';
import type { Scheduler } from '../../src/scheduler/scheduler.js';
import { acknowledgeAlert } from '../../src/usecases/escalation/acknowledge-alert.js';
import { raiseMajorEvent } from '../../src/usecases/escalation/raise-major-event.js';
import { updateReminderSettings } from '../../src/usecases/settings/update-reminder-settings.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { startLarkHarness, titleOf, type LarkHarness } from '../support/lark-harness.js';
import { drained, schedulerFor, testPrefix } from '../support/scheduler.js';
import { buildTownship, type Township } from '../support/township.js';

describe('escalation ladders through BullMQ (R18): repeats, climbs, acknowledgements (real Redis, real PostgreSQL, fake Lark)', () => {
  let t: TestDatabase;
  let town: Township;
  let h: LarkHarness;
  let s: Scheduler | undefined;
  beforeAll(async () => {
    t = await freshDatabase('postgres');
    town = await buildTownship(t.db, '2026-10-02T02:00:00+08:00');
    const p = town.people;
    h = await startLarkHarness(t, town, [p.office, p.secretary, p.mayor, p.deputy, p.deputy2, p.areaLeader, p.stationed, p.villageCadre], { sleepMovesClock: true });
  });
  // Each test's scheduler stops and its alerts close, so the next test's reconciler sees only its own.
  afterEach(async () => {
    await s?.stop();
    s = undefined;
    await t.db.prisma.alert.updateMany({ where: { status: 'OPEN' }, data: { status: 'CLOSED' } });
  });
  afterAll(async () => {
    await h?.close();
    await t?.drop();
  });

  /** Moves the clock to hh:mm on 2 October (a National Day holiday, at night) and runs what falls due. */
  async function at(time: string): Promise<number> {
    town.clock.set(`2026-10-02T${time}:00+08:00`);
    const from = town.clock.now().getTime();
    for (let round = 0; round < 2; round += 1) {
      await s!.promoteDue();
      await drained(s!);
    }
    await h.settle();
    return from;
  }

  /** Card titles each person received since `from` (an alert arrives as its card, with the acknowledgement buttons). */
  const received = (from: number, people: Person[]) =>
    Object.fromEntries(people.map((p) => [p.name, h.cards(p).filter((x) => x.message.at >= from).map((x) => titleOf(x.card))]));

  it('R18: an unanswered major event repeats every 10 minutes to those silent, at night on a holiday; an acknowledgement stops exactly that person\'s repeats; at 30 minutes it climbs past the leaders in charge (alerted from the start, a level that adds nobody) straight to the principal leaders; once all acknowledge, it closes and nothing more is scheduled', async () => {
    const p = town.people;
    const { alert } = await raiseMajorEvent(town.deps, town.actor(p.villageCadre), { villageId: town.villages.a, eventKind: 'MASS_INCIDENT', detail: '约60名村民聚集在村委会门口，要求兑现征地补偿款' });
    s = schedulerFor(town, h, testPrefix());
    await s.start();
    const onAlert = [p.areaLeader, p.stationed, p.villageCadre, p.deputy, p.deputy2];
    const repeat = `【重大事项】${alert.title}`;

    const t10 = await at('02:10');
    expect(received(t10, onAlert)).toEqual(Object.fromEntries(onAlert.map((x) => [x.name, [repeat]])));

    // The stationed cadre is on site; the village cadre is on the way: both answered, so no more repeats for them.
    await acknowledgeAlert(town.deps, town.actor(p.stationed), { alertId: alert.id, stage: 'ON_SITE' });
    await acknowledgeAlert(town.deps, town.actor(p.villageCadre), { alertId: alert.id, stage: 'ON_THE_WAY' });
    const t20 = await at('02:20');
    expect(received(t20, onAlert)).toEqual({ [p.areaLeader.name]: [repeat], [p.stationed.name]: [], [p.villageCadre.name]: [], [p.deputy.name]: [repeat], [p.deputy2.name]: [repeat] });

    // 30 minutes: not everyone reached the required stage. The leaders in charge (level 1) are on the
    // alert already: the climb passes them and reaches the principal leaders at once.
    const t30 = await at('02:30');
    // The leaders in charge hear of the climb (and get no second repeat); the silent area leader is repeated to.
    expect(received(t30, onAlert)).toEqual({ [p.areaLeader.name]: [repeat], [p.stationed.name]: [], [p.villageCadre.name]: [], [p.deputy.name]: [repeat], [p.deputy2.name]: [repeat] });
    expect(Object.values(received(t30, [p.secretary, p.mayor])).map((titles) => titles.length)).toEqual([1, 1]);
    const climb = await t.db.prisma.push.findMany({ where: { kind: 'ALERT_ESCALATED', payload: { path: ['alertId'], equals: alert.id } } });
    expect(climb.map((x) => x.personId).sort()).toEqual([p.deputy.id, p.deputy2.id, p.secretary.id, p.mayor.id].sort());
    expect((await t.db.prisma.alert.findUniqueOrThrow({ where: { id: alert.id } })).level).toBe(2);

    // Everyone acknowledges: the next check closes the alert and schedules nothing after it.
    await acknowledgeAlert(town.deps, town.actor(p.areaLeader), { alertId: alert.id, stage: 'ON_SITE' });
    await acknowledgeAlert(town.deps, town.actor(p.villageCadre), { alertId: alert.id, stage: 'ON_SITE' });
    for (const leader of [p.deputy, p.deputy2, p.secretary, p.mayor]) await acknowledgeAlert(town.deps, town.actor(leader), { alertId: alert.id, stage: 'RECEIVED' });
    const t40 = await at('02:40');
    expect(Object.values(received(t40, onAlert)).flat()).toEqual([]);
    expect((await t.db.prisma.alert.findUniqueOrThrow({ where: { id: alert.id } })).status).toBe('CLOSED');
    expect((await s.queues.duties.getDelayed(0, -1)).filter((j) => j.data.type === 'alert')).toHaveLength(0);
    const pushes = await t.db.prisma.push.findMany({ where: { payload: { path: ['alertId'], equals: alert.id } } });
    expect(pushes.length).toBeGreaterThan(0);
    expect(pushes.every((x) => x.status === 'SENT' && x.attempts === 1)).toBe(true);
  });

  it('R18: at the top of the ladder (principal leaders, after 30 minutes: the leaders in charge add nobody) every push also goes through Lark 加急; below it, none does', async () => {
    const p = town.people;
    town.clock.set('2026-10-02T05:00:00+08:00');
    const { alert } = await raiseMajorEvent(town.deps, town.actor(p.villageCadre), { villageId: town.villages.a, eventKind: 'MASS_INCIDENT', detail: '聚集人数增加' });
    s = schedulerFor(town, h, testPrefix());
    await s.start();
    const buzzedBefore = h.fake.urgents.length;
    for (const time of ['05:10', '05:20']) await at(time);
    expect(h.fake.urgents.length).toBe(buzzedBefore);
    const t30 = await at('05:30');
    expect((await t.db.prisma.alert.findUniqueOrThrow({ where: { id: alert.id } })).level).toBe(2);
    const sentAt30 = h.fake.messages.filter((m) => m.at >= t30);
    const buzzed = h.fake.urgents.slice(buzzedBefore);
    expect(buzzed.every((u) => u.channel === 'app' && u.userIdType === 'open_id')).toBe(true);
    // Each message of the top level is buzzed to exactly the person it was sent to.
    expect(buzzed.map((u) => `${u.message_id}>${u.users.join()}`).sort()).toEqual(sentAt30.map((m) => `${m.message_id}>${m.receive_id}`).sort());
    const principals = [p.secretary, p.mayor].map((x) => h.ids(x).open_id);
    for (const id of principals) expect(buzzed.some((u) => u.users.includes(id))).toBe(true);
  });

  it('R18: after a restart with Redis empty, the reconciler finds the open alert and the ladder goes on from the database', async () => {
    const p = town.people;
    town.clock.set('2026-10-02T07:00:00+08:00');
    const { alert } = await raiseMajorEvent(town.deps, town.actor(p.villageCadre), { villageId: town.villages.a, eventKind: 'MASS_INCIDENT', detail: '村民再次聚集，情绪激动' });
    // No scheduler was running when it was raised: the first one to start picks it up.
    s = schedulerFor(town, h, testPrefix());
    await s.start();
    const t10 = await at('07:10');
    expect(received(t10, [p.areaLeader])[p.areaLeader.name]).toEqual([`【重大事项】${alert.title}`]);
  });

  it('R18: the intervals are the reminder settings of the moment: changed at run time to 5-minute repeats and a 15-minute climb, the running scheduler follows', async () => {
    const p = town.people;
    town.clock.set('2026-10-02T09:00:00+08:00');
    s = schedulerFor(town, h, testPrefix());
    await s.start();
    await updateReminderSettings(town.deps, town.actor(p.office), { alertRepeatMinutes: 5, alertClimbMinutes: 15 });
    try {
      const { alert, nextCheckAt } = await raiseMajorEvent(town.deps, town.actor(p.villageCadre), { villageId: town.villages.a, eventKind: 'MASS_INCIDENT', detail: '村民再次聚集' });
      expect(nextCheckAt).toEqual(new Date('2026-10-02T09:05:00+08:00'));
      await s.reconcile(); // the reconciler finds the new alert (the web role may also schedule it at once)
      const repeat = `【重大事项】${alert.title}`;
      const t5 = await at('09:05');
      expect(received(t5, [p.areaLeader])).toEqual({ [p.areaLeader.name]: [repeat] });
      const t10 = await at('09:10');
      expect(received(t10, [p.areaLeader])).toEqual({ [p.areaLeader.name]: [repeat] });
      expect((await t.db.prisma.alert.findUniqueOrThrow({ where: { id: alert.id } })).level).toBe(0);
      await at('09:15');
      expect((await t.db.prisma.alert.findUniqueOrThrow({ where: { id: alert.id } })).level).toBe(2);
    } finally {
      await updateReminderSettings(town.deps, town.actor(p.office), { alertRepeatMinutes: 10, alertClimbMinutes: 30 });
    }
  });
});
