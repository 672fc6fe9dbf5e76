import type { LocalDate } from '../../lib/local-date.js';
import type { OwnedCaseFacts } from '../../domain/duties/overdue-explanations.js';
import type { ReceptionDayFacts } from '../../domain/duties/reception.js';
import type { ScreeningPeriodFacts, UnitReportFacts } from '../../domain/duties/screening.js';
import type { StatementKind } from '../../domain/duties/statements.js';
import type { VisitFact, VisitObligation } from '../../domain/duties/visits.js';

// Storage of the periodic duties (R12–R17), in the domain's words.

export interface Meeting {
  id: string;
  date: LocalDate;
  topic: string;
  decisions: string;
  attendees: string[];
  recordedById: string;
  recordedAt: Date;
  cases: { caseId: string; decision: string | null }[];
}

export interface MeetingRepo {
  create(data: Omit<Meeting, 'id'>): Promise<Meeting>;
  /** Meetings dated from `from` to `to`, both included, oldest first. */
  between(from: LocalDate, to: LocalDate): Promise<Meeting[]>;
}

export interface WrittenStatement {
  id: string;
  dutyKey: string;
  kind: StatementKind;
  authorId: string;
  period: string;
  caseId: string | null;
  dueOn: LocalDate | null;
  content: string | null;
  submittedAt: Date | null;
  openedAt: Date;
}

export type NewStatement = Omit<WrittenStatement, 'id' | 'content' | 'submittedAt'>;

export interface StatementRepo {
  /** Opens the duty unless its key exists already: `created` tells which (idempotent jobs). */
  openIfAbsent(data: NewStatement): Promise<{ statement: WrittenStatement; created: boolean }>;
  get(id: string): Promise<WrittenStatement | null>;
  /** Stores the content once; false if it was submitted already (also under concurrency). */
  submit(id: string, content: string, at: Date): Promise<boolean>;
  forPeriod(period: string, kinds: StatementKind[]): Promise<WrittenStatement[]>;
  /** Owned cases due before `asOf` and open now or resolved after `asOf` (R13 candidates). */
  overdueOwnedCases(asOf: LocalDate): Promise<OwnedCaseFacts[]>;
}

export interface ReceptionDay {
  id: string;
  leaderId: string;
  date: LocalDate;
  location: string | null;
  note: string | null;
}

export interface ReceptionRepo {
  /** null when the leader already has a reception day on that date. */
  create(data: Omit<ReceptionDay, 'id'>): Promise<ReceptionDay | null>;
  get(id: string): Promise<ReceptionDay | null>;
  /** Days from `from` to `to`, both included, with the number of cases received there. */
  between(from: LocalDate, to: LocalDate, leaderId?: string | null): Promise<(ReceptionDay & ReceptionDayFacts)[]>;
}

export interface VillageVisit {
  id: string;
  leaderId: string;
  villageId: string;
  date: LocalDate;
  peopleMet: string | null;
  note: string | null;
  recordedAt: Date;
}

export interface VisitRepo {
  create(data: Omit<VillageVisit, 'id'>): Promise<VillageVisit>;
  get(id: string): Promise<VillageVisit | null>;
  between(from: LocalDate, to: LocalDate): Promise<VisitFact[]>;
  /** Every active leader linked to a village or leading an area, with their villages (R15). */
  obligations(): Promise<VisitObligation[]>;
}

export interface SentimentReport {
  id: string;
  villageId: string;
  reporterId: string;
  content: string;
  reportedAt: Date;
  caseId: string | null;
}

export interface SentimentRepo {
  create(data: Omit<SentimentReport, 'id' | 'caseId'>): Promise<SentimentReport>;
  /** Reads the report and holds it until the transaction ends. */
  lock(id: string): Promise<SentimentReport | null>;
  /** Links the case; false if the report was converted already. */
  linkCase(id: string, caseId: string): Promise<boolean>;
  unconverted(from: Date, to: Date): Promise<SentimentReport[]>;
  /** The person is linked to the village (驻村/村干部/信息员) or works for its village committee. */
  isLinked(personId: string, villageId: string): Promise<boolean>;
}

export interface ScreeningPeriod extends ScreeningPeriodFacts {
  declaredById: string;
  declaredAt: Date;
}

export interface UnitReport extends UnitReportFacts {
  id: string;
  periodId: string;
  findings: string | null;
  submittedById: string;
}

export interface ScreeningRepo {
  createPeriod(data: Omit<ScreeningPeriod, 'id'>): Promise<ScreeningPeriod>;
  period(id: string): Promise<ScreeningPeriod | null>;
  /** Periods whose days from start to the later of end and report due date touch [from, to]. */
  overlapping(from: LocalDate, to: LocalDate): Promise<ScreeningPeriod[]>;
  /** null when the unit has reported for the period already. */
  addReport(data: Omit<UnitReport, 'id'>): Promise<UnitReport | null>;
  reports(periodId: string): Promise<UnitReport[]>;
  /** Who is told about a unit's duty: its head, else its active members. */
  unitContacts(unitIds: string[]): Promise<Map<string, string[]>>;
}
