import { DomainError } from './errors.js';
import type { Classification, Person, Role } from './model.js';

/** What someone may do to a case. */
export type CaseAction =
  | 'VIEW'
  | 'VIEW_PERSONAL_DATA'
  | 'PROPOSE_OWNERSHIP'
  | 'DECIDE_OWNERSHIP'
  | 'PROPOSE_TRANSFER'
  | 'ASSIGN'
  | 'MARK_NEEDS_OWNER'
  | 'CLASSIFY'
  | 'ADD_PROGRESS'
  | 'REQUEST_EXTENSION'
  | 'DECIDE_EXTENSION'
  | 'RESOLVE'
  | 'FOLLOW_UP'
  | 'RECORD_REVIEW'
  | 'REPORT_ABNORMAL'
  | 'RECORD_PERSUASION'
  | 'ARCHIVE'
  | 'REPORT_UP'
  /** Correct the registration: title, content, source, complexity, village, headcount, petitioners. */
  | 'CORRECT_REGISTRATION';

/** What someone may do outside any one case. */
export type GlobalAction =
  | 'INTAKE'
  | 'LIST_ALL_CASES'
  | 'LIST_PERSONAL_DATA'
  | 'DECLARE_SCREENING'
  | 'SUBMIT_UNIT_REPORT'
  | 'RECORD_MEETING'
  | 'SCHEDULE_RECEPTION'
  | 'LOG_VISIT'
  /** R14: log how one's own reception day (接访日) went. */
  | 'LOG_RECEPTION'
  | 'RAISE_MAJOR_EVENT'
  | 'REPORT_SENTIMENT'
  | 'VIEW_DUTY_SCHEDULE'
  | 'CONVERT_SENTIMENT'
  | 'EDIT_SETTINGS'
  | 'MANAGE_PEOPLE'
  | 'VIEW_ASSESSMENT'
  | 'VIEW_ACCOUNTABILITY'
  | 'RECORD_ASSESSMENT';

/** The facts about a case that decide who may touch it. */
export interface CaseAccessFacts {
  ownerLeaderId: string | null;
  responsiblePersonId: string | null;
  unitId: string | null;
  territorialUnitId: string | null;
  functionalUnitId: string | null;
  accusedPersonId: string | null;
  accusedUnitId: string | null;
  classification: Classification | null;
}

export interface Decision {
  allowed: boolean;
  reason: string;
}

const has = (p: Person, ...roles: Role[]) => roles.some((r) => p.roles.includes(r));
const isOffice = (p: Person) => has(p, 'OFFICE_STAFF', 'ADMIN');
/** The town's party and government leaders (镇级领导): they visit villages (R15) and hold reception days (R14). */
export const isTownLeader = (p: Pick<Person, 'roles'>) => p.roles.some((r) => r === 'PRINCIPAL_LEADER' || r === 'TOWN_LEADER');
const allow: Decision = { allowed: true, reason: '' };
const deny = (reason: string): Decision => ({ allowed: false, reason });

/** R24/R26: the person or unit a petition complains about never sees it. */
export function isAccused(p: Person, c: CaseAccessFacts): boolean {
  return (c.accusedPersonId !== null && c.accusedPersonId === p.id) || (c.accusedUnitId !== null && c.accusedUnitId === p.unitId);
}

/** Owner leader or responsible person: "people assigned to the case" (R24). */
export function isAssigned(p: Person, c: CaseAccessFacts): boolean {
  return c.ownerLeaderId === p.id || c.responsiblePersonId === p.id;
}

/** Heads and members of the case's unit, or of either unit of a multi-unit case (R19). */
export function isInCaseUnit(p: Person, c: CaseAccessFacts): boolean {
  return p.unitId !== null && [c.unitId, c.territorialUnitId, c.functionalUnitId].includes(p.unitId);
}

/** Who reads every ordinary case (not only their own or their unit's): the office, principal leaders, approvers. */
export function readsEveryCase(p: Person): boolean {
  return isOffice(p) || has(p, 'PRINCIPAL_LEADER', 'APPROVER');
}

/** R26: who reads every accusation (检举控告): the office, discipline inspection and principal leaders. */
export function readsEveryAccusation(p: Person): boolean {
  return isOffice(p) || has(p, 'DISCIPLINE_INSPECTOR', 'PRINCIPAL_LEADER');
}

/** The single place that decides who may do what to which case. */
export function authorizeCase(p: Person, action: CaseAction, c: CaseAccessFacts): Decision {
  if (!p.active) return deny('您的账号已停用，请联系信访办');
  if (isAccused(p, c)) return deny('该信访事项涉及您本人或本单位，依规回避');
  const decision = decide(p, action, c);
  // Nobody acts on a case they may not see; the action's own refusal says more, so it comes first.
  return decision.allowed ? mayView(p, c) : decision;
}

function mayView(p: Person, c: CaseAccessFacts): Decision {
  const assigned = isAssigned(p, c);
  if (c.classification === 'ACCUSATION') return readsEveryAccusation(p) || assigned ? allow : deny('检举控告类事项仅信访办、纪检和承办人可查看');
  return readsEveryCase(p) || assigned || isInCaseUnit(p, c) ? allow : deny('您不是该案件的包案领导、责任人或责任单位人员');
}

function decide(p: Person, action: CaseAction, c: CaseAccessFacts): Decision {
  const office = isOffice(p);
  const assigned = isAssigned(p, c);
  const inUnit = isInCaseUnit(p, c);
  switch (action) {
    case 'VIEW':
      return allow;
    case 'VIEW_PERSONAL_DATA':
      return office || assigned ? allow : deny('信访人身份证号和电话仅信访办和承办人员可查看');
    case 'PROPOSE_OWNERSHIP':
    case 'ASSIGN':
    case 'MARK_NEEDS_OWNER':
    case 'CLASSIFY':
    case 'DECIDE_EXTENSION':
    case 'FOLLOW_UP':
    case 'RECORD_REVIEW':
    case 'ARCHIVE':
    case 'REPORT_UP':
    case 'CORRECT_REGISTRATION':
      return office ? allow : deny('此操作由信访办（信访领导小组）办理');
    case 'PROPOSE_TRANSFER':
      return office || c.ownerLeaderId === p.id ? allow : deny('只有信访办或现任包案领导可以提出移交');
    case 'DECIDE_OWNERSHIP':
      return has(p, 'APPROVER') ? allow : deny('包案意见须由镇委常委会成员审定');
    case 'ADD_PROGRESS':
      return office || assigned || inUnit ? allow : deny('只有包案领导、责任单位和责任人可以报送进展');
    case 'REQUEST_EXTENSION':
      return assigned ? allow : deny('延期须由包案领导或责任人申请');
    case 'RESOLVE':
      return office || assigned ? allow : deny('只有信访办、包案领导或责任人可以办结');
    case 'REPORT_ABNORMAL':
      return office || has(p, 'PRINCIPAL_LEADER') || assigned ? allow : deny('只有信访办、主要领导或承办人可以报告非正常上访');
    case 'RECORD_PERSUASION':
      // R21: the owner leader organises 劝返 (the persuasion record itself is checked by RECORD_PERSUASION_FOR).
      return office || c.ownerLeaderId === p.id ? allow : deny('劝返情况由包案领导或信访办记录');
  }
}

export function authorizeGlobal(p: Person, action: GlobalAction): Decision {
  if (!p.active) return deny('您的账号已停用，请联系信访办');
  const office = isOffice(p);
  switch (action) {
    case 'INTAKE':
      return allow;
    case 'LIST_ALL_CASES':
      return office || has(p, 'PRINCIPAL_LEADER', 'APPROVER') ? allow : deny('只有信访办和主要领导可以查看全部案件');
    case 'LIST_PERSONAL_DATA':
      // Across cases (a full export, a search by a petitioner's name or number): the office's ledger work.
      return office ? allow : deny('信访人身份证号和电话仅信访办可以导出或检索');
    case 'DECLARE_SCREENING':
    case 'RECORD_MEETING':
    case 'SCHEDULE_RECEPTION':
    case 'CONVERT_SENTIMENT':
    case 'RECORD_ASSESSMENT':
      return office ? allow : deny('此操作由信访办（信访领导小组）办理');
    case 'EDIT_SETTINGS':
      return office ? allow : deny('只有信访办管理员可以修改设置');
    case 'MANAGE_PEOPLE':
      return office ? allow : deny('只有信访办或系统管理员可以管理人员、单位和平台账号');
    case 'VIEW_ASSESSMENT':
      return office || has(p, 'PRINCIPAL_LEADER') ? allow : deny('考核结果仅信访办和主要领导可查看');
    case 'VIEW_ACCOUNTABILITY':
      // R22: the facts are evidence for the leading group and its principal leaders.
      return office || has(p, 'PRINCIPAL_LEADER') ? allow : deny('问责事实仅信访办和主要领导可查看');
    case 'SUBMIT_UNIT_REPORT':
      return office || (p.unitId !== null && has(p, 'UNIT_HEAD', 'CADRE', 'VILLAGE_CADRE')) ? allow : deny('排查报告由各单位负责人或干部报送');
    case 'LOG_VISIT':
      return isTownLeader(p) || office ? allow : deny('下访记录由镇党政领导填报');
    case 'LOG_RECEPTION':
      return isTownLeader(p) || office ? allow : deny('接访日由镇级领导接待，接访情况由当天接访的领导或信访办填报');
    case 'RAISE_MAJOR_EVENT':
      return office || has(p, 'PRINCIPAL_LEADER', 'TOWN_LEADER', 'AREA_LEADER', 'VILLAGE_STATIONED_CADRE', 'VILLAGE_CADRE') ? allow : deny('您无权发起重大事项预警');
    case 'VIEW_DUTY_SCHEDULE':
      // R14: the reception schedule is published to the public; every cadre may read it.
      return allow;
    case 'REPORT_SENTIMENT':
      return has(p, 'SENTIMENT_COLLECTOR', 'VILLAGE_CADRE', 'VILLAGE_STATIONED_CADRE') || office ? allow : deny('民情信息由各村民情信息员报送');
  }
}

/** What someone may do to a duty record that belongs to one person, unit or village (R13–R17). */
export type DutyAction = 'SUBMIT_STATEMENT' | 'LOG_VISIT_FOR' | 'LOG_RECEPTION_FOR' | 'REPORT_SENTIMENT_IN' | 'REPORT_FOR_UNIT' | 'ACK_ALERT' | 'RECORD_PERSUASION_FOR';

/** The owner of the duty record: its author or leader, its unit, or whether the actor is linked to its village. */
export interface DutyFacts {
  personId?: string | null;
  unitId?: string | null;
  linkedToVillage?: boolean;
}

export function authorizeDuty(p: Person, action: DutyAction, f: DutyFacts): Decision {
  if (!p.active) return deny('您的账号已停用，请联系信访办');
  const office = isOffice(p);
  switch (action) {
    case 'SUBMIT_STATEMENT':
      // A statement is a document its author writes and signs: nobody submits it for them.
      return f.personId === p.id ? allow : deny('书面材料只能由本人提交');
    case 'LOG_VISIT_FOR':
      return f.personId === p.id || office ? allow : deny('只能填报本人的下访记录');
    case 'LOG_RECEPTION_FOR':
      // R14: personId is the reception day's leader.
      return f.personId === p.id || office ? allow : deny('接访情况由当天接访的领导或信访办填报');
    case 'REPORT_SENTIMENT_IN':
      return office || f.linkedToVillage ? allow : deny('只能报送本人联系村的民情信息');
    case 'REPORT_FOR_UNIT':
      return office || (f.unitId !== null && f.unitId !== undefined && p.unitId === f.unitId) ? allow : deny('只能报送本单位的排查情况');
    case 'ACK_ALERT':
      // R18/R20/R21: personId is the actor's own place on the alert, null when they are not on it.
      return f.personId === p.id ? allow : deny('您不是该预警的接收人，无需确认');
    case 'RECORD_PERSUASION_FOR':
      return f.personId === p.id || office ? allow : deny('劝返情况由负责劝返的领导或信访办记录');
  }
}

function raise(d: Decision): void {
  if (!d.allowed) throw new DomainError('FORBIDDEN', d.reason);
}

export const assertCaseAllowed = (p: Person, action: CaseAction, c: CaseAccessFacts) => raise(authorizeCase(p, action, c));
export const assertGlobalAllowed = (p: Person, action: GlobalAction) => raise(authorizeGlobal(p, action));
export const assertDutyAllowed = (p: Person, action: DutyAction, f: DutyFacts) => raise(authorizeDuty(p, action, f));
