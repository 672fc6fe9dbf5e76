import { laterStage, type AckStage } from './ack-stage.js';
import type { RecipientReason } from './alert-kinds.js';

/** Level 0: the people the rule names; 1: the leaders in charge; 2: the principal leaders. */
export const TOP_LEVEL = 2;

export interface LadderRecipient {
  personId: string;
  reason: RecipientReason;
  /** The stage this person must reach. */
  required: AckStage;
}

/** Everyone a level of the ladder speaks to; some may already be on the alert from a lower level. */
export interface LadderLevel {
  level: number;
  audience: LadderRecipient[];
}

/** What the ladder of each kind of alert is built from. */
export type AlertSubject =
  | {
      kind: 'MAJOR_EVENT';
      areaLeaderId: string | null;
      stationedCadreIds: string[];
      villageCadreIds: string[];
      /** The town leader linked to the village (R15): a leader in charge on the spot. */
      villageLeaderId: string | null;
    }
  | { kind: 'DANGER_LETTER'; unitHeadIds: string[] }
  // The owner leader, or for an unowned case whoever must organise persuasion (R21).
  | { kind: 'ABNORMAL_PETITION'; ownerLeaderId: string | null };

export interface Leadership {
  principalLeaderIds: string[];
  /** The office's leader in charge: the 分管领导 of petition work. */
  petitionLeaderInChargeId: string | null;
}

const person = (personId: string | null, reason: RecipientReason, required: AckStage): LadderRecipient[] =>
  personId ? [{ personId, reason, required }] : [];
const people = (ids: readonly string[], reason: RecipientReason, required: AckStage): LadderRecipient[] =>
  ids.flatMap((id) => person(id, reason, required));

/** One entry per person: the first reason, the most demanding stage. */
function dedupe(recipients: LadderRecipient[]): LadderRecipient[] {
  const byPerson = new Map<string, LadderRecipient>();
  for (const r of recipients) {
    const seen = byPerson.get(r.personId);
    byPerson.set(r.personId, seen ? { ...seen, required: laterStage(seen.required, r.required) } : r);
  }
  return [...byPerson.values()];
}

function leadersInCharge(subject: AlertSubject, leadership: Leadership): LadderRecipient[] {
  return [
    ...(subject.kind === 'MAJOR_EVENT' ? person(subject.villageLeaderId, 'LEADER_IN_CHARGE', 'RECEIVED') : []),
    ...person(leadership.petitionLeaderInChargeId, 'LEADER_IN_CHARGE', 'RECEIVED'),
  ];
}

function namedByRule(subject: AlertSubject, leadership: Leadership): LadderRecipient[] {
  const principals = people(leadership.principalLeaderIds, 'PRINCIPAL_LEADER', 'RECEIVED');
  switch (subject.kind) {
    case 'MAJOR_EVENT':
      // R18: the three go to the scene; the leaders in charge take command (靠前指挥) from the start.
      return [
        ...person(subject.areaLeaderId, 'AREA_LEADER', 'ON_SITE'),
        ...people(subject.stationedCadreIds, 'STATIONED_CADRE', 'ON_SITE'),
        ...people(subject.villageCadreIds, 'VILLAGE_CADRE', 'ON_SITE'),
        ...leadersInCharge(subject, leadership),
      ];
    case 'DANGER_LETTER':
      // R20: personal review (亲自阅处) by the principal leaders and the leader in charge.
      return [...principals, ...leadersInCharge(subject, leadership), ...people(subject.unitHeadIds, 'UNIT_HEAD', 'RECEIVED')];
    case 'ABNORMAL_PETITION':
      // R21: the principal leaders, and the owner who must organise persuasion at once.
      return [...principals, ...person(subject.ownerLeaderId, 'OWNER_LEADER', 'RECEIVED')];
  }
}

/** The audience of each level of an alert, from the rule's own people (0) to the principal leaders (2). */
export function escalationLadder(subject: AlertSubject, leadership: Leadership): LadderLevel[] {
  const levels = [
    namedByRule(subject, leadership),
    leadersInCharge(subject, leadership),
    people(leadership.principalLeaderIds, 'PRINCIPAL_LEADER', 'RECEIVED'),
  ];
  return levels.map((audience, level) => ({ level, audience: dedupe(audience) }));
}
