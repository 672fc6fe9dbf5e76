import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { acknowledgeAlert } from '../../src/usecases/escalation/acknowledge-alert.js';
import { checkAlert } from '../../src/usecases/escalation/check-alert.js';
import { raiseMajorEvent } from '../../src/usecases/escalation/raise-major-event.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { buildTownship, type Township } from '../support/township.js';

const MIN = 60_000;

describe.each(['postgres', 'embedded'] as const)('R18 major events on %s', (kind) => {
  let t: TestDatabase;
  let town: Township;
  beforeAll(async () => {
    t = await freshDatabase(kind);
    town = await buildTownship(t.db);
  });
  afterAll(() => t.drop());

  const raise = (overrides: Record<string, unknown> = {}) =>
    raiseMajorEvent(town.deps, town.actor(town.people.villageCadre), {
      villageId: town.villages.a,
      eventKind: 'MASS_INCIDENT',
      detail: '约60名村民聚集在村委会门口，要求兑现征地补偿款',
      ...overrides,
    });
  const ack = (who: keyof Township['people'], alertId: string, stage: string) => acknowledgeAlert(town.deps, town.actor(town.people[who]), { alertId, stage });
  const counts = async () => {
    const p = t.db.prisma;
    return { alerts: await p.alert.count(), recipients: await p.alertRecipient.count(), audit: await p.auditLog.count() };
  };

  it('R18: the area leader, stationed and village cadres must go on site; the leaders in charge take command; all are alerted at once', async () => {
    town.clock.set('2026-11-02T09:00:00+08:00');
    const { alert, notifications, nextCheckAt } = await raise();
    const p = town.people;
    expect(alert.kind).toBe('MAJOR_EVENT');
    expect(alert.eventKind).toBe('MASS_INCIDENT');
    expect(alert.title).toBe('青山村群体性事件');
    expect(alert.recipients.map((r) => [r.personId, r.reason, r.required, r.level, r.stage]).sort()).toEqual(
      [
        [p.areaLeader.id, 'AREA_LEADER', 'ON_SITE', 0, 'NONE'],
        [p.stationed.id, 'STATIONED_CADRE', 'ON_SITE', 0, 'NONE'],
        [p.villageCadre.id, 'VILLAGE_CADRE', 'ON_SITE', 0, 'NONE'],
        [p.deputy.id, 'LEADER_IN_CHARGE', 'RECEIVED', 0, 'NONE'],
        [p.deputy2.id, 'LEADER_IN_CHARGE', 'RECEIVED', 0, 'NONE'],
      ].sort(),
    );
    const respond = notifications.find((n) => n.key.endsWith(':respond'))!;
    const receive = notifications.find((n) => n.key.endsWith(':receive'))!;
    expect(respond).toMatchObject({ kind: 'MAJOR_EVENT', urgency: 'CRITICAL', requiresAck: true, alertId: alert.id, urgentChannel: false });
    expect(respond.recipientIds.sort()).toEqual([p.areaLeader.id, p.stationed.id, p.villageCadre.id].sort());
    expect(respond.body).toContain('已到场');
    expect(receive.recipientIds.sort()).toEqual([p.deputy.id, p.deputy2.id].sort());
    expect(receive.body).toContain('靠前指挥');
    expect(notifications.find((n) => n.key.endsWith(':office'))!.recipientIds).toEqual([p.office.id]);
    expect(nextCheckAt).toEqual(new Date(Date.parse('2026-11-02T09:00:00+08:00') + 10 * MIN));
    const audit = await t.db.prisma.auditLog.findMany({ where: { entityId: alert.id } });
    expect(audit.map((a) => a.action)).toEqual(['alert.raise']);
  });

  it('R18: an unanswered alert repeats every 10 minutes and at 30 climbs past the leaders in charge (alerted from the start) to the principal leaders (urgent); nothing climbs after the top', async () => {
    town.clock.set('2026-11-03T09:00:00+08:00');
    const { alert } = await raise();
    const p = town.people;
    town.clock.advance(10 * MIN);
    const at10 = await checkAlert(town.deps, { alertId: alert.id });
    expect(at10.step.climb).toBeNull();
    expect(at10.notifications.flatMap((n) => n.recipientIds)).toHaveLength(5);
    expect(at10.notifications.every((n) => n.title.startsWith('【再次提醒】'))).toBe(true);
    town.clock.advance(20 * MIN);
    const at30 = await checkAlert(town.deps, { alertId: alert.id });
    expect(at30.alert.level).toBe(2);
    const escalated30 = at30.notifications.find((n) => n.kind === 'ALERT_ESCALATED')!;
    // The leaders in charge, passed over, hear of the climb with the principal leaders it reached.
    expect(escalated30.recipientIds.sort()).toEqual([p.deputy.id, p.deputy2.id, p.secretary.id, p.mayor.id].sort());
    expect(escalated30.title).toContain('预警升级至主要领导');
    expect(escalated30.body).toContain(p.stationed.name);
    expect(at30.notifications.every((n) => n.urgentChannel)).toBe(true);
    expect(at30.alert.recipients.filter((r) => r.level === 0).every((r) => r.missedAt !== null && r.stageAtMiss === 'NONE')).toBe(true);
    const principals = at30.alert.recipients.filter((r) => r.level === 2);
    expect(principals.map((r) => [r.personId, r.reason, r.required]).sort()).toEqual(
      [[p.secretary.id, 'PRINCIPAL_LEADER', 'RECEIVED'], [p.mayor.id, 'PRINCIPAL_LEADER', 'RECEIVED']].sort(),
    );
    town.clock.advance(30 * MIN);
    const at60 = await checkAlert(town.deps, { alertId: alert.id });
    expect(at60.step.climb).toBeNull();
    expect(at60.notifications.every((n) => n.urgentChannel)).toBe(true);
    const actions = (await t.db.prisma.auditLog.findMany({ where: { entityId: alert.id }, orderBy: { seq: 'asc' } })).map((a) => a.action);
    expect(actions).toEqual(['alert.raise', 'alert.repeat', 'alert.escalate', 'alert.repeat', 'alert.repeat']);
  });

  it('R18: stages go forward only, the same acknowledgement twice has one effect, and an ack stops exactly that recipient\'s repeats', async () => {
    town.clock.set('2026-11-04T09:00:00+08:00');
    const { alert } = await raise();
    const p = town.people;
    expect((await ack('stationed', alert.id, 'ON_THE_WAY')).changed).toBe(true);
    const same = await Promise.all(Array.from({ length: 5 }, () => ack('stationed', alert.id, 'ON_SITE')));
    expect(same.filter((r) => r.changed)).toHaveLength(1);
    expect((await ack('stationed', alert.id, 'ON_THE_WAY')).changed).toBe(false);
    const acks = await t.db.prisma.auditLog.findMany({ where: { action: 'alert.ack', entityId: `${alert.id}:${p.stationed.id}` }, orderBy: { seq: 'asc' } });
    expect(acks.map((a) => JSON.parse(a.after!).stage)).toEqual(['ON_THE_WAY', 'ON_SITE']);
    const row = await t.db.prisma.alertRecipient.findUniqueOrThrow({ where: { alertId_personId: { alertId: alert.id, personId: p.stationed.id } } });
    expect(row.stage).toBe('ON_SITE');
    expect(row.ackedAt).toEqual(new Date('2026-11-04T09:00:00+08:00'));

    await ack('deputy', alert.id, 'RECEIVED');
    town.clock.advance(10 * MIN);
    const { step } = await checkAlert(town.deps, { alertId: alert.id });
    expect([...step.repeatTo].sort()).toEqual([p.areaLeader.id, p.villageCadre.id, p.deputy2.id].sort());
  });

  it('R18: only a recipient may acknowledge; the alert closes when everyone reached the required stage', async () => {
    town.clock.set('2026-11-05T09:00:00+08:00');
    const { alert } = await raise();
    await expect(ack('outsider', alert.id, 'RECEIVED')).rejects.toMatchObject({ code: 'FORBIDDEN', message: '您不是该预警的接收人，无需确认' });
    await expect(ack('secretary', alert.id, 'RECEIVED')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    for (const who of ['areaLeader', 'stationed'] as const) await ack(who, alert.id, 'ON_SITE');
    await ack('deputy', alert.id, 'RECEIVED');
    await ack('deputy2', alert.id, 'RECEIVED');
    const onTheWay = await ack('villageCadre', alert.id, 'ON_THE_WAY');
    expect(onTheWay.closed).toBe(false);
    expect(onTheWay.alert.status).toBe('OPEN');
    const last = await ack('villageCadre', alert.id, 'ON_SITE');
    expect(last).toMatchObject({ changed: true, closed: true });
    expect(last.alert.status).toBe('CLOSED');
    town.clock.advance(60 * MIN);
    const after = await checkAlert(town.deps, { alertId: alert.id });
    expect(after.step).toMatchObject({ close: false, repeatTo: [], climb: null, nextCheckAt: null });
    expect(after.notifications).toEqual([]);
  });

  it('R18: bad input or a person without the right is refused in Chinese and nothing is stored', async () => {
    const before = await counts();
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ villageId: '00000000-0000-4000-8000-000000000000' }, /所属村不存在/],
      [{ eventKind: 'PICNIC' }, /事项类别：应为/],
      [{ detail: '' }, /情况说明：不能为空/],
      [{ caseId: '00000000-0000-4000-8000-000000000000' }, /找不到该案件/],
    ];
    for (const [override, message] of bad) {
      const err = await raise(override).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DomainError);
      expect((err as DomainError).message).toMatch(message);
    }
    await expect(
      raiseMajorEvent(town.deps, town.actor(town.people.outsider), { villageId: town.villages.a, eventKind: 'MASS_INCIDENT', detail: '聚集' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(ack('stationed', '00000000-0000-4000-8000-000000000000', 'RECEIVED')).rejects.toMatchObject({ code: 'NOT_FOUND', message: '找不到该预警' });
    await expect(ack('stationed', '00000000-0000-4000-8000-000000000000', 'LATER')).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/确认：应为/) });
    expect(await counts()).toEqual(before);
  });
});
