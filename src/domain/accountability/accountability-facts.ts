import { addDays, localDateOf, type LocalDate } from '../../lib/local-date.js';
import { ACK_STAGE_LABELS, type AckStage } from '../escalation/ack-stage.js';
import { ABNORMAL_DESTINATION_LABELS, type AbnormalDestination } from '../escalation/alert-kinds.js';

/**
 * R22: 不作为 (inaction), 慢作为 (slow action), 乱作为 (wrong action); ESCALATION is a case that
 * went up (R21) whatever the cause. The software keeps these facts; people judge them.
 */
export const ACCOUNTABILITY_KINDS = ['INACTION', 'SLOW_ACTION', 'WRONG_ACTION', 'ESCALATION'] as const;
export type AccountabilityKind = (typeof ACCOUNTABILITY_KINDS)[number];

export const ACCOUNTABILITY_REASONS = [
  'ACK_NEVER_GIVEN', 'ACK_INCOMPLETE', 'REPEATED_OVERDUE', 'REOPENED', 'ABNORMAL_PETITION', 'ABNORMAL_PETITION_OVERDUE',
] as const;
export type AccountabilityReason = (typeof ACCOUNTABILITY_REASONS)[number];

export const ACCOUNTABILITY_KIND_LABELS: Record<AccountabilityKind, string> = { INACTION: '不作为', SLOW_ACTION: '慢作为', WRONG_ACTION: '乱作为', ESCALATION: '越级上访' };

export const ACCOUNTABILITY_REASON_LABELS: Record<AccountabilityReason, string> = {
  ACK_NEVER_GIVEN: '预警始终未确认',
  ACK_INCOMPLETE: '预警未确认到位',
  REPEATED_OVERDUE: '多次逾期',
  REOPENED: '同一问题重新办理',
  ABNORMAL_PETITION: '发生非正常上访',
  ABNORMAL_PETITION_OVERDUE: '逾期期间发生非正常上访',
};

/** A fact about a person or a unit; `sourceKey` names it so that it is kept once however often it is seen. */
export interface AccountabilityFactDraft {
  sourceKey: string;
  kind: AccountabilityKind;
  reason: AccountabilityReason;
  personId: string | null;
  unitId: string | null;
  caseId: string | null;
  alertId: string | null;
  detail: string;
}

export interface MissedAckFacts {
  alertId: string;
  alertTitle: string;
  personId: string;
  required: AckStage;
  /** The stage reached when the alert climbed past this person. */
  stageAtMiss: AckStage;
  missedAt: Date;
}

export interface CaseAccountabilityFacts {
  id: string;
  number: string;
  unitId: string | null;
  ownerLeaderId: string | null;
  responsiblePersonId: string | null;
  dueOn: LocalDate | null;
  overdueOn: LocalDate | null;
  resolvedAt: Date | null;
  reopenCount: number;
}

/** An alert climbed past someone who had not answered (inaction) or not got far enough (slow). */
export function missedAckFacts(missed: readonly MissedAckFacts[]): AccountabilityFactDraft[] {
  return missed.map((m) => {
    const never = m.stageAtMiss === 'NONE';
    return {
      sourceKey: `ACK:${m.alertId}:${m.personId}`,
      kind: never ? 'INACTION' : 'SLOW_ACTION',
      reason: never ? 'ACK_NEVER_GIVEN' : 'ACK_INCOMPLETE',
      personId: m.personId,
      unitId: null,
      caseId: null,
      alertId: m.alertId,
      detail: never
        ? `预警「${m.alertTitle}」升级时仍未确认（应确认：${ACK_STAGE_LABELS[m.required]}）`
        : `预警「${m.alertTitle}」升级时仅确认“${ACK_STAGE_LABELS[m.stageAtMiss]}”，未达到“${ACK_STAGE_LABELS[m.required]}”`,
    };
  });
}

/** R11 as of `today`: the first overdue day of a case, or null when it never was overdue. */
export function overdueSince(c: CaseAccountabilityFacts, today: LocalDate): LocalDate | null {
  if (c.overdueOn) return c.overdueOn;
  if (!c.dueOn || c.dueOn >= today) return null;
  const resolvedOn = c.resolvedAt ? localDateOf(c.resolvedAt) : null;
  return resolvedOn === null || resolvedOn > c.dueOn ? addDays(c.dueOn, 1) : null;
}

const people = (c: CaseAccountabilityFacts) =>
  [...new Set([c.ownerLeaderId, c.responsiblePersonId].filter((p): p is string => p !== null))];

/** A person (owner leader or responsible person) or a unit with `threshold` or more cases overdue in one year. */
export function repeatedOverdueFacts(cases: readonly CaseAccountabilityFacts[], today: LocalDate, threshold = 2): AccountabilityFactDraft[] {
  const groups = new Map<string, { party: 'PERSON' | 'UNIT'; id: string; year: string; numbers: string[] }>();
  const add = (party: 'PERSON' | 'UNIT', id: string, year: string, number: string) => {
    const key = `${party}:${id}:${year}`;
    const g = groups.get(key) ?? { party, id, year, numbers: [] };
    g.numbers.push(number);
    groups.set(key, g);
  };
  for (const c of cases) {
    const since = overdueSince(c, today);
    if (!since) continue;
    const year = since.slice(0, 4);
    for (const p of people(c)) add('PERSON', p, year, c.number);
    if (c.unitId) add('UNIT', c.unitId, year, c.number);
  }
  return [...groups.entries()]
    .filter(([, g]) => g.numbers.length >= threshold)
    .map(([key, g]) => ({
      sourceKey: `REPEATED_OVERDUE:${key}`,
      kind: 'SLOW_ACTION' as const,
      reason: 'REPEATED_OVERDUE' as const,
      personId: g.party === 'PERSON' ? g.id : null,
      unitId: g.party === 'UNIT' ? g.id : null,
      caseId: null,
      alertId: null,
      detail: `${g.year}年逾期案件${g.numbers.length}件：${[...g.numbers].sort().join('、')}`,
    }));
}

/** Each reopening of a case for the same issue, against its people and unit. */
export function reopenedFacts(cases: readonly CaseAccountabilityFacts[]): AccountabilityFactDraft[] {
  return cases.flatMap((c) =>
    Array.from({ length: c.reopenCount }, (_, i) => i + 1).flatMap((n) => {
      const parties = [
        ...people(c).map((p) => ({ tag: `PERSON:${p}`, personId: p, unitId: null })),
        ...(c.unitId ? [{ tag: `UNIT:${c.unitId}`, personId: null, unitId: c.unitId }] : []),
      ];
      return parties.map((party) => ({
        sourceKey: `REOPENED:${c.id}:${n}:${party.tag}`,
        kind: 'WRONG_ACTION' as const,
        reason: 'REOPENED' as const,
        personId: party.personId,
        unitId: party.unitId,
        caseId: c.id,
        alertId: null,
        detail: `案件${c.number}因同一问题第${n}次重新办理`,
      }));
    }),
  );
}

/** Every fact the records show as of `today`, in a stable order. */
export function accountabilityFacts(input: {
  missedAcks: readonly MissedAckFacts[];
  cases: readonly CaseAccountabilityFacts[];
  today: LocalDate;
  overdueThreshold?: number;
}): AccountabilityFactDraft[] {
  return [
    ...missedAckFacts(input.missedAcks),
    ...repeatedOverdueFacts(input.cases, input.today, input.overdueThreshold),
    ...reopenedFacts(input.cases),
  ].sort((a, b) => (a.sourceKey < b.sourceKey ? -1 : a.sourceKey > b.sourceKey ? 1 : 0));
}

/** R21: an abnormal petition, kept against the leader and the unit of the case. */
export function abnormalPetitionFacts(e: {
  caseId: string;
  caseNumber: string;
  destination: AbnormalDestination;
  occurredOn: LocalDate;
  overdue: boolean;
  leaderId: string;
  unitId: string | null;
}): AccountabilityFactDraft[] {
  const base = `ABNORMAL_PETITION:${e.caseId}:${e.destination}:${e.occurredOn}`;
  const detail = `${e.occurredOn} 案件${e.caseNumber}发生${ABNORMAL_DESTINATION_LABELS[e.destination]}${e.overdue ? '（案件已逾期未办结）' : '（案件在办理期限内）'}`;
  const fact = { kind: e.overdue ? 'SLOW_ACTION' : 'ESCALATION', reason: e.overdue ? 'ABNORMAL_PETITION_OVERDUE' : 'ABNORMAL_PETITION', caseId: e.caseId, alertId: null, detail } as const;
  return [
    { ...fact, sourceKey: `${base}:PERSON:${e.leaderId}`, personId: e.leaderId, unitId: null },
    ...(e.unitId ? [{ ...fact, sourceKey: `${base}:UNIT:${e.unitId}`, personId: null, unitId: e.unitId }] : []),
  ];
}
