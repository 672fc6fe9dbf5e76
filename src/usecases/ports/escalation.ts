import type { LocalDate } from '../../lib/local-date.js';
import type { AccountabilityFactDraft, AccountabilityKind, AccountabilityReason, CaseAccountabilityFacts, MissedAckFacts } from '../../domain/accountability/accountability-facts.js';
import type { CaseAccessFacts } from '../../domain/authorization.js';
import type { AckStage } from '../../domain/escalation/ack-stage.js';
import type { AbnormalDestination, AlertKind } from '../../domain/escalation/alert-kinds.js';
import type { LadderRecipient } from '../../domain/escalation/ladder.js';
import type { AlertState, MissedAck, RecipientState } from '../../domain/escalation/next-step.js';

// Storage of R18–R22, in the domain's words.

export interface AlertRecipientRecord extends RecipientState {
  ackedAt: Date | null;
}

export interface AlertRecord extends AlertState {
  id: string;
  kind: AlertKind;
  caseId: string | null;
  villageId: string | null;
  title: string;
  detail: string;
  eventKind: string | null;
  raisedById: string | null;
  closedAt: Date | null;
  recipients: AlertRecipientRecord[];
}

export interface NewAlert {
  kind: AlertKind;
  caseId: string | null;
  villageId: string | null;
  title: string;
  detail: string;
  eventKind: string | null;
  raisedById: string | null;
  raisedAt: Date;
  recipients: LadderRecipient[];
}

export interface AlertRepo {
  create(alert: NewAlert): Promise<AlertRecord>;
  get(id: string): Promise<AlertRecord | null>;
  /** Reads the alert and holds it until the transaction ends: one writer per alert at a time. */
  lock(id: string): Promise<AlertRecord | null>;
  /** Raises a recipient's stage; false when they were already at `stage` or past it. */
  advanceStage(alertId: string, personId: string, stage: AckStage, ackedAt: Date | null): Promise<boolean>;
  /** Closes an open alert; false when it was closed already. */
  close(id: string, at: Date): Promise<boolean>;
  markRepeated(alertId: string, personIds: readonly string[], at: Date): Promise<void>;
  climb(alertId: string, to: number, at: Date, added: readonly LadderRecipient[], missed: readonly MissedAck[]): Promise<void>;
  /** Open alerts by id after `afterId` (paging): the ladders the scheduler keeps climbing. */
  openIds(limit: number, afterId?: string): Promise<string[]>;
  /** Active people tied to a village as stationed cadres or village cadres (R18). */
  villagePeople(villageId: string, relation: 'STATIONED' | 'CADRE'): Promise<string[]>;
}

export interface PersuasionRecord {
  id: string;
  caseId: string;
  alertId: string | null;
  leaderId: string;
  destination: AbnormalDestination;
  collective: boolean;
  occurredOn: LocalDate;
  caseOverdue: boolean;
  openedAt: Date;
  who: string | null;
  doneAt: Date | null;
  outcome: 'IN_PROGRESS' | 'RETURNED' | 'NOT_RETURNED';
  note: string | null;
  recordedById: string | null;
}

export interface PersuasionRepo {
  create(p: Omit<PersuasionRecord, 'id' | 'who' | 'doneAt' | 'outcome' | 'note' | 'recordedById'>): Promise<PersuasionRecord>;
  get(id: string): Promise<PersuasionRecord | null>;
  find(caseId: string, destination: AbnormalDestination, occurredOn: LocalDate): Promise<PersuasionRecord | null>;
  /** Records an attempt; false when the persuasion already ended with a return. */
  record(id: string, r: { who: string; doneAt: Date; outcome: 'RETURNED' | 'NOT_RETURNED'; note: string | null; recordedById: string }): Promise<boolean>;
}

export interface AccountabilityRepo {
  /** Recipients an alert climbed past without their required stage. */
  missedAcks(): Promise<MissedAckFacts[]>;
  /** Cases that may carry a fact as of `today`: overdue marks, past deadlines, reopenings. */
  cases(today: LocalDate): Promise<CaseAccountabilityFacts[]>;
  /** Stores a fact unless one with its source key exists; true when stored now. */
  record(fact: AccountabilityFactDraft, at: Date): Promise<boolean>;
  /** Stored facts recorded in [from, to), newest first, with the cases each concerns. */
  facts(filter: AccountabilityFactFilter): Promise<AccountabilityFactRecord[]>;
}

export interface AccountabilityFactFilter {
  from: Date;
  to: Date;
  kind?: AccountabilityKind;
  personId?: string;
  /** The unit's own facts and those of its people. */
  unitId?: string;
}

/** A case a fact concerns, with what decides who may see it (R24/R26). */
export interface FactCase extends CaseAccessFacts {
  id: string;
  number: string;
}

/** A stored R22 fact and the cases it concerns: its own, its alert's, and those its text names by number. */
export interface AccountabilityFactRecord {
  id: string;
  kind: AccountabilityKind;
  reason: AccountabilityReason;
  personId: string | null;
  unitId: string | null;
  alertId: string | null;
  detail: string;
  recordedAt: Date;
  cases: FactCase[];
}
