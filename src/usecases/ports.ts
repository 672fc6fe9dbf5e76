import type { PushRepo } from './ports/pushes.js';
import type { SentCopiesRepo } from './ports/sent-copies.js';
import type { ReminderSettings } from '../domain/reminders/reminder-settings.js';
import type { ReminderFactsRepo } from './ports/reminder-facts.js';
import type { Clock } from '../lib/clock.js';
import type { LocalDate } from '../lib/local-date.js';
import type { WorkingCalendar } from '../domain/calendar/working-calendar.js';
import type { DeadlinePolicy } from '../domain/deadlines/deadline-policy.js';
import type { KeywordRule } from '../domain/intake/danger-keywords.js';
import type { PersonalSubject } from '../domain/privacy/mask-text.js';
import type { MeetingRepo, ReceptionRepo, ScreeningRepo, SentimentRepo, StatementRepo, VisitRepo } from './ports/duties.js';
import type { AssessmentFactsRepo, AssessmentRepo } from './ports/assessment.js';
import type { FollowUpRepo } from './ports/follow-up.js';
import type { ReviewRepo } from './ports/review.js';
import type { AccountabilityRepo, AlertRepo, PersuasionRepo } from './ports/escalation.js';
import type { SettingsRepo } from './ports/settings.js';
import type { IdentityRepo, ProcessedEventRepo } from './ports/platform.js';
import type { PeopleRepo } from './ports/identity-sync.js';
import type { Area, OrganisationRepo, Unit, Village } from './ports/organisation.js';
import type { ReceptionLogRepo } from './ports/reception-log.js';
import type { WorklistRepo } from './ports/worklists.js';
import type { ConsoleSessionRepo } from './ports/sessions.js';
import type { AuditHead } from './ports/audit-anchors.js';
import type {
  CaseRecord, Channel, Extension, OwnershipProposal, OwnershipTerms, Person, Petitioner, ProgressEntry, Role,
} from '../domain/model.js';

// What use cases need from storage, in the domain's words. db/ implements these with Prisma;
// use cases never see the database client.

export interface AuditEntry {
  at: Date;
  actorId: string | null;
  channel: Channel;
  action: string;
  entityType: string;
  entityId: string;
  caseId: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
}

export type { Area, Unit, Village } from './ports/organisation.js';

export type NewCase = Omit<CaseRecord, 'id'>;

export interface CaseRepo {
  /** Next number of the year: consecutive, never shared, even under concurrent intake. */
  nextSeq(year: number): Promise<number>;
  create(data: NewCase, petitioners: Petitioner[]): Promise<CaseRecord>;
  get(id: string): Promise<CaseRecord | null>;
  getByNumber(number: string): Promise<CaseRecord | null>;
  /** Reads the case and holds it until the transaction ends: one writer per case at a time. */
  lock(id: string): Promise<CaseRecord | null>;
  update(id: string, patch: Partial<NewCase>): Promise<CaseRecord>;
  /** The case's petitioners now: without the rows a correction replaced or removed. */
  petitioners(caseId: string): Promise<Petitioner[]>;
  /** A petitioner added by a correction (or completing a case that awaited them, R16). */
  addPetitioner(caseId: string, p: Petitioner): Promise<Petitioner>;
  /** Marks a current petitioner of the case replaced or removed (the row stays: R25); false if it is not one. */
  supersedePetitioner(caseId: string, id: string, at: Date): Promise<boolean>;
  /**
   * R24: who each case's free text must not name, for masking: its petitioners, and those a
   * correction replaced (text written earlier may name them); every id asked is in the map.
   */
  subjects(caseIds: readonly string[]): Promise<Map<string, PersonalSubject[]>>;
  /** The same for cases named by number (XF-2026-0042): what a card naming them must not show. */
  subjectsByNumber(numbers: readonly string[]): Promise<Map<string, PersonalSubject[]>>;
  /** The case with what a view of it shows, read in one request: case cards are the busiest read. */
  dossier(ref: { id: string } | { number: string }): Promise<CaseDossier | null>;
  /** Open cases with a deadline, by id after `afterId` (paging): the duties the scheduler keeps. */
  openDeadlines(limit: number, afterId?: string): Promise<{ id: string; dueOn: LocalDate }[]>;
  /** Open cases whose deadline is before `today` and that carry no overdue mark yet (R11). */
  openPastDueUnmarked(today: LocalDate): Promise<CaseRecord[]>;
}

export interface CaseDossier {
  case: CaseRecord;
  petitioners: Petitioner[];
  /** Petitioners a correction replaced or removed: not shown, but masked in text like the others (R24). */
  formerPetitioners: PersonalSubject[];
  ownership: ActiveOwnership | null;
  progress: ProgressEntry[];
  pendingProposalId: string | null;
  pendingExtensionId: string | null;
}

export interface ProposalRepo {
  create(data: Omit<OwnershipProposal, 'id' | 'status' | 'decidedById' | 'decidedAt' | 'decisionReason'>): Promise<OwnershipProposal>;
  get(id: string): Promise<OwnershipProposal | null>;
  pendingForCase(caseId: string): Promise<OwnershipProposal | null>;
  /** Pending proposals by id after `afterId` (paging): the R4 waits the scheduler keeps. */
  pendingIds(limit: number, afterId?: string): Promise<string[]>;
  /** Moves a PENDING proposal to its decision; false if someone decided it first. */
  decide(id: string, decision: { status: 'APPROVED' | 'RETURNED' | 'WITHDRAWN'; decidedById: string; decidedAt: Date; decisionReason: string | null }): Promise<boolean>;
}

export interface ActiveOwnership extends OwnershipTerms {
  id: string;
  caseId: string;
  proposalId: string;
  activeFrom: Date;
}

export interface OwnershipRepo {
  activate(proposal: OwnershipProposal, at: Date): Promise<ActiveOwnership>;
  active(caseId: string): Promise<ActiveOwnership | null>;
  end(id: string, at: Date, reason: string): Promise<void>;
}

export interface ProgressRepo {
  add(entry: Omit<ProgressEntry, 'id'>): Promise<ProgressEntry>;
  forCase(caseId: string): Promise<ProgressEntry[]>;
}

export interface ExtensionRepo {
  create(data: Omit<Extension, 'id' | 'status' | 'decidedById' | 'decidedAt' | 'grantedDueOn' | 'decisionReason'>): Promise<Extension>;
  get(id: string): Promise<Extension | null>;
  forCase(caseId: string): Promise<Extension[]>;
  decide(id: string, d: { status: 'APPROVED' | 'REJECTED'; decidedById: string; decidedAt: Date; grantedDueOn: LocalDate | null; decisionReason: string | null }): Promise<boolean>;
}

export interface DirectoryRepo {
  person(id: string): Promise<Person | null>;
  peopleWithRole(role: Role): Promise<Person[]>;
  unit(id: string): Promise<Unit | null>;
  /** The petition office (信访办): its leader in charge is the 分管领导 of petition work. */
  officeUnit(): Promise<Unit | null>;
  /** The village committee of a village, if it is a unit. */
  villageUnit(villageId: string): Promise<Unit | null>;
  village(id: string): Promise<Village | null>;
  area(id: string): Promise<Area | null>;
  villages(): Promise<{ id: string; name: string }[]>;
  /** Active people holding any of the roles, for pickers. */
  people(roles?: Role[]): Promise<Person[]>;
  units(): Promise<Unit[]>;
  /** Every person (active or not), unit and village by name, for display. */
  names(): Promise<NameIndex>;
}

export interface NameIndex {
  people: { id: string; name: string }[];
  units: { id: string; name: string }[];
  villages: { id: string; name: string }[];
}

export interface AuditRepo {
  /** Appends a signed row after the current head, holding the log until commit (outside `uow.run`: a transaction of its own). */
  append(entry: AuditEntry): Promise<void>;
  /** The newest row, or null for an empty log; inside `uow.run` it holds the log until commit, as `append` does. */
  head(): Promise<AuditHead | null>;
  /** The row of this sequence number, or null when there is none. */
  at(seq: number): Promise<AuditHead | null>;
}

/** The repositories of one transaction. */
export interface Repos {
  cases: CaseRepo;
  proposals: ProposalRepo;
  ownerships: OwnershipRepo;
  progress: ProgressRepo;
  extensions: ExtensionRepo;
  directory: DirectoryRepo;
  audit: AuditRepo;
  reviews: ReviewRepo; // R26
  followUps: FollowUpRepo; // R27
  assessment: AssessmentRepo; // R23
  assessmentFacts: AssessmentFactsRepo; // R23
  meetings: MeetingRepo; // R12
  statements: StatementRepo; // R13, R14
  receptions: ReceptionRepo; // R14
  visits: VisitRepo; // R15
  sentiments: SentimentRepo; // R16
  screenings: ScreeningRepo; // R17
  alerts: AlertRepo; // R18, R20, R21
  persuasions: PersuasionRepo; // R21
  accountability: AccountabilityRepo; // R22
  settings: SettingsRepo; // R7, R9, R20
  identities: IdentityRepo; // platform accounts
  events: ProcessedEventRepo; // platform event idempotency
  pushes: PushRepo; // the outbox of scheduled pushes (issue #4)
  sentCopies: SentCopiesRepo; // R24: content of sent messages kept only for a while
  reminderFacts: ReminderFactsRepo; // R2, R26, R27 reminders and the weekly summary
  people: PeopleRepo; // platform identity sync
  receptionLogs: ReceptionLogRepo; // R14
  worklists: WorklistRepo; // 待办 and form pickers
  organisation: OrganisationRepo; // people, units, areas, villages as the office edits them
  consoleSessions: ConsoleSessionRepo; // ended when a person's roles or active state change
}

export interface UnitOfWork {
  /** Runs `fn` in one database transaction: all of it happens, or none. */
  run<T>(fn: (repos: Repos) => Promise<T>): Promise<T>;
  /** Runs reads without a transaction (each query sees the latest committed data): cheaper for lookups. */
  read<T>(fn: (repos: Repos) => Promise<T>): Promise<T>;
}

export interface ConfigSource {
  calendar(): Promise<WorkingCalendar>;
  deadlinePolicy(): Promise<DeadlinePolicy>;
  /** Working hours of routine pushes and the alert intervals (R18, R20, R21). */
  reminderSettings(): Promise<ReminderSettings>;
  keywordRules(): Promise<KeywordRule[]>;
  /** The township's name that exports, cards and pages print (本镇 until the office sets it). */
  townName(): Promise<string>;
  /** Forget cached values after a settings change made by this process. */
  invalidate(): void;
}

/** Everything a use case may use besides its input. */
export interface Deps {
  uow: UnitOfWork;
  clock: Clock;
  config: ConfigSource;
}
