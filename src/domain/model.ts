import type { LocalDate } from '../lib/local-date.js';

// The domain's own vocabulary. The string values match the database enums, but nothing
// here imports the database: db/ maps rows to these shapes.

export const ROLES = [
  'PRINCIPAL_LEADER', 'TOWN_LEADER', 'OFFICE_STAFF', 'APPROVER', 'UNIT_HEAD', 'CADRE', 'AREA_LEADER',
  'VILLAGE_STATIONED_CADRE', 'VILLAGE_CADRE', 'SENTIMENT_COLLECTOR', 'DISCIPLINE_INSPECTOR', 'ADMIN',
] as const;
export type Role = (typeof ROLES)[number];

export const CASE_SOURCES = [
  'VISIT', 'LETTER', 'ONLINE', 'PHONE', 'RECEPTION_DAY', 'LEADER_VISIT', 'REFERRED', 'SENTIMENT', 'SCREENING',
] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];

export const CASE_STATUSES = [
  'REGISTERED', 'AWAITING_OWNER', 'AWAITING_APPROVAL', 'IN_PROGRESS', 'EXTENDED', 'RESOLVED', 'FOLLOWED_UP',
  'ARCHIVED', 'RETURNED',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const COMPLEXITIES = ['SIMPLE', 'GENERAL', 'COMPLEX'] as const;
export type Complexity = (typeof COMPLEXITIES)[number];

export const CLASSIFICATIONS = ['SUGGESTION', 'ACCUSATION', 'CLAIM'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

export const PROGRESS_TAGS = ['OWNING', 'INVESTIGATION', 'IMPLEMENTATION', 'STABILITY'] as const;
export type ProgressTag = (typeof PROGRESS_TAGS)[number];

export const STABILITY_ASSESSMENTS = ['STABLE', 'RISK_REMAINS'] as const;
export type StabilityAssessment = (typeof STABILITY_ASSESSMENTS)[number];

export const REPORTING_CADENCES = ['DAILY', 'WEEKLY', 'BIWEEKLY', 'MONTHLY'] as const;
export type ReportingCadence = (typeof REPORTING_CADENCES)[number];

export const RATINGS = ['SATISFIED', 'BASICALLY_SATISFIED', 'UNSATISFIED', 'NOT_RATED'] as const;
export type Rating = (typeof RATINGS)[number];

export type Channel = 'LARK' | 'DINGTALK' | 'SANDBOX' | 'CONSOLE' | 'SYSTEM' | 'SCRIPT';

export interface Person {
  id: string;
  name: string;
  title: string | null;
  mobile: string | null;
  email: string | null;
  unitId: string | null;
  roles: Role[];
  active: boolean;
}

/** Who is doing something, and through which door. */
export interface Actor {
  person: Person;
  channel: Channel;
}

export interface Petitioner {
  id?: string;
  name: string;
  idNumber: string | null;
  phone: string | null;
  address: string | null;
  isPrimary: boolean;
}

export interface CaseRecord {
  id: string;
  number: string;
  year: number;
  seq: number;
  title: string;
  content: string;
  source: CaseSource;
  category: string | null;
  complexity: Complexity;
  classification: Classification | null;
  status: CaseStatus;
  receivedAt: Date;
  villageId: string | null;
  headcount: number;
  ownershipReasons: string[];
  /** R16: converted from a report that named nobody; the office is to complete its petitioners. */
  petitionersPending: boolean;
  dangerFlags: string[];
  beijingPetition: boolean;
  ownerLeaderId: string | null;
  unitId: string | null;
  responsiblePersonId: string | null;
  territorialUnitId: string | null;
  functionalUnitId: string | null;
  accusedPersonId: string | null;
  accusedUnitId: string | null;
  receptionDayId: string | null;
  visitId: string | null;
  acceptedAt: Date | null;
  dueOn: LocalDate | null;
  dueRule: string | null;
  overdueOn: LocalDate | null;
  stability: StabilityAssessment | null;
  resolution: string | null;
  resolvedAt: Date | null;
  opinionIssuedAt: Date | null;
  followedUpAt: Date | null;
  archivedAt: Date | null;
  reopenCount: number;
  submittedById: string | null;
  submittedAt: Date | null;
  assignedById: string | null;
  assignedAt: Date | null;
  feedbackById: string | null;
  feedbackAt: Date | null;
  reportedUpById: string | null;
  reportedUpAt: Date | null;
  createdById: string | null;
}

export interface OwnershipTerms {
  leaderId: string;
  unitId: string;
  responsiblePersonId: string;
  requirements: string;
  deadline: LocalDate;
  reportingCadence: ReportingCadence;
  reportingNote: string | null;
  territorialUnitId: string | null;
  functionalUnitId: string | null;
}

export interface OwnershipProposal extends OwnershipTerms {
  id: string;
  caseId: string;
  kind: 'INITIAL' | 'TRANSFER';
  reason: string | null;
  status: 'PENDING' | 'APPROVED' | 'RETURNED' | 'WITHDRAWN';
  proposedById: string;
  proposedAt: Date;
  decidedById: string | null;
  decidedAt: Date | null;
  decisionReason: string | null;
}

export interface ProgressEntry {
  id: string;
  caseId: string;
  authorId: string;
  unitId: string | null;
  tag: ProgressTag;
  content: string;
  stability: StabilityAssessment | null;
  createdAt: Date;
}

export interface Extension {
  id: string;
  caseId: string;
  requestedById: string;
  requestedAt: Date;
  reason: string;
  requestedDueOn: LocalDate;
  status: 'PENDING' | 'APPROVED' | 'REJECTED';
  decidedById: string | null;
  decidedAt: Date | null;
  grantedDueOn: LocalDate | null;
  decisionReason: string | null;
}
