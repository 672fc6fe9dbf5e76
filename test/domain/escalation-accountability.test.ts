import { tallyByParty } from '../../src/domain/accountability/fact-summary.js';
import { describe, expect, it } from 'vitest';
import {
  abnormalPetitionFacts, accountabilityFacts, overdueSince, repeatedOverdueFacts, reopenedFacts, type CaseAccountabilityFacts,
} from '../../src/domain/accountability/accountability-facts.js';
import { abnormalPetitionDuties, wasOverdueOn } from '../../src/domain/escalation/abnormal-petition.js';

const kase = (over: Partial<CaseAccountabilityFacts>): CaseAccountabilityFacts => ({
  id: 'c1', number: 'XF-2026-0001', unitId: 'justice', ownerLeaderId: 'deputy', responsiblePersonId: 'cadre',
  dueOn: '2026-03-10', overdueOn: null, resolvedAt: null, reopenCount: 0, ...over,
});

describe('R22 accountability facts', () => {
  it('R22: an alert that climbed past a silent recipient is inaction; past one on the way, slow action', () => {
    const facts = accountabilityFacts({
      missedAcks: [
        { alertId: 'a1', alertTitle: '重大事项', personId: 'stationed', required: 'ON_SITE', stageAtMiss: 'NONE', missedAt: new Date() },
        { alertId: 'a1', alertTitle: '重大事项', personId: 'areaLeader', required: 'ON_SITE', stageAtMiss: 'ON_THE_WAY', missedAt: new Date() },
      ],
      cases: [],
      today: '2026-11-02',
    });
    expect(facts.map((f) => [f.sourceKey, f.kind, f.reason, f.personId])).toEqual([
      ['ACK:a1:areaLeader', 'SLOW_ACTION', 'ACK_INCOMPLETE', 'areaLeader'],
      ['ACK:a1:stationed', 'INACTION', 'ACK_NEVER_GIVEN', 'stationed'],
    ]);
    expect(facts[1]!.detail).toContain('未确认');
  });

  it('R22: two overdue cases in one year are a fact for the owner, the responsible person and the unit; one is not', () => {
    const cases = [
      kase({ id: 'c1', number: 'XF-2026-0001', overdueOn: '2026-03-11' }),
      kase({ id: 'c2', number: 'XF-2026-0002', dueOn: '2026-05-01', resolvedAt: new Date('2026-05-06T10:00:00+08:00') }),
      kase({ id: 'c3', number: 'XF-2026-0003', dueOn: '2026-06-01', resolvedAt: new Date('2026-05-30T10:00:00+08:00'), responsiblePersonId: 'cadre2', unitId: 'police' }),
    ];
    const facts = repeatedOverdueFacts(cases, '2026-11-02');
    expect(facts.map((f) => f.sourceKey).sort()).toEqual([
      'REPEATED_OVERDUE:PERSON:cadre:2026',
      'REPEATED_OVERDUE:PERSON:deputy:2026',
      'REPEATED_OVERDUE:UNIT:justice:2026',
    ]);
    expect(facts.find((f) => f.unitId === 'justice')!.detail).toBe('2026年逾期案件2件：XF-2026-0001、XF-2026-0002');
  });

  it('R22: overdue cases in different years do not add up; an open case past its deadline counts without the mark', () => {
    const cases = [kase({ id: 'c1', dueOn: '2025-12-20' }), kase({ id: 'c2', number: 'XF-2026-0002', dueOn: '2026-02-01' })];
    expect(overdueSince(cases[0]!, '2026-11-02')).toBe('2025-12-21');
    expect(overdueSince(kase({ dueOn: '2026-11-02' }), '2026-11-02')).toBeNull();
    expect(repeatedOverdueFacts(cases, '2026-11-02')).toEqual([]);
  });

  it('R22: each reopening for the same issue is a fact against the case\'s people and unit', () => {
    const facts = reopenedFacts([kase({ reopenCount: 2 }), kase({ id: 'c9', reopenCount: 0 })]);
    expect(facts.map((f) => f.sourceKey)).toEqual([
      'REOPENED:c1:1:PERSON:deputy', 'REOPENED:c1:1:PERSON:cadre', 'REOPENED:c1:1:UNIT:justice',
      'REOPENED:c1:2:PERSON:deputy', 'REOPENED:c1:2:PERSON:cadre', 'REOPENED:c1:2:UNIT:justice',
    ]);
    expect(facts.every((f) => f.kind === 'WRONG_ACTION' && f.caseId === 'c1')).toBe(true);
  });

  it('R22: the same records give the same facts with the same keys', () => {
    const input = { missedAcks: [], cases: [kase({ overdueOn: '2026-03-11', reopenCount: 1 }), kase({ id: 'c2', number: 'XF-2026-0002', overdueOn: '2026-04-01' })], today: '2026-11-02' };
    expect(accountabilityFacts(input)).toEqual(accountabilityFacts({ ...input, cases: [...input.cases].reverse() }));
  });

  it('R21: an abnormal petition is kept against the leader and the unit, as slow action when the case was overdue', () => {
    const base = { caseId: 'c1', caseNumber: 'XF-2026-0001', destination: 'BEIJING' as const, occurredOn: '2026-12-04', leaderId: 'deputy', unitId: 'justice' };
    expect(abnormalPetitionFacts({ ...base, overdue: true }).map((f) => [f.sourceKey, f.kind, f.reason])).toEqual([
      ['ABNORMAL_PETITION:c1:BEIJING:2026-12-04:PERSON:deputy', 'SLOW_ACTION', 'ABNORMAL_PETITION_OVERDUE'],
      ['ABNORMAL_PETITION:c1:BEIJING:2026-12-04:UNIT:justice', 'SLOW_ACTION', 'ABNORMAL_PETITION_OVERDUE'],
    ]);
    expect(abnormalPetitionFacts({ ...base, overdue: false, unitId: null }).map((f) => [f.kind, f.reason])).toEqual([['ESCALATION', 'ABNORMAL_PETITION']]);
  });
});

describe('R21 abnormal petition duties', () => {
  const owned = { ownerLeaderId: 'deputy', dueOn: '2026-11-30', overdueOn: null, resolvedAt: null };

  it('R21: an owned case within its deadline opens persuasion for its owner only', () => {
    expect(abnormalPetitionDuties(owned, '2026-11-20', '2026-11-20', 'petitionLeader')).toEqual({
      leaderId: 'deputy', owned: true, overdue: false, selfCriticism: null,
    });
  });

  it('R21: an overdue case also opens a self-criticism for its owner, due a week after the report', () => {
    expect(abnormalPetitionDuties(owned, '2026-12-04', '2026-12-05', 'petitionLeader')).toEqual({
      leaderId: 'deputy', owned: true, overdue: true, selfCriticism: { authorId: 'deputy', dueOn: '2026-12-12' },
    });
  });

  it('R21: overdue means past the deadline and not resolved by it (R11), judged on the day of the petition', () => {
    expect(wasOverdueOn(owned, '2026-11-30')).toBe(false);
    expect(wasOverdueOn(owned, '2026-12-01')).toBe(true);
    expect(wasOverdueOn({ ...owned, resolvedAt: new Date('2026-11-29T10:00:00+08:00') }, '2026-12-04')).toBe(false);
    expect(wasOverdueOn({ ...owned, resolvedAt: new Date('2026-12-02T10:00:00+08:00') }, '2026-12-04')).toBe(true);
    expect(wasOverdueOn({ ...owned, overdueOn: '2026-12-01', dueOn: '2027-01-10' }, '2026-12-04')).toBe(true);
  });

  it('R21: without an owner the leader in charge of petition work persuades, and nobody owes a self-criticism', () => {
    const unowned = { ...owned, ownerLeaderId: null };
    expect(abnormalPetitionDuties(unowned, '2026-12-04', '2026-12-04', 'petitionLeader')).toEqual({
      leaderId: 'petitionLeader', owned: false, overdue: true, selfCriticism: null,
    });
    expect(() => abnormalPetitionDuties(unowned, '2026-12-04', '2026-12-04', null)).toThrow(/无法安排劝返/);
  });
});

describe('R22: the facts counted per person and unit', () => {
  it('R22: each party\'s facts by kind, the most first, then by name; a person and a unit of the same name stay apart', () => {
    const person = (id: string, name: string) => ({ kind: 'PERSON' as const, id, name, unitName: null });
    const unit = (id: string, name: string) => ({ kind: 'UNIT' as const, id, name });
    const tallies = tallyByParty([
      { party: person('p1', '吴志强'), kind: 'SLOW_ACTION' },
      { party: unit('u1', '司法所'), kind: 'WRONG_ACTION' },
      { party: person('p1', '吴志强'), kind: 'WRONG_ACTION' },
      { party: person('p2', '卫村支书'), kind: 'INACTION' },
      { party: unit('u1', '司法所'), kind: 'SLOW_ACTION' },
    ]);
    expect(tallies.map((t) => [t.party.name, t.total, t.byKind])).toEqual([
      ['司法所', 2, { INACTION: 0, SLOW_ACTION: 1, WRONG_ACTION: 1, ESCALATION: 0 }],
      ['吴志强', 2, { INACTION: 0, SLOW_ACTION: 1, WRONG_ACTION: 1, ESCALATION: 0 }],
      ['卫村支书', 1, { INACTION: 1, SLOW_ACTION: 0, WRONG_ACTION: 0, ESCALATION: 0 }],
    ]);
  });
});
