import { describe, expect, it } from 'vitest';
import { chineseOfficialCalendar } from '../../src/domain/calendar/official-calendar.js';
import { WorkingCalendar } from '../../src/domain/calendar/working-calendar.js';
import { DEFAULT_DEADLINE_POLICY } from '../../src/domain/deadlines/deadline-policy.js';
import type { Person, Role } from '../../src/domain/model.js';
import { caseRelation } from '../../src/domain/worklist/case-relation.js';
import { caseTodos, type CaseTodoFacts } from '../../src/domain/worklist/case-todos.js';
import { rankTodos } from '../../src/domain/worklist/todo-urgency.js';

// Who has what on which case (the 待办's case part), decided by the domain alone: every role of
// the domain page against the case shapes a township meets, on dates around National Day 2026
// (1–7 October off, 10 October a make-up working Saturday).

const calendar = new WorkingCalendar(chineseOfficialCalendar);
const clock = (today: string) => ({ today, calendar, policy: DEFAULT_DEADLINE_POLICY });

const person = (id: string, roles: Role[], unitId: string | null = null): Person => ({ id, name: id, title: null, mobile: null, email: null, unitId, roles, active: true });
const P = {
  office: person('office', ['OFFICE_STAFF'], 'u-office'),
  approver: person('approver', ['APPROVER', 'TOWN_LEADER']),
  principal: person('principal', ['PRINCIPAL_LEADER', 'APPROVER']),
  owner: person('owner', ['TOWN_LEADER']),
  otherLeader: person('otherLeader', ['TOWN_LEADER']),
  unitHead: person('unitHead', ['UNIT_HEAD'], 'u-justice'),
  cadre: person('cadre', ['CADRE'], 'u-justice'),
  colleague: person('colleague', ['CADRE'], 'u-justice'),
  policeHead: person('policeHead', ['UNIT_HEAD'], 'u-police'),
  villageHead: person('villageHead', ['VILLAGE_CADRE', 'UNIT_HEAD'], 'u-village'),
  areaLeader: person('areaLeader', ['AREA_LEADER', 'TOWN_LEADER']),
  stationed: person('stationed', ['VILLAGE_STATIONED_CADRE', 'CADRE'], 'u-police'),
  collector: person('collector', ['SENTIMENT_COLLECTOR'], 'u-village'),
  discipline: person('discipline', ['DISCIPLINE_INSPECTOR', 'APPROVER'], 'u-discipline'),
} as const;
type Who = keyof typeof P;

function facts(over: Partial<CaseTodoFacts> = {}): CaseTodoFacts {
  return {
    id: 'c1', number: 'XF-2026-0001', status: 'IN_PROGRESS', source: 'VISIT', complexity: 'GENERAL', classification: 'SUGGESTION',
    receivedOn: '2026-09-16', acceptedOn: '2026-09-16', dueOn: '2026-10-14', ownershipReasons: [], dangerFlags: [], resolvedAt: null,
    opinionIssued: false, followedUp: false, petitionersPending: false, pendingProposal: null, returnedProposal: null, pendingExtension: null, reporting: null, pendingReview: null,
    ownerLeaderId: null, responsiblePersonId: 'cadre', unitId: 'u-justice', territorialUnitId: null, functionalUnitId: null,
    accusedPersonId: null, accusedUnitId: null,
    ...over,
  };
}

/** Each person's items on the case: kind, due date, rule. */
function whoHasWhat(c: CaseTodoFacts, today: string): Partial<Record<Who, string[]>> {
  const out: Partial<Record<Who, string[]>> = {};
  for (const [who, p] of Object.entries(P) as [Who, Person][]) {
    const items = caseTodos(p, c, clock(today));
    if (items.length) out[who] = items.map((i) => `${i.kind} ${i.dueOn ?? '—'} ${i.rule}`);
  }
  return out;
}

const OWNED = { ownerLeaderId: 'owner', responsiblePersonId: 'cadre', unitId: 'u-justice' };

describe('the 待办 of every role on one case (R1–R27), decided in the domain', () => {
  it.each([
    ['R5/R9: a registered case not handed over is the office\'s, due 15 days after receipt (the holiday moves it to 8 October)',
      facts({ status: 'REGISTERED', responsiblePersonId: null, unitId: null }), '2026-09-30', { office: ['ROUTE 2026-10-08 R5'] }],
    ['R5/R9: a simple case taken on a visit is due the same day: routing it is due then too',
      facts({ status: 'REGISTERED', complexity: 'SIMPLE', receivedOn: '2026-09-28', acceptedOn: '2026-09-28', dueOn: '2026-09-28', responsiblePersonId: null, unitId: null }), '2026-09-30',
      { office: ['ROUTE 2026-09-28 R5'] }],
    ['R16: a case turned from a sentiment report that named nobody is the office\'s to complete with its petitioner, and to hand over',
      facts({ status: 'REGISTERED', responsiblePersonId: null, unitId: null, petitionersPending: true }), '2026-09-30', { office: ['ROUTE 2026-10-08 R5', 'PETITIONERS 2026-10-08 R16'] }],
    ['R1: a case awaiting its owner (待包案) is the office\'s to propose',
      facts({ status: 'AWAITING_OWNER', ownershipReasons: ['COLLECTIVE'], responsiblePersonId: null, unitId: null }), '2026-09-30', { office: ['PROPOSE_OWNER 2026-10-08 R1'] }],
    ['R4: a returned proposal goes back to the office, which proposes again',
      facts({ status: 'RETURNED', ownershipReasons: ['COLLECTIVE'], responsiblePersonId: null, unitId: null, returnedProposal: { proposedById: 'office', reason: '时限偏长' } }), '2026-09-30',
      { office: ['RETURNED 2026-10-08 R4'] }],
    ['R4: a pending proposal waits for the approvers (principal leaders and discipline inspectors among them), 2 working days after it was made',
      facts({ status: 'AWAITING_APPROVAL', ownershipReasons: ['COLLECTIVE'], responsiblePersonId: null, unitId: null, pendingProposal: { id: 'p1', kind: 'INITIAL', proposedOn: '2026-09-29', proposedById: 'office' } }),
      '2026-09-30', { approver: ['APPROVE 2026-10-08 R4'], principal: ['APPROVE 2026-10-08 R4'], discipline: ['APPROVE 2026-10-08 R4'] }],
    ['R7/R11: the owner and the responsible person handle an owned case; a unit head sees it only when it presses; the office only when overdue',
      facts(OWNED), '2026-09-30', { owner: ['HANDLE 2026-10-14 R7'], cadre: ['HANDLE 2026-10-14 R7'] }],
    ['R11: overdue — the handlers, their unit head (督促) and the office (督办) all have it',
      facts({ ...OWNED, dueOn: '2026-09-15' }), '2026-09-30',
      { office: ['SUPERVISE 2026-09-15 R11'], owner: ['HANDLE 2026-09-15 R11'], cadre: ['HANDLE 2026-09-15 R11'], unitHead: ['UNIT_CASE 2026-09-15 R11'] }],
    ['R10: a pending extension is the office\'s to decide before the deadline; the handler keeps handling',
      facts({ ...OWNED, pendingExtension: { id: 'e1', requestedById: 'cadre', requestedDueOn: '2026-11-10' } }), '2026-09-30',
      { office: ['DECIDE_EXTENSION 2026-10-14 R10'], owner: ['HANDLE 2026-10-14 R7'], cadre: ['HANDLE 2026-10-14 R7'] }],
    ['R2: a weekly report not in this week is the owner\'s and the responsible person\'s to send, due at the week\'s end',
      facts({ ...OWNED, reporting: { cadence: 'WEEKLY', activeFrom: '2026-09-20', lastReportedOn: '2026-09-25', lastUnitReportOn: {} } }), '2026-09-30',
      { owner: ['REPORT_PROGRESS 2026-10-04 R2'], cadre: ['REPORT_PROGRESS 2026-10-04 R2'] }],
    ['R19: the territorial unit\'s head reports for the unit when it has not this period; the functional unit has reported',
      facts({ ...OWNED, territorialUnitId: 'u-police', functionalUnitId: 'u-justice', reporting: { cadence: 'WEEKLY', activeFrom: '2026-09-20', lastReportedOn: '2026-09-29', lastUnitReportOn: { 'u-police': null, 'u-justice': '2026-09-29' } } }),
      '2026-09-30', { owner: ['HANDLE 2026-10-14 R7'], cadre: ['HANDLE 2026-10-14 R7'], policeHead: ['UNIT_REPORT 2026-10-04 R19'] }],
    ['R20: a dangerous letter handed to a unit is its head\'s to handle personally, even when not late',
      facts({ ...OWNED, dangerFlags: ['SUICIDE'] }), '2026-09-30',
      { owner: ['HANDLE 2026-10-14 R7'], cadre: ['HANDLE 2026-10-14 R7'], unitHead: ['UNIT_CASE 2026-10-14 R20'] }],
    ['a unit case due within 3 working days (the holiday counted out) is its head\'s to see to',
      facts({ dueOn: '2026-10-09' }), '2026-09-30', { cadre: ['HANDLE 2026-10-09 R7'], unitHead: ['UNIT_CASE 2026-10-09 R11'] }],
    ['a village committee\'s case is its head\'s (a village cadre heading it) when overdue',
      facts({ unitId: 'u-village', responsiblePersonId: 'collector', dueOn: '2026-09-20' }), '2026-09-30',
      { office: ['SUPERVISE 2026-09-20 R11'], collector: ['HANDLE 2026-09-20 R11'], villageHead: ['UNIT_CASE 2026-09-20 R11'] }],
    ['R27: a resolved case is the office\'s to call back until its window closes',
      facts({ ...OWNED, status: 'RESOLVED', resolvedAt: new Date('2026-09-20T10:00:00+08:00') }), '2026-09-30', { office: ['FOLLOW_UP 2026-10-20 R27'] }],
    ['R27: once the window has closed there is nothing to call back (the job records 逾期未评价)',
      facts({ ...OWNED, status: 'RESOLVED', resolvedAt: new Date('2026-08-01T10:00:00+08:00') }), '2026-09-30', {}],
    ['R27: a resolved case already followed up is off the list',
      facts({ ...OWNED, status: 'RESOLVED', resolvedAt: new Date('2026-09-20T10:00:00+08:00'), followedUp: true }), '2026-09-30', {}],
    ['R26: a handled claim without its written opinion, and a 复查 awaiting its answer, are the office\'s',
      facts({ ...OWNED, status: 'FOLLOWED_UP', classification: 'CLAIM', resolvedAt: new Date('2026-09-10T10:00:00+08:00'), followedUp: true, pendingReview: { kind: 'REVIEW', dueOn: '2026-10-12' } }),
      '2026-09-30', { office: ['OPINION — R26', 'REVIEW_ANSWER 2026-10-12 R26'] }],
    ['R26/R24: an accusation is discipline inspection\'s and its handlers\'; its unit head does not read it, the accused nothing at all',
      facts({ ...OWNED, classification: 'ACCUSATION', accusedPersonId: 'otherLeader', dueOn: '2026-09-15' }), '2026-09-30',
      { office: ['SUPERVISE 2026-09-15 R11'], owner: ['HANDLE 2026-09-15 R11'], cadre: ['HANDLE 2026-09-15 R11'], discipline: ['ACCUSATION 2026-09-15 R26'] }],
    ['R24: the accused unit\'s head and its members have nothing of a case against their unit, late or not',
      facts({ ...OWNED, responsiblePersonId: 'stationed', unitId: 'u-police', accusedUnitId: 'u-justice', dueOn: '2026-09-15' }), '2026-09-30',
      { office: ['SUPERVISE 2026-09-15 R11'], owner: ['HANDLE 2026-09-15 R11'], stationed: ['HANDLE 2026-09-15 R11'], policeHead: ['UNIT_CASE 2026-09-15 R11'] }],
    ['R5: a case whose handler stepped aside as accused is the office\'s to hand over again',
      facts({ ownerLeaderId: null, responsiblePersonId: null, unitId: null }), '2026-09-30', { office: ['ROUTE 2026-10-14 R5'] }],
    ['an archived case asks nothing of anyone', facts({ ...OWNED, status: 'ARCHIVED', classification: 'CLAIM', resolvedAt: new Date('2026-09-10T10:00:00+08:00') }), '2026-09-30', {}],
  ] as const)('%s', (_name, c, today, expected) => {
    expect(whoHasWhat(c as CaseTodoFacts, today)).toEqual(expected);
  });

  it('R9: a registered case 4 days past its registration limit is overdue on the office\'s list, and says why', () => {
    const c = facts({ status: 'REGISTERED', receivedOn: '2026-09-23', acceptedOn: '2026-09-23', dueOn: '2026-10-21', responsiblePersonId: null, unitId: null });
    const [item] = rankTodos(caseTodos(P.office, c, clock('2026-10-12')), '2026-10-12', calendar);
    expect(item).toMatchObject({ kind: 'ROUTE', dueOn: '2026-10-08', why: '已登记，尚未交办责任单位（收件后15日内交办）', urgency: { band: 'OVERDUE', daysOverdue: 4 } });
  });

  it('R4: the returned proposal says the committee\'s reason and names its proposer', () => {
    const c = facts({ status: 'RETURNED', ownershipReasons: ['COLLECTIVE'], returnedProposal: { proposedById: 'office', reason: '时限偏长。' } });
    expect(caseTodos(P.office, c, clock('2026-09-30'))[0]).toMatchObject({ why: '常委会退回，理由：时限偏长', personId: 'office' });
  });

  it('R11/R19: a unit head\'s row (labelled 本单位) does not say 本单位案件 again; on a multi-unit case it says which part is the unit\'s', () => {
    const late = { ...OWNED, dueOn: '2026-09-15' };
    expect(caseTodos(P.unitHead, facts(late), clock('2026-09-30'))[0]).toMatchObject({ kind: 'UNIT_CASE', why: '已超过办结时限，请督促办结' });
    const multi = facts({ ...late, territorialUnitId: 'u-police', functionalUnitId: 'u-justice' });
    expect(caseTodos(P.policeHead, multi, clock('2026-09-30'))[0]).toMatchObject({ kind: 'UNIT_CASE', why: '本单位为属地单位（负责稳控），已超过办结时限，请督促办结' });
  });

  it('a system admin may act for the office, but the office\'s work is not on their list', () => {
    const admin = person('admin', ['ADMIN'], 'u-it');
    for (const status of ['REGISTERED', 'AWAITING_OWNER', 'RETURNED', 'RESOLVED'] as const) {
      expect(caseTodos(admin, facts({ status, resolvedAt: new Date('2026-09-25T10:00:00+08:00'), dueOn: '2026-09-01' }), clock('2026-09-30'))).toEqual([]);
    }
  });

  it('a deactivated account has nothing', () => {
    expect(caseTodos({ ...P.office, active: false }, facts({ status: 'REGISTERED' }), clock('2026-09-30'))).toEqual([]);
  });
});

describe('why a case is on a person\'s 我的', () => {
  it.each([
    ['the owner leader', P.owner, facts(OWNED), 'OWNER'],
    ['the responsible person', P.cadre, facts(OWNED), 'RESPONSIBLE'],
    ['both at once', P.owner, facts({ ownerLeaderId: 'owner', responsiblePersonId: 'owner' }), 'BOTH'],
    ['the head of the responsible unit: the unit\'s case', P.unitHead, facts(OWNED), 'UNIT'],
    ['R19: the head of the territorial unit', P.policeHead, facts({ ...OWNED, territorialUnitId: 'u-police', functionalUnitId: 'u-justice' }), 'TERRITORIAL'],
    ['R19: the functional unit named besides the responsible one', P.unitHead, facts({ ...OWNED, unitId: 'u-police', territorialUnitId: 'u-police', functionalUnitId: 'u-justice' }), 'FUNCTIONAL'],
    ['a colleague who does not head the unit: not theirs', P.colleague, facts(OWNED), null],
    ['a leader not on the case', P.otherLeader, facts(OWNED), null],
  ] as const)('%s', (_name, who, c, expected) => {
    expect(caseRelation(who, c)).toBe(expected);
  });
});
