import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { DEFAULT_ESCALATION_POLICY, escalationPolicy } from '../../src/domain/escalation/escalation-policy.js';
import { escalationLadder, type AlertSubject, type LadderLevel, type Leadership } from '../../src/domain/escalation/ladder.js';
import { applyStep, nextStep, type AlertState } from '../../src/domain/escalation/next-step.js';
import { FixedClock } from '../../src/lib/clock.js';

const T0 = new Date('2026-11-02T09:00:00+08:00');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const leadership: Leadership = { principalLeaderIds: ['secretary', 'mayor'], petitionLeaderInChargeId: 'petitionLeader' };
const majorEvent: AlertSubject = {
  kind: 'MAJOR_EVENT',
  areaLeaderId: 'areaLeader',
  stationedCadreIds: ['stationed'],
  villageCadreIds: ['villageCadre'],
  villageLeaderId: 'villageLeader',
};
// R21: the owner is not the leader in charge, so each level of its ladder below the top adds someone.
const abnormal: AlertSubject = { kind: 'ABNORMAL_PETITION', ownerLeaderId: 'owner' };
const ids = (xs: { personId: string }[]) => xs.map((x) => x.personId).sort();

function raised(subject: AlertSubject, raisedAt = T0, lead = leadership): AlertState {
  const [first] = escalationLadder(subject, lead);
  return {
    status: 'OPEN',
    level: 0,
    raisedAt,
    levelSince: null,
    recipients: first!.audience.map((r) => ({
      ...r, level: 0, stage: 'NONE', notifiedAt: raisedAt, lastNotifiedAt: null, repeats: 0, missedAt: null, stageAtMiss: null,
    })),
  };
}

function ack(alert: AlertState, personId: string, stage: 'RECEIVED' | 'ON_THE_WAY' | 'ON_SITE'): AlertState {
  return { ...alert, recipients: alert.recipients.map((r) => (r.personId === personId ? { ...r, stage } : r)) };
}

describe('escalation ladder', () => {
  it('R18: level 0 sends the area leader, stationed and village cadres to the scene and alerts the leaders in charge; 1 = leaders in charge; 2 = principal leaders', () => {
    const [l0, l1, l2] = escalationLadder(majorEvent, leadership);
    expect(l0!.audience).toEqual([
      { personId: 'areaLeader', reason: 'AREA_LEADER', required: 'ON_SITE' },
      { personId: 'stationed', reason: 'STATIONED_CADRE', required: 'ON_SITE' },
      { personId: 'villageCadre', reason: 'VILLAGE_CADRE', required: 'ON_SITE' },
      { personId: 'villageLeader', reason: 'LEADER_IN_CHARGE', required: 'RECEIVED' },
      { personId: 'petitionLeader', reason: 'LEADER_IN_CHARGE', required: 'RECEIVED' },
    ]);
    expect(ids(l1!.audience)).toEqual(['petitionLeader', 'villageLeader']);
    expect(ids(l2!.audience)).toEqual(['mayor', 'secretary']);
  });

  it('R18: a person named twice at a level appears once, with the most demanding stage', () => {
    const [l0] = escalationLadder({ ...majorEvent, villageLeaderId: 'areaLeader', villageCadreIds: ['villageCadre', 'villageCadre'] }, leadership);
    expect(l0!.audience.filter((r) => r.personId === 'areaLeader')).toEqual([{ personId: 'areaLeader', reason: 'AREA_LEADER', required: 'ON_SITE' }]);
    expect(l0!.audience.filter((r) => r.personId === 'villageCadre')).toHaveLength(1);
  });

  it('R20: a dangerous letter goes at once to the principal leaders, the leader in charge and the unit heads, each to acknowledge receipt', () => {
    const [l0, l1, l2] = escalationLadder({ kind: 'DANGER_LETTER', unitHeadIds: ['villageHead'] }, leadership);
    expect(l0!.audience).toEqual([
      { personId: 'secretary', reason: 'PRINCIPAL_LEADER', required: 'RECEIVED' },
      { personId: 'mayor', reason: 'PRINCIPAL_LEADER', required: 'RECEIVED' },
      { personId: 'petitionLeader', reason: 'LEADER_IN_CHARGE', required: 'RECEIVED' },
      { personId: 'villageHead', reason: 'UNIT_HEAD', required: 'RECEIVED' },
    ]);
    expect(ids(l1!.audience)).toEqual(['petitionLeader']);
    expect(ids(l2!.audience)).toEqual(['mayor', 'secretary']);
  });

  it('R21: an abnormal petition alerts the principal leaders and the owner leader', () => {
    const [l0] = escalationLadder({ kind: 'ABNORMAL_PETITION', ownerLeaderId: 'owner' }, leadership);
    expect(ids(l0!.audience)).toEqual(['mayor', 'owner', 'secretary']);
    expect(l0!.audience.every((r) => r.required === 'RECEIVED')).toBe(true);
  });
});

describe('escalation timing (default policy: repeat every 10 min, climb after 30 min)', () => {
  const ladder = escalationLadder(majorEvent, leadership);
  const level0 = ['areaLeader', 'petitionLeader', 'stationed', 'villageCadre', 'villageLeader'];
  // Nobody answers. Each row: the minute the scheduler looks, and what must happen.
  const rows: { minute: number; repeatTo: string[]; climbTo: number | null; added: string[]; urgent: boolean; next: number | null }[] = [
    { minute: 0, repeatTo: [], climbTo: null, added: [], urgent: false, next: 10 },
    { minute: 10, repeatTo: level0, climbTo: null, added: [], urgent: false, next: 20 },
    { minute: 20, repeatTo: level0, climbTo: null, added: [], urgent: false, next: 30 },
    // The leaders in charge (level 1) are on the alert from the start: the climb passes them for the principal leaders.
    { minute: 30, repeatTo: level0, climbTo: 2, added: ['mayor', 'secretary'], urgent: true, next: 40 },
    { minute: 40, repeatTo: [...level0, 'mayor', 'secretary'].sort(), climbTo: null, added: [], urgent: true, next: 50 },
    { minute: 60, repeatTo: [...level0, 'mayor', 'secretary'].sort(), climbTo: null, added: [], urgent: true, next: 70 },
  ];

  it.each(rows.map((r, i) => ({ ...r, i })))('R18: at minute $minute: repeat $repeatTo.length, climb to $climbTo, urgent $urgent, next check at $next', ({ i }) => {
    const clock = new FixedClock(T0);
    let alert = raised(majorEvent);
    for (const row of rows.slice(0, i + 1)) {
      clock.set(at(row.minute));
      const step = nextStep(alert, ladder, DEFAULT_ESCALATION_POLICY, clock.now());
      if (row === rows[i]) {
        expect([...step.repeatTo].sort()).toEqual(row.repeatTo);
        expect(step.climb?.to ?? null).toBe(row.climbTo);
        expect(ids(step.climb?.added ?? [])).toEqual(row.added);
        expect(step.urgentChannel).toBe(row.urgent);
        expect(step.nextCheckAt).toEqual(row.next === null ? null : at(row.next));
        expect(step.close).toBe(false);
      }
      alert = applyStep(alert, step, clock.now());
    }
  });

  it('R21: the climb at 30 minutes records who had not reached their stage, once, and the top level stays urgent', () => {
    const ladder = escalationLadder(abnormal, leadership);
    let alert = raised(abnormal);
    for (const m of [10, 20, 30]) alert = applyStep(alert, nextStep(alert, ladder, DEFAULT_ESCALATION_POLICY, at(m)), at(m));
    expect(alert.level).toBe(1);
    expect(alert.recipients.filter((r) => r.level === 0).every((r) => r.missedAt?.getTime() === at(30).getTime() && r.stageAtMiss === 'NONE')).toBe(true);
    expect(alert.recipients.filter((r) => r.level === 1).map((r) => [r.personId, r.missedAt])).toEqual([['petitionLeader', null]]);
    for (const m of [40, 50, 60]) alert = applyStep(alert, nextStep(alert, ladder, DEFAULT_ESCALATION_POLICY, at(m)), at(m));
    expect(alert.level).toBe(2);
    // The first miss is the fact; the second climb does not move it.
    expect(alert.recipients.filter((r) => r.level === 0).every((r) => r.missedAt?.getTime() === at(30).getTime())).toBe(true);
    const later = nextStep(alert, ladder, DEFAULT_ESCALATION_POLICY, at(70));
    expect(later.climb).toBeNull();
    expect(later.urgentChannel).toBe(true);
    expect(later.repeatTo).toHaveLength(4);
  });

  it('R18: an acknowledgement stops exactly that recipient\'s repeats, but only the required stage stops the climb', () => {
    let alert = raised(majorEvent);
    alert = ack(alert, 'areaLeader', 'ON_THE_WAY');
    alert = ack(alert, 'villageLeader', 'RECEIVED');
    const at10 = nextStep(alert, ladder, DEFAULT_ESCALATION_POLICY, at(10));
    expect([...at10.repeatTo].sort()).toEqual(['petitionLeader', 'stationed', 'villageCadre']);
    alert = applyStep(alert, at10, at(10));
    alert = applyStep(alert, nextStep(alert, ladder, DEFAULT_ESCALATION_POLICY, at(20)), at(20));
    const at30 = nextStep(alert, ladder, DEFAULT_ESCALATION_POLICY, at(30));
    expect(at30.climb?.to).toBe(2);
    expect(at30.climb!.missed).toEqual(
      expect.arrayContaining([{ personId: 'areaLeader', stage: 'ON_THE_WAY', required: 'ON_SITE' }]),
    );
    expect(at30.climb!.missed.map((m) => m.personId)).not.toContain('villageLeader');
  });

  it('R18: when everyone reached their stage the alert closes and nothing more is scheduled', () => {
    let alert = raised(majorEvent);
    for (const p of ['areaLeader', 'stationed', 'villageCadre']) alert = ack(alert, p, 'ON_SITE');
    for (const p of ['villageLeader', 'petitionLeader']) alert = ack(alert, p, 'RECEIVED');
    const step = nextStep(alert, ladder, DEFAULT_ESCALATION_POLICY, at(15));
    expect(step).toMatchObject({ close: true, repeatTo: [], climb: null, nextCheckAt: null });
    const closed = applyStep(alert, step, at(15));
    expect(closed.status).toBe('CLOSED');
    expect(nextStep(closed, ladder, DEFAULT_ESCALATION_POLICY, at(60))).toMatchObject({ close: false, repeatTo: [], climb: null, nextCheckAt: null });
  });

  it('R21: a late scheduler climbs once and counts the next climb from when it really climbed', () => {
    const ladder = escalationLadder(abnormal, leadership);
    const alert = raised(abnormal);
    const step = nextStep(alert, ladder, DEFAULT_ESCALATION_POLICY, at(45));
    expect(step.climb?.to).toBe(1);
    const after = applyStep(alert, step, at(45));
    expect(nextStep(after, ladder, DEFAULT_ESCALATION_POLICY, at(70)).climb).toBeNull();
    expect(nextStep(after, ladder, DEFAULT_ESCALATION_POLICY, at(75)).climb?.to).toBe(2);
  });

  it('R18: the policy is configurable and checked', () => {
    const policy = escalationPolicy({ repeatEveryMs: 5 * 60_000, climbAfterMs: 15 * 60_000 });
    const alert = raised(majorEvent);
    expect(nextStep(alert, ladder, policy, at(0)).nextCheckAt).toEqual(at(5));
    expect(nextStep(alert, ladder, policy, at(15)).climb?.to).toBe(2);
    expect(() => escalationPolicy({ repeatEveryMs: 0 })).toThrow(DomainError);
    expect(() => escalationPolicy({ climbAfterMs: 1.5 })).toThrow(/预警设置有误/);
  });
});

describe('R18: a level that adds nobody new is passed', () => {
  const climbAt30 = (subject: AlertSubject, lead = leadership) => nextStep(raised(subject, T0, lead), escalationLadder(subject, lead), DEFAULT_ESCALATION_POLICY, at(30)).climb;

  it('R18: the area leader who is also the 分管领导 of petition work: the first climb goes straight to the principal leaders, at 30 minutes, urgent', () => {
    const lead = { ...leadership, petitionLeaderInChargeId: 'areaLeader' };
    const subject: AlertSubject = { ...majorEvent, villageLeaderId: null };
    const step = nextStep(raised(subject, T0, lead), escalationLadder(subject, lead), DEFAULT_ESCALATION_POLICY, at(30));
    expect(step.climb?.to).toBe(2);
    expect(ids(step.climb!.added)).toEqual(['mayor', 'secretary']);
    expect(step.urgentChannel).toBe(true);
    // Whoever the passed level speaks to hears of the climb too.
    expect([...step.climb!.audience].sort()).toEqual(['areaLeader', 'mayor', 'secretary']);
  });

  it('R18: a level that adds someone is not passed: a leader in charge not yet on the alert joins at the first climb, the principal leaders at the second', () => {
    const ladder: LadderLevel[] = [
      { level: 0, audience: [{ personId: 'areaLeader', reason: 'AREA_LEADER', required: 'ON_SITE' }] },
      { level: 1, audience: [{ personId: 'petitionLeader', reason: 'LEADER_IN_CHARGE', required: 'RECEIVED' }] },
      { level: 2, audience: [{ personId: 'mayor', reason: 'PRINCIPAL_LEADER', required: 'RECEIVED' }] },
    ];
    let alert: AlertState = {
      status: 'OPEN', level: 0, raisedAt: T0, levelSince: null,
      recipients: [{ ...ladder[0]!.audience[0]!, level: 0, stage: 'NONE', notifiedAt: T0, lastNotifiedAt: null, repeats: 0, missedAt: null, stageAtMiss: null }],
    };
    const first = nextStep(alert, ladder, DEFAULT_ESCALATION_POLICY, at(30));
    expect([first.climb?.to, ids(first.climb!.added), first.urgentChannel]).toEqual([1, ['petitionLeader'], false]);
    alert = applyStep(alert, first, at(30));
    const second = nextStep(alert, ladder, DEFAULT_ESCALATION_POLICY, at(60));
    expect([second.climb?.to, ids(second.climb!.added), second.urgentChannel]).toEqual([2, ['mayor'], true]);
  });

  it('R20: a dangerous letter has everyone on it from the start: its one climb reaches the top at 30 minutes — the misses kept, the repeats urgent', () => {
    const climb = climbAt30({ kind: 'DANGER_LETTER', unitHeadIds: ['villageHead'] });
    expect(climb?.to).toBe(2);
    expect(climb!.added).toEqual([]);
    expect(climb!.missed.map((m) => m.personId).sort()).toEqual(['mayor', 'petitionLeader', 'secretary', 'villageHead']);
  });

  it('R21: an owner who is also the leader in charge adds nobody at level 1, so the first climb reaches the top; another owner leaves level 1 to the leader in charge', () => {
    expect(climbAt30({ kind: 'ABNORMAL_PETITION', ownerLeaderId: 'petitionLeader' })?.to).toBe(2);
    expect(climbAt30(abnormal)?.to).toBe(1);
  });
});
