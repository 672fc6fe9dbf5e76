import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todoCard } from '../../cards/builders/todo.js';
import { notificationCard } from '../../src/bot/support/notification-card.js';
import { ALERT_KIND_LABELS, type AlertKind } from '../../src/domain/escalation/alert-kinds.js';
import type { Notification } from '../../src/domain/notifications.js';
import type { Person } from '../../src/domain/model.js';
import { caseScope } from '../../src/domain/privacy/case-scope.js';
import { todoList } from '../../src/usecases/duties/todo-list.js';
import { checkAlert } from '../../src/usecases/escalation/check-alert.js';
import { raiseMajorEvent } from '../../src/usecases/escalation/raise-major-event.js';
import { reportAbnormalPetition } from '../../src/usecases/escalation/report-abnormal-petition.js';
import { intakeCase } from '../../src/usecases/intake-case.js';
import { freshPostgres, type TestDatabase } from '../support/database.js';
import { ownedCase } from '../support/flows.js';
import { buildTownship, intakeForm, type Township } from '../support/township.js';

// Each alert (R18, R20, R21) names its kind once wherever it is read: in the messages of its
// raising, repeats and climbing, on its card, and on the 待办 — never 「【重大事项】重大事项：…」.

const MIN = 60_000;
const times = (text: string, word: string) => text.split(word).length - 1;

describe('alert titles name their kind once (real PostgreSQL)', () => {
  let t: TestDatabase;
  let town: Township;
  beforeAll(async () => {
    t = await freshPostgres();
    town = await buildTownship(t.db, '2026-11-20T09:00:00+08:00');
  });
  afterAll(() => t?.drop());

  /** Each real alert kind, raised as the bot raises it; returns its id, its messages and someone who must acknowledge it. */
  const RAISE: Record<Exclude<AlertKind, 'SENTIMENT'>, () => Promise<{ alertId: string; notifications: Notification[]; reader: Person }>> = {
    MAJOR_EVENT: async () => {
      const r = await raiseMajorEvent(town.deps, town.actor(town.people.villageCadre), { villageId: town.villages.a, eventKind: 'LARGE_COLLECTIVE_VISIT', detail: '约60名村民准备赴县上访' });
      return { alertId: r.alert.id, notifications: r.notifications, reader: town.people.areaLeader };
    },
    DANGER_LETTER: async () => {
      const r = await intakeCase(town.deps, town.actor(town.people.office), intakeForm({ source: 'LETTER', villageId: town.villages.a, content: '再不解决补偿款我就扬言自杀！' }));
      const alert = await t.db.prisma.alert.findFirstOrThrow({ where: { caseId: r.case.id } });
      return { alertId: alert.id, notifications: r.notifications, reader: town.people.secretary };
    },
    ABNORMAL_PETITION: async () => {
      const c = await ownedCase(town, { title: '征地补偿款' });
      const r = await reportAbnormalPetition(town.deps, town.actor(town.people.office), { caseId: c.id, destination: 'BEIJING', occurredOn: '2026-11-20', collective: false });
      return { alertId: r.alert.id, notifications: r.notifications, reader: town.people.secretary };
    },
  };

  it.each(Object.keys(RAISE) as (keyof typeof RAISE)[])('%s: the stored title says what happened; messages, card and 待办 name the kind once', async (kind) => {
    const label = ALERT_KIND_LABELS[kind];
    town.clock.set('2026-11-20T09:00:00+08:00');
    const { alertId, notifications, reader } = await RAISE[kind]();
    const alert = await t.db.prisma.alert.findUniqueOrThrow({ where: { id: alertId } });
    expect(times(alert.title, label)).toBe(0);

    const raised = notifications.filter((n) => n.alertId === alertId);
    expect(raised.length).toBeGreaterThan(0);
    for (const n of raised) expect(times(n.title, label), n.title).toBe(1);
    const card = await notificationCard(town.deps.uow, town.deps.config, raised[0]!, reader.id);
    expect(card.title).toBe(`【${label}】${alert.title}`);

    const todo = todoCard(await todoList(town.deps, town.actor(reader), { scope: caseScope(reader, 'DIRECT_CHAT') }));
    const row = todo.elements.find((e) => e.kind === 'item' && e.button?.action.alertId === alertId);
    expect(row?.kind === 'item' && row.text).toMatch(new RegExp(`^\\*\\*【${label}】\\*\\* `));
    expect(row?.kind === 'item' && times(row.text, label)).toBe(1);

    // Ten minutes on, the silent are reminded; half an hour on, it climbs: still the kind once.
    town.clock.advance(10 * MIN);
    const repeat = await checkAlert(town.deps, { alertId });
    town.clock.advance(20 * MIN);
    const climbed = await checkAlert(town.deps, { alertId });
    const later = [...repeat.notifications, ...climbed.notifications];
    expect(later.length).toBeGreaterThan(0);
    for (const n of later) expect(times(n.title, label), n.title).toBe(1);
  });

  it('R21: an abnormal petition\'s title says where the petitioner went, without saying 非正常上访 again', async () => {
    const c = await ownedCase(town, { title: '宅基地确权' });
    const r = await reportAbnormalPetition(town.deps, town.actor(town.people.office), { caseId: c.id, destination: 'PROVINCE', occurredOn: '2026-11-20', collective: true });
    expect(r.alert.title).toBe(`${c.number} 集体赴省上访`);
    expect(r.notifications.find((n) => n.alertId === r.alert.id)!.title).toBe(`非正常上访：${c.number} 集体赴省上访`);
  });
});
