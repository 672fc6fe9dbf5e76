import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_NAMES, decodeAction, type ActionName } from '../../cards/actions.js';
import { ACTION_POLICIES } from '../../src/bot/action-policies.js';
import { botCommands } from '../../src/bot/create-bot.js';
import { authorizeCase, authorizeDuty, authorizeGlobal, type Decision } from '../../src/domain/authorization.js';
import type { Person } from '../../src/domain/model.js';
import { toCase, toPerson } from '../../src/db/repos/mappers.js';
import { requestExtension } from '../../src/usecases/cases/request-extension.js';
import { declareScreeningPeriod } from '../../src/usecases/duties/declare-screening-period.js';
import { reportSentiment } from '../../src/usecases/duties/report-sentiment.js';
import { scheduleReceptionDay } from '../../src/usecases/duties/schedule-reception-day.js';
import { raiseMajorEvent } from '../../src/usecases/escalation/raise-major-event.js';
import { reportAbnormalPetition } from '../../src/usecases/escalation/report-abnormal-petition.js';
import { proposeOwnership } from '../../src/usecases/ownership/propose-ownership.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { collectiveCase, ownedCase, ownershipTerms } from '../support/flows.js';
import { startLarkHarness, type LarkHarness } from '../support/lark-harness.js';
import { buildTownship, type Township } from '../support/township.js';

// Every registered card action and command, tried by one person of every role (and by people of
// the right role on someone else's case: deputy2, cadre2, outsider) through signed Lark
// callbacks. What each may do is the domain's answer for the records the action names; the
// dispatcher must refuse exactly the others, before any handler runs, with the domain's reason.

describe('every card action and command against every role (R24 authorization, through Lark)', () => {
  let t: TestDatabase;
  let town: Township;
  let h: LarkHarness;
  let people: Person[];
  const ids: Record<string, string> = {};
  let clicks = 0;

  beforeAll(async () => {
    t = await freshDatabase('postgres');
    town = await buildTownship(t.db, '2026-11-02T09:00:00+08:00');
    const p = town.people;
    people = Object.values(p);
    h = await startLarkHarness(t, town, people, { sleepMovesClock: true });
    const office = town.actor(p.office);
    // The case everyone tries: owned by deputy, 吴志强 of 司法所 responsible, an extension pending, an abnormal petition reported.
    const c = await ownedCase(town);
    ids.caseId = c.id;
    ids.caseNumber = c.number;
    ids.extensionId = (await requestExtension(town.deps, town.actor(p.cadre), { caseId: c.id, reason: '需要第三方鉴定', requestedDueOn: '2026-12-21' })).extension.id;
    ids.persuasionId = (await reportAbnormalPetition(town.deps, office, { caseId: c.id, destination: 'PROVINCE', occurredOn: '2026-11-02' })).persuasion.id;
    const proposed = await collectiveCase(town, { title: '厂区噪声扰民' });
    ids.proposalId = (await proposeOwnership(town.deps, office, ownershipTerms(town, proposed.id))).proposal.id;
    ids.alertId = (await raiseMajorEvent(town.deps, office, { villageId: town.villages.a, eventKind: 'MASS_INCIDENT', detail: '村民聚集' })).alert.id;
    ids.receptionDayId = (await scheduleReceptionDay(town.deps, office, { leaderId: p.deputy.id, date: '2026-11-02', location: '接待室' })).day.id;
    ids.periodId = (await declareScreeningPeriod(town.deps, office, { name: '元旦排查', kind: 'SENSITIVE', startsOn: '2026-11-02', endsOn: '2026-11-10', reportDueOn: '2026-11-10', unitIds: [town.units.justice] })).period.id;
    ids.reportId = (await reportSentiment(town.deps, town.actor(p.collector), { villageId: town.villages.a, content: '村民反映道路积水' })).report.id;
    ids.statementId = (await t.db.prisma.writtenStatement.create({ data: { dutyKey: 'test|deputy', kind: 'OVERDUE_EXPLANATION', authorId: p.deputy.id, period: '2026Q4', caseId: c.id, openedAt: new Date() } })).id;
  });
  afterAll(async () => {
    await h?.close();
    await t?.drop();
  });

  /** The button value of an action, with every id it could name. */
  const valueOf = (a: ActionName): Record<string, unknown> => ({
    a, caseId: ids.caseId, proposalId: ids.proposalId, extensionId: ids.extensionId, alertId: ids.alertId, persuasionId: ids.persuasionId,
    statementId: ids.statementId, receptionDayId: ids.receptionDayId, periodId: ids.periodId, reportId: ids.reportId,
    kind: 'REVIEW', stage: 'RECEIVED', list: 'overdue',
  });

  /** The domain's decision for this person on the records the action names, as they are now (an earlier click may have changed them). */
  async function expected(person: Person, a: ActionName): Promise<Decision> {
    const policy = ACTION_POLICIES[a];
    const params = decodeAction(valueOf(a)) as Record<string, unknown>;
    const fresh = toPerson(await t.db.prisma.person.findUniqueOrThrow({ where: { id: person.id } }));
    if ('global' in policy) return authorizeGlobal(fresh, policy.global);
    if ('list' in policy) return authorizeGlobal(fresh, 'LIST_ALL_CASES');
    if ('duty' in policy) {
      const db = t.db.prisma;
      const owner = {
        ACK_ALERT: async () => ((await db.alertRecipient.count({ where: { alertId: ids.alertId, personId: person.id } })) > 0 ? person.id : null),
        RECORD_PERSUASION_FOR: async () => (await db.persuasion.findUniqueOrThrow({ where: { id: ids.persuasionId } })).leaderId,
        SUBMIT_STATEMENT: async () => (await db.writtenStatement.findUniqueOrThrow({ where: { id: ids.statementId } })).authorId,
        LOG_RECEPTION_FOR: async () => (await db.receptionDay.findUniqueOrThrow({ where: { id: ids.receptionDayId } })).leaderId,
      } as Record<string, () => Promise<string | null>>;
      return authorizeDuty(fresh, policy.duty, { personId: await owner[policy.duty]!() });
    }
    const caseId = 'proposalId' in params ? (await t.db.prisma.ownershipProposal.findUniqueOrThrow({ where: { id: ids.proposalId } })).caseId : ids.caseId!;
    return authorizeCase(fresh, policy.case, toCase(await t.db.prisma.case.findUniqueOrThrow({ where: { id: caseId } })));
  }

  const refusalsOf = (eventId: string) => h.logLines.filter((l) => l.msg === 'refused' && l.eventId === eventId && l.code === 'FORBIDDEN');

  it('every registered action has a policy and a handler, and nothing else is registered', () => {
    expect(Object.keys(ACTION_POLICIES).sort()).toEqual([...ACTION_NAMES].sort());
  });

  it('R24: each action is refused exactly to whom the domain refuses it, with its reason, before its handler runs', async () => {
    const wrong: string[] = [];
    for (const a of ACTION_NAMES) {
      for (const person of people) {
        const value = valueOf(a);
        const want = await expected(person, a);
        const eventId = `perm-${(clicks += 1)}`;
        const res = await h.click(person, value, { eventId });
        const refused = refusalsOf(eventId);
        const ok = want.allowed ? refused.length === 0 : refused.length === 1 && res.body.toast?.type === 'error' && res.body.toast.content === want.reason;
        if (!ok) wrong.push(`${a} × ${person.name}: expected ${want.allowed ? 'allowed' : `refused (${want.reason})`}, got ${JSON.stringify(res.body.toast)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('R24: each command is refused exactly to whom the domain refuses it, with its reason', async () => {
    const wrong: string[] = [];
    for (const command of botCommands(new Map())) {
      const policy = command.policy;
      for (const person of people) {
        const fresh = toPerson(await t.db.prisma.person.findUniqueOrThrow({ where: { id: person.id } }));
        const c = toCase(await t.db.prisma.case.findUniqueOrThrow({ where: { id: ids.caseId } }));
        const want = 'global' in policy ? authorizeGlobal(fresh, policy.global) : 'case' in policy ? authorizeCase(fresh, 'VIEW', c) : { allowed: true, reason: '' };
        const eventId = `cmd-${(clicks += 1)}`;
        const word = command.words[0]!;
        const before = h.fake.messages.length;
        await h.say(person, 'case' in policy ? `${word} ${ids.caseNumber}` : word, { chatType: 'p2p', eventId });
        const refused = refusalsOf(eventId);
        const answer = h.fake.messages.slice(before).map((m) => m.content);
        const ok = want.allowed ? refused.length === 0 : refused.length === 1 && answer.some((x) => x.includes(want.reason));
        if (!ok) wrong.push(`${word} × ${person.name}: expected ${want.allowed ? 'allowed' : `refused (${want.reason})`}, got ${refused.length} refusals`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('R24: the four openers the issue names: a sentiment collector gets no proposal, nobody but approvers a return form, nobody but the office a decision or review form', async () => {
    const p = town.people;
    const tries: [Person, Record<string, unknown>][] = [
      [p.collector, { a: 'ownership.view', proposalId: ids.proposalId }],
      [p.deputy, { a: 'ownership.return-open', proposalId: ids.proposalId }],
      [p.cadre, { a: 'extension.decide-open', extensionId: ids.extensionId }],
      [p.deputy, { a: 'review.open', caseId: ids.caseId, kind: 'REVIEW' }],
    ];
    for (const [who, value] of tries) {
      const before = h.cards().length;
      const res = await h.click(who, value, { eventId: `four-${(clicks += 1)}` });
      expect(res.body.toast?.type, JSON.stringify(value)).toBe('error');
      expect(h.cards().length, JSON.stringify(value)).toBe(before);
    }
  });
});
