import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createNotifier } from '../../src/bot/create-bot.js';
import type { MessagingPort } from '../../src/bot/messaging-port.js';
import type { Scheduler } from '../../src/scheduler/scheduler.js';
import { raiseMajorEvent } from '../../src/usecases/escalation/raise-major-event.js';
import { intakeCase } from '../../src/usecases/intake-case.js';
import { approveOwnership } from '../../src/usecases/ownership/decide-ownership.js';
import { proposeOwnership } from '../../src/usecases/ownership/propose-ownership.js';
import type { PlatformName } from '../../src/usecases/ports/platform.js';
import { captureLogger } from '../support/capture-logger.js';
import type { TestDatabase } from '../support/database.js';
import { buttonsOf, staffOf, useDingTalkSuite, valueOf, type DingTalkHarness } from '../support/dingtalk-harness.js';
import { collectiveCase, ownershipTerms } from '../support/flows.js';
import { drained, schedulerWith, testPrefix } from '../support/scheduler.js';
import { intakeForm, type Township } from '../support/township.js';

// Alerts, acknowledgements and the scheduler's reminders on DingTalk: the same notifier and
// scheduler as for Lark, delivering through the DingTalk messenger to a fake of DingTalk's API.

describe('DingTalk: alerts, acknowledgements and scheduled reminders (real PostgreSQL, real Redis, fake DingTalk)', () => {
  const suite = useDingTalkSuite('2026-10-02T02:00:00+08:00');
  let t: TestDatabase;
  let town: Township;
  let h: DingTalkHarness;
  let s: Scheduler | undefined;
  beforeAll(() => void ({ t, town, h } = suite));
  // Each test's scheduler stops and its alerts close, so the next one's reconciler sees only its own.
  afterEach(async () => {
    await s?.stop();
    s = undefined;
    await t.db.prisma.alert.updateMany({ where: { status: 'OPEN' }, data: { status: 'CLOSED' } });
  });

  const scheduler = async () => {
    s = schedulerWith(town, new Map<PlatformName, MessagingPort>([['DINGTALK', h.platform.messenger]]), testPrefix());
    await s.start();
    return s;
  };
  /** Moves the clock and runs what falls due, as a worker would. */
  async function at(iso: string): Promise<number> {
    town.clock.set(iso);
    const from = h.fake.messages.length;
    for (let round = 0; round < 2; round += 1) {
      await s!.promoteDue();
      await drained(s!);
    }
    await h.idle();
    return from;
  }

  it('R20: each recipient acknowledges a dangerous letter from the alert DingTalk delivered 1:1; the answer shows who has; a repeat has one effect; a non-recipient is refused', async () => {
    const p = town.people;
    town.clock.set('2026-11-24T10:00:00+08:00');
    const since = h.fake.messages.length;
    // Filed on another platform (the office's console): the alert reaches its recipients on DingTalk.
    const { notifications } = await intakeCase(town.deps, town.actor(p.office), intakeForm({ source: 'LETTER', villageId: town.villages.a, content: '村里拖欠我的补偿款，再不解决我就扬言自杀！' }));
    await createNotifier({ deps: town.deps, messengers: new Map<PlatformName, MessagingPort>([['DINGTALK', h.platform.messenger]]), logger: captureLogger('warn').logger }).deliver(notifications);
    const alert = await t.db.prisma.alert.findFirstOrThrow({ where: { kind: 'DANGER_LETTER' }, include: { recipients: true } });
    const recipients = [p.secretary, p.mayor, p.deputy2, p.villageCadre];
    expect(alert.recipients.map((r) => r.personId).sort()).toEqual(recipients.map((r) => r.id).sort());
    const audits = () => t.db.prisma.auditLog.count({ where: { action: 'alert.ack' } });

    for (const [i, who] of recipients.entries()) {
      const delivered = h.messagesTo(who, since).find((m) => buttonsOf(m).some((b) => valueOf(b).a === 'alert.ack'));
      expect(delivered, who.name).toBeDefined();
      const ack = buttonsOf(delivered!).find((b) => valueOf(b).a === 'alert.ack')!;
      await h.click(who, ack, { p2p: true });
      // A robot message cannot be edited: the updated alert card comes as a new message in the same chat.
      const answer = h.lastTextTo(who);
      for (const done of recipients.slice(0, i + 1)) expect(answer).toContain(`${done.name}：已收到`);
      for (const waiting of recipients.slice(i + 1)) expect(answer).toContain(`${waiting.name}：未确认`);
    }
    const after = await t.db.prisma.alert.findUniqueOrThrow({ where: { id: alert.id }, include: { recipients: true } });
    expect(after.status).toBe('CLOSED');
    expect(after.recipients.every((r) => r.stage === 'RECEIVED' && r.ackedAt !== null)).toBe(true);
    expect(await audits()).toBe(4);

    // The same button clicked again (a new message with the same text): nothing changes, and the person is told.
    const again = buttonsOf(h.messagesTo(p.secretary, since)[0]!).find((b) => valueOf(b).a === 'alert.ack')!;
    await h.click(p.secretary, again, { p2p: true });
    expect(h.lastTextTo(p.secretary)).toMatch(/已处理|已确认过/);
    await h.click(p.cadre, again, { p2p: true });
    expect(h.lastTextTo(p.cadre)).toContain('不是该预警的接收人');
    expect(await audits()).toBe(4);
  });

  it('R18: a major event repeats to the silent every 10 minutes through DingTalk; 已出发 from the card stops that person\'s repeats; at the top of the ladder each push is also a DING', async () => {
    const p = town.people;
    town.clock.set('2026-10-02T02:00:00+08:00');
    const { alert } = await raiseMajorEvent(town.deps, town.actor(p.villageCadre), { villageId: town.villages.a, eventKind: 'MASS_INCIDENT', detail: '约60名村民聚集在村委会门口，要求兑现征地补偿款' });
    await scheduler();
    const onAlert = [p.areaLeader, p.stationed, p.villageCadre, p.deputy, p.deputy2];
    const repeat = `【重大事项】${alert.title}`;
    const titles = (from: number, who: typeof p.deputy) => h.messagesTo(who, from).map((m) => m.msgParam.title);

    const t10 = await at('2026-10-02T02:10:00+08:00');
    for (const who of onAlert) expect(titles(t10, who), who.name).toEqual([repeat]);

    // The stationed cadre answers from the card DingTalk delivered: 已出发.
    const onTheWay = buttonsOf(h.messagesTo(p.stationed, t10)[0]!).find((b) => b.title === '已出发')!;
    expect(valueOf(onTheWay)).toMatchObject({ a: 'alert.ack', alertId: alert.id, stage: 'ON_THE_WAY' });
    await h.click(p.stationed, onTheWay, { p2p: true });
    expect((await t.db.prisma.alertRecipient.findFirstOrThrow({ where: { alertId: alert.id, personId: p.stationed.id } })).stage).toBe('ON_THE_WAY');
    const t20 = await at('2026-10-02T02:20:00+08:00');
    expect(titles(t20, p.stationed)).toEqual([]);
    expect(titles(t20, p.areaLeader)).toEqual([repeat]);

    // Nobody else answers: at 30 minutes the principal leaders get it (the leaders in charge, on it from the start, add nobody),
    // and every push of that level is also a DING to its receiver.
    expect(h.fake.dings).toHaveLength(0);
    const t30 = await at('2026-10-02T02:30:00+08:00');
    expect((await t.db.prisma.alert.findUniqueOrThrow({ where: { id: alert.id } })).level).toBe(2);
    const sent = h.fake.messages.slice(t30).flatMap((m) => m.userIds);
    expect(sent).toEqual(expect.arrayContaining([staffOf(p.secretary).staffId, staffOf(p.mayor).staffId]));
    expect(h.fake.dings.map((d) => d.receiverUserIdList.join()).sort()).toEqual([...sent].sort());
    expect(h.fake.dings.every((d) => d.remindType === 1)).toBe(true);
  });

  it('R7/R11: the scheduler reminds the owner leader and the responsible person on DingTalk 3 working days before the deadline, once, with a button to the case', async () => {
    const p = town.people;
    town.clock.set('2026-11-23T09:00:00+08:00');
    const c = await collectiveCase(town);
    const { proposal } = await proposeOwnership(town.deps, town.actor(p.office), ownershipTerms(town, c.id, { deadline: '2026-11-30' }));
    await approveOwnership(town.deps, town.actor(p.approver), { proposalId: proposal.id });
    await scheduler();
    // 30 November is a Monday: 3 working days before is Wednesday 25 November.
    const before = await at('2026-11-24T08:30:00+08:00');
    expect(h.messagesTo(p.deputy, before).filter((m) => m.msgParam.title?.startsWith(c.number))).toHaveLength(0);
    const due = await at('2026-11-25T08:10:00+08:00');
    await at('2026-11-25T08:30:00+08:00');
    for (const who of [p.deputy, p.cadre]) {
      const reminders = h.messagesTo(who, due).filter((m) => m.msgParam.title?.startsWith(c.number));
      expect(reminders.map((m) => m.msgParam.title), who.name).toEqual([`${c.number} 还剩 3 个工作日到期`]);
      const view = buttonsOf(reminders[0]!).find((b) => b.title === '查看案件')!;
      expect(valueOf(view)).toEqual({ a: 'case.view', caseId: c.id });
    }
    const pushes = await t.db.prisma.push.findMany({ where: { caseId: c.id, kind: 'DEADLINE_REMINDER' } });
    expect(pushes.every((x) => x.status === 'SENT' && x.attempts === 1)).toBe(true);
    // The reminder's button works: the case card comes back 1:1.
    await h.click(p.deputy, buttonsOf(h.messagesTo(p.deputy, due).find((m) => m.msgParam.title?.startsWith(c.number))!).find((b) => b.title === '查看案件')!, { p2p: true });
    expect(h.lastTextTo(p.deputy)).toContain(c.title);
  });
});
