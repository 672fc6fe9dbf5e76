import type { LocalDate } from '../../lib/local-date.js';
import { authorizeCase, isAssigned, type CaseAccessFacts, type CaseAction } from '../authorization.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import { isOpen } from '../case-status.js';
import { statutoryMilestones } from '../deadlines/case-deadlines.js';
import type { DeadlinePolicy } from '../deadlines/deadline-policy.js';
import { followUpWindowEnd } from '../follow-up/follow-up.js';
import { OWNERSHIP_REASON_LABELS, type OwnershipReason } from '../intake/ownership-scope.js';
import type { CaseSource, CaseStatus, Complexity, Person, ReportingCadence } from '../model.js';
import { REPORTING_CADENCE_LABELS, reportingPeriodOn } from '../ownership/reporting-cadence.js';
import { APPROVAL_WAIT_WORKING_DAYS } from '../reminders/approval-reminders.js';
import { REVIEW_KIND_LABELS, type ReviewKind } from '../review/review-clocks.js';
import { earliest, holdsOfficeDuties, type CaseTodoKind, type TodoItem } from './todo-item.js';
import { DUE_SOON_WORKING_DAYS } from './todo-urgency.js';
import { UNIT_RELATION_LABELS, unitRelation } from './case-relation.js';

/** What the 待办 needs to know about one case that is still in someone's hands. */
export interface CaseTodoFacts extends CaseAccessFacts {
  id: string;
  number: string;
  status: CaseStatus;
  source: CaseSource;
  complexity: Complexity;
  receivedOn: LocalDate;
  acceptedOn: LocalDate | null;
  dueOn: LocalDate | null;
  ownershipReasons: readonly string[];
  dangerFlags: readonly string[];
  resolvedAt: Date | null;
  opinionIssued: boolean;
  /** R27: a follow-up was recorded since the latest resolution. */
  followedUp: boolean;
  pendingProposal: { id: string; kind: 'INITIAL' | 'TRANSFER'; proposedOn: LocalDate; proposedById: string } | null;
  /** R4: the proposal the standing committee returned (status 已退回). */
  returnedProposal: { proposedById: string; reason: string | null } | null;
  pendingExtension: { id: string; requestedById: string; requestedDueOn: LocalDate } | null;
  /** R2 报送方式 of the active ownership, with the days of the latest progress entries. */
  reporting: {
    cadence: ReportingCadence;
    activeFrom: LocalDate;
    lastReportedOn: LocalDate | null;
    /** R19: the latest entry of each unit of a multi-unit case. */
    lastUnitReportOn: Readonly<Record<string, LocalDate | null>>;
  } | null;
  pendingReview: { kind: ReviewKind; dueOn: LocalDate } | null;
  /** R16: converted from a report that named nobody; the office is to register its petitioner. */
  petitionersPending: boolean;
}

export interface TodoClock {
  today: LocalDate;
  calendar: WorkingCalendar;
  policy: DeadlinePolicy;
}

const WORKING: readonly CaseStatus[] = ['IN_PROGRESS', 'EXTENDED'];

/**
 * What one case asks of one person today, if anything: the office hands it over (R5, R9),
 * finds its owner (R1, R4), decides extensions (R10), follows overdue cases up (R11), calls the
 * petitioner back (R27) and answers reviews (R26); an approver decides proposals (R4); the
 * owner and the responsible person handle it and report (R2, R7–R11); the head of its unit sees
 * to it when it is late or dangerous, and reports for the unit on a multi-unit case (R19, R20);
 * discipline inspection follows accusations (R26). Only what the person may do and see: each
 * item is checked with the action its button takes (authorizeCase), the accused get nothing.
 */
export function caseTodos(viewer: Person, c: CaseTodoFacts, clock: TodoClock): TodoItem[] {
  const may = (a: CaseAction) => authorizeCase(viewer, a, c).allowed;
  if (!may('VIEW')) return [];
  const { today, calendar, policy } = clock;
  const items: TodoItem[] = [];
  const add = (kind: CaseTodoKind, rule: string, dueOn: LocalDate | null, why: string, more: { personId?: string | null; refId?: string | null; reviewKind?: ReviewKind } = {}) =>
    items.push({ kind, rule, dueOn, why, immediate: false, key: c.number, caseId: c.id, personId: more.personId ?? null, refId: more.refId ?? null, ...(more.reviewKind ? { reviewKind: more.reviewKind } : {}) });

  const office = holdsOfficeDuties(viewer);
  const working = WORKING.includes(c.status);
  const assigned = isAssigned(viewer, c);
  const overdue = c.dueOn !== null && c.dueOn < today;
  // R9 (条例 Art 22): a case is registered and handed over within 15 days of receipt, owner or not.
  const routeBy = earliest(c.dueOn, statutoryMilestones({ source: c.source, complexity: c.complexity, receivedOn: c.receivedOn, acceptedOn: c.acceptedOn }, calendar, policy).registerBy);
  const handlerless = working && c.ownerLeaderId === null && c.responsiblePersonId === null;

  if (office && may('ASSIGN') && ((c.status === 'REGISTERED' && c.ownershipReasons.length === 0) || handlerless)) {
    add('ROUTE', 'R5', handlerless ? c.dueOn : routeBy, handlerless ? '原承办人已回避，需重新交办' : `已登记，尚未交办责任单位（收件后${policy.registerDays}日内交办）`);
  }
  if (office && c.petitionersPending && may('CORRECT_REGISTRATION')) {
    add('PETITIONERS', 'R16', routeBy, '由民情信息转来，尚未登记信访人，请补充（受理和回访都需要）');
  }
  if (office && c.status === 'AWAITING_OWNER' && may('PROPOSE_OWNERSHIP')) {
    const why = c.ownershipReasons.map((r) => OWNERSHIP_REASON_LABELS[r as OwnershipReason] ?? r).join('、');
    add('PROPOSE_OWNER', 'R1', routeBy, `需领导包案（${why}），尚未提出包案意见`);
  }
  if (office && c.status === 'RETURNED' && may('PROPOSE_OWNERSHIP')) {
    const reason = c.returnedProposal?.reason?.replace(/[。；，\s]+$/u, '');
    add('RETURNED', 'R4', routeBy, reason ? `常委会退回，理由：${reason}` : '常委会退回，请修改后重新提出', { personId: c.returnedProposal?.proposedById ?? null });
  }
  if (c.pendingProposal && may('DECIDE_OWNERSHIP')) {
    const p = c.pendingProposal;
    add('APPROVE', 'R4', calendar.addWorkingDays(p.proposedOn, APPROVAL_WAIT_WORKING_DAYS),
      `${p.kind === 'TRANSFER' ? '移交包案意见' : '包案意见'}待常委会审定（提出后${APPROVAL_WAIT_WORKING_DAYS}个工作日内）`, { personId: p.proposedById, refId: p.id });
  }
  if (office && c.pendingExtension && may('DECIDE_EXTENSION')) {
    add('DECIDE_EXTENSION', 'R10', c.dueOn, `申请延期至${c.pendingExtension.requestedDueOn}，请在原办结时限前审批`, { personId: c.pendingExtension.requestedById, refId: c.pendingExtension.id });
  }

  if (working && assigned) {
    const role = c.ownerLeaderId === viewer.id ? '包案领导' : '责任人';
    const report = missingReport(c, c.reporting?.lastReportedOn ?? null, today);
    const extension = c.pendingExtension ? '，延期申请待审批' : c.status === 'EXTENDED' ? '（已延期）' : '';
    if (report && may('ADD_PROGRESS')) {
      add('REPORT_PROGRESS', 'R2', earliest(c.dueOn, report.dueOn), `您是${role}${overdue ? '，已超过办结时限' : ''}；本期进展未报送（${report.label}，截至${report.dueOn}）`);
    } else {
      add('HANDLE', overdue ? 'R11' : 'R7', c.dueOn, `您是${role}，办理中${extension}${overdue ? '；已超过办结时限，请尽快办结' : ''}`);
    }
  } else if (working && unitRelation(viewer, c) !== null) {
    const relation = unitRelation(viewer, c)!;
    const report = relation === 'UNIT' ? null : missingReport(c, c.reporting?.lastUnitReportOn[viewer.unitId!] ?? null, today);
    const label = UNIT_RELATION_LABELS[relation];
    if (report && may('ADD_PROGRESS')) {
      add('UNIT_REPORT', 'R19', earliest(c.dueOn, report.dueOn), `${label}：本期尚未报送进展（截至${report.dueOn}）`, { personId: c.responsiblePersonId });
    } else if (overdue || c.dangerFlags.length > 0 || dueSoon(c.dueOn, today, calendar)) {
      const why = c.dangerFlags.length > 0 ? '异常信件由单位主要负责人亲自办理（R20）' : overdue ? '已超过办结时限，请督促办结' : '即将到期';
      // The row is labelled 本单位 already: only a multi-unit case (R19) says which part is the unit's.
      add('UNIT_CASE', c.dangerFlags.length > 0 ? 'R20' : 'R11', c.dueOn, relation === 'UNIT' ? why : `${label}，${why}`, { personId: c.responsiblePersonId ?? c.ownerLeaderId });
    }
  } else if (working && overdue && office) {
    add('SUPERVISE', 'R11', c.dueOn, '请督促承办人办结并说明逾期原因', { personId: c.responsiblePersonId ?? c.ownerLeaderId });
  } else if (isOpen(c.status) && c.classification === 'ACCUSATION' && viewer.roles.includes('DISCIPLINE_INSPECTOR') && !assigned) {
    add('ACCUSATION', 'R26', c.dueOn, '由纪检监督办理，材料不得转给被反映人', { personId: c.responsiblePersonId });
  }

  if (office && c.status === 'RESOLVED' && c.resolvedAt && !c.followedUp && may('FOLLOW_UP')) {
    const end = followUpWindowEnd(c.resolvedAt, calendar, policy);
    // After the window the expiry job records 逾期未评价: nothing is left to do.
    if (today <= end) add('FOLLOW_UP', 'R27', end, `已办结，请回访信访人并分别登记对信访办和责任单位的满意度（办结后${policy.followUpWindowDays}日内）`);
  }
  if (office && c.classification === 'CLAIM' && (c.status === 'RESOLVED' || c.status === 'FOLLOWED_UP') && !c.opinionIssued && may('RECORD_REVIEW')) {
    add('OPINION', 'R26', null, '申诉求决类事项已办结，尚未出具处理意见书');
  }
  if (office && c.pendingReview && may('RECORD_REVIEW')) {
    const label = REVIEW_KIND_LABELS[c.pendingReview.kind];
    add('REVIEW_ANSWER', 'R26', c.pendingReview.dueOn, `信访人已请求${label}，请作出书面${label}意见并登记`, { reviewKind: c.pendingReview.kind });
  }
  return items;
}

function dueSoon(dueOn: LocalDate | null, today: LocalDate, calendar: WorkingCalendar): boolean {
  return dueOn !== null && dueOn >= today && calendar.workingDaysBetween(today, dueOn) <= DUE_SOON_WORKING_DAYS;
}

/** R2/R19: the reporting period of today, when no progress entry has come in it yet. */
function missingReport(c: CaseTodoFacts, lastOn: LocalDate | null, today: LocalDate): { from: LocalDate; dueOn: LocalDate; label: string } | null {
  if (!c.reporting || today < c.reporting.activeFrom) return null;
  const period = reportingPeriodOn(c.reporting.activeFrom, c.reporting.cadence, today);
  if (lastOn !== null && lastOn >= period.from) return null;
  return { from: period.from, dueOn: period.dueOn, label: REPORTING_CADENCE_LABELS[c.reporting.cadence] };
}
