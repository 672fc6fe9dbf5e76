import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNotifier } from '../../src/bot/create-bot.js';
import type { MessagingPort } from '../../src/bot/messaging-port.js';
import { notification } from '../../src/domain/notifications.js';
import { assignCase } from '../../src/usecases/cases/assign-case.js';
import { intakeCase } from '../../src/usecases/intake-case.js';
import { approveOwnership } from '../../src/usecases/ownership/decide-ownership.js';
import { proposeOwnership } from '../../src/usecases/ownership/propose-ownership.js';
import { classifyCase } from '../../src/usecases/review/classify-case.js';
import { captureLogger } from '../support/capture-logger.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { ownershipTerms } from '../support/flows.js';
import { buildTownship, intakeForm, type Township } from '../support/township.js';

describe.each(['postgres', 'embedded'] as const)('R24/R26: the accused never handles the case nor hears of it (%s)', (kind) => {
  let t: TestDatabase;
  let town: Township;
  beforeAll(async () => {
    t = await freshDatabase(kind);
    town = await buildTownship(t.db);
  });
  afterAll(() => t?.drop());

  const office = () => town.actor(town.people.office);
  const accusation = async (accused: { accusedPersonId?: string; accusedUnitId?: string }) => {
    const { case: c } = await intakeCase(town.deps, office(), intakeForm({ title: '反映村干部侵占集体资金' }));
    return (await classifyCase(town.deps, office(), { caseId: c.id, classification: 'ACCUSATION', ...accused })).case;
  };

  it('R24: an accusation cannot be 交办 to the accused person, the accused unit or a member of it; nothing changes', async () => {
    const p = town.people;
    const c = await accusation({ accusedPersonId: p.villageCadre.id, accusedUnitId: town.units.justice });
    const tries = [
      { unitId: town.units.villageA, responsiblePersonId: p.villageCadre.id, who: '责任人' },
      { unitId: town.units.justice, responsiblePersonId: p.cadre2.id, who: '责任单位' },
      { unitId: town.units.police, responsiblePersonId: p.cadre.id, who: '责任人（所在单位为被反映单位）' },
    ];
    for (const { who, ...target } of tries) {
      await expect(assignCase(town.deps, office(), { caseId: c.id, ...target })).rejects.toMatchObject({ code: 'FORBIDDEN', message: `${who}是本案的被反映人或被反映单位，依规回避，不能承办本案` });
    }
    const after = await t.db.prisma.case.findUniqueOrThrow({ where: { id: c.id } });
    expect(after).toMatchObject({ status: 'REGISTERED', responsiblePersonId: null });
    const ok = await assignCase(town.deps, office(), { caseId: c.id, unitId: town.units.discipline, responsiblePersonId: p.discipline.id });
    expect(ok.case.responsiblePersonId).toBe(p.discipline.id);
  });

  it('R24: a proposal naming the accused as leader, responsible person or R19 unit is refused, and so is approving one after the case named them', async () => {
    const p = town.people;
    const { case: named } = await intakeCase(town.deps, office(), intakeForm({ title: '反映副镇长处事不公', headcount: 12, accusedPersonId: p.deputy.id }));
    await expect(proposeOwnership(town.deps, office(), ownershipTerms(town, named.id))).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('包案领导是本案的被反映人') });
    await expect(proposeOwnership(town.deps, office(), ownershipTerms(town, named.id, { leaderId: p.deputy2.id, territorialUnitId: town.units.villageA, accusedUnitId: undefined })))
      .resolves.toBeTruthy();

    const { case: later } = await intakeCase(town.deps, office(), intakeForm({ title: '征地补偿款分配不公', headcount: 12 }));
    const { proposal } = await proposeOwnership(town.deps, office(), ownershipTerms(town, later.id));
    await classifyCase(town.deps, office(), { caseId: later.id, classification: 'CLAIM', accusedUnitId: town.units.justice });
    await expect(approveOwnership(town.deps, town.actor(p.approver), { proposalId: proposal.id })).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('责任人（所在单位为被反映单位）') });
    expect((await t.db.prisma.ownershipProposal.findUniqueOrThrow({ where: { id: proposal.id } })).status).toBe('PENDING');
  });

  it('R24: when a case comes to name its responsible person as accused, they are taken off it at once and the office can hand it on again', async () => {
    const p = town.people;
    const { case: c } = await intakeCase(town.deps, office(), intakeForm({ title: '调解协议未履行' }));
    await assignCase(town.deps, office(), { caseId: c.id, unitId: town.units.police, responsiblePersonId: p.cadre2.id });
    const r = await classifyCase(town.deps, office(), { caseId: c.id, classification: 'ACCUSATION', accusedPersonId: p.cadre2.id });
    expect(r.withdrawn).toEqual(['责任人']);
    expect(r.case).toMatchObject({ responsiblePersonId: null, unitId: town.units.police, status: 'IN_PROGRESS' });
    const again = await assignCase(town.deps, office(), { caseId: c.id, unitId: town.units.discipline, responsiblePersonId: p.discipline.id });
    expect(again.case).toMatchObject({ responsiblePersonId: p.discipline.id, status: 'IN_PROGRESS' });
    expect(again.notifications[0]!.recipientIds).toEqual([p.discipline.id]);
    await expect(assignCase(town.deps, office(), { caseId: c.id, unitId: town.units.police, responsiblePersonId: p.outsider.id })).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
  });

  it('R24: a notification about the case is never delivered to the accused, nor an accusation to someone who may not read it', async () => {
    const p = town.people;
    const c = await accusation({ accusedPersonId: p.deputy.id });
    const sent: string[] = [];
    const messenger: MessagingPort = {
      platform: 'LARK',
      send: async (to) => (sent.push(to.kind === 'user' ? (to.user.openId ?? '') : to.chatId), { messageId: 'm' }),
      reply: async () => ({ messageId: 'm' }),
      update: async () => undefined,
      findUser: async () => null,
    };
    for (const who of [p.deputy, p.mayor, p.approver]) {
      await t.db.prisma.platformIdentity.create({ data: { personId: who.id, platform: 'LARK', openId: `ou_${who.id}` } });
    }
    const notifier = createNotifier({ deps: town.deps, messengers: new Map([['LARK', messenger]]), logger: captureLogger().logger });
    const n = notification({ kind: 'DEADLINE_REMINDER', key: `k:${c.id}`, urgency: 'NORMAL', recipientIds: [p.deputy.id, p.mayor.id, p.approver.id], caseId: c.id, title: `${c.number} 即将到期`, body: c.title });
    await notifier.deliver([n]);
    expect(sent).toEqual([`ou_${p.mayor.id}`]);
    expect(await notifier.deliverTo(n, p.deputy.id)).toBe('withheld');
  });
});
