import type { LocalDate } from '../../lib/local-date.js';
import { authorizeGlobal } from '../authorization.js';
import { monthLabel, quarterLabel } from '../duties/periods.js';
import { STATEMENT_KIND_LABELS, type StatementKind } from '../duties/statements.js';
import { ACK_STAGE_LABELS, type AckStage, type ReportableStage } from '../escalation/ack-stage.js';
import { ABNORMAL_DESTINATION_LABELS, type AbnormalDestination, type AlertKind } from '../escalation/alert-kinds.js';
import type { Person } from '../model.js';
import { holdsOfficeDuties, type TodoItem } from './todo-item.js';

/** A periodic duty still open (R12, R15–R17), as the duties overview names it: whose, and which record. */
export interface PeriodicDutyFacts {
  rule: 'R12' | 'R13' | 'R14' | 'R15' | 'R16' | 'R17';
  personIds: readonly string[];
  unitId: string | null;
  dueOn: LocalDate | null;
  /** Past its period: a gap on the record, no longer something to do. */
  missed: boolean;
  refId: string | null;
}

/** The records behind the person's duties, read for them: only their own alerts, persuasions, statements and reception days. */
export interface DutyTodoFacts {
  /** R18/R20/R21: open alerts on which this person has not reached the stage required of them. */
  alerts: readonly { alertId: string; kind: AlertKind; title: string; required: ReportableStage; stage: AckStage; raisedOn: LocalDate }[];
  /** R21: persuasions this leader still has to organise. */
  persuasions: readonly { persuasionId: string; caseId: string; caseNumber: string; destination: AbnormalDestination; occurredOn: LocalDate }[];
  /** R13/R14/R21: statements opened for this person and not submitted. */
  statements: readonly { statementId: string; kind: StatementKind; period: string; dueOn: LocalDate | null; caseId: string | null }[];
  /** R14: this person's reception days of the quarter, held by today. */
  receptionDays: readonly { receptionDayId: string; date: LocalDate; logged: boolean }[];
  pending: readonly PeriodicDutyFacts[];
  /** Details of the pending duties, by their month, quarter, period or report. */
  visits: readonly { month: string; dueOn: LocalDate; reminderOn: LocalDate }[];
  meetings: readonly { quarter: string; end: LocalDate; remind: boolean }[];
  screenings: readonly { periodId: string; name: string; reportDueOn: LocalDate }[];
  sentiments: readonly { reportId: string; villageId: string; reporterId: string; content: string; reportedOn: LocalDate }[];
}

const ALERT_RULES: Record<AlertKind, string> = { MAJOR_EVENT: 'R18', DANGER_LETTER: 'R20', ABNORMAL_PETITION: 'R21', SENTIMENT: 'R16' };

/**
 * The duties of R12–R18, R20, R21 that are this person's now: alerts to acknowledge, persuasions
 * to organise, statements to write, reception days to log, this month's village visit, the
 * quarter's meeting (whoever may record it), their unit's screening report (whoever may report
 * for it) and the sentiment reports (whoever may turn them into cases). A duty whose period has
 * passed is a gap on the record, not on the list.
 */
export function dutyTodos(viewer: Person, f: DutyTodoFacts, today: LocalDate): TodoItem[] {
  const me = viewer.id;
  const base = { immediate: false, caseId: null, personId: null };
  const items: TodoItem[] = [];
  for (const a of f.alerts) {
    items.push({ ...base, kind: 'ALERT', rule: ALERT_RULES[a.kind], dueOn: a.raisedOn, immediate: true, key: `${a.raisedOn}|${a.alertId}`,
      why: `须确认至「${ACK_STAGE_LABELS[a.required]}」`, alertId: a.alertId, alertKind: a.kind, title: a.title, required: a.required, stage: a.stage });
  }
  for (const p of f.persuasions) {
    items.push({ ...base, kind: 'PERSUASION', rule: 'R21', dueOn: p.occurredOn, immediate: true, key: p.caseNumber, caseId: p.caseId,
      why: `信访人于${p.occurredOn}${ABNORMAL_DESTINATION_LABELS[p.destination]}，须组织劝返并登记`, persuasionId: p.persuasionId, destination: p.destination, occurredOn: p.occurredOn });
  }
  for (const s of f.statements) {
    const period = /^\d{4}Q[1-4]$/.test(s.period) ? quarterLabel(s.period) : s.period;
    items.push({ ...base, kind: 'STATEMENT', rule: s.kind === 'OVERDUE_EXPLANATION' ? 'R13' : s.kind === 'RECEPTION_REPORT' ? 'R14' : 'R21', dueOn: s.dueOn,
      key: s.statementId, caseId: s.caseId, why: `须本人提交${STATEMENT_KIND_LABELS[s.kind]}（${period}）`, statementId: s.statementId, statementKind: s.kind, period: s.period });
  }
  for (const d of f.receptionDays.filter((x) => !x.logged && x.date <= today)) {
    items.push({ ...base, kind: 'RECEPTION_LOG', rule: 'R14', dueOn: null, key: d.date,
      why: `${d.date}接访日已过，尚未填报接访情况（季度汇报据此统计）`, receptionDayId: d.receptionDayId, date: d.date });
  }

  // R12/R15: a period that has passed is a gap on the record; R17: a late report is still owed.
  const running = f.pending.filter((d) => !d.missed);
  const office = holdsOfficeDuties(viewer);
  const concerns = (d: PeriodicDutyFacts) => d.personIds.includes(me) || (d.unitId !== null && d.unitId === viewer.unitId);
  for (const d of running.filter((x) => x.rule === 'R15' && x.personIds.includes(me))) {
    const m = f.visits.find((v) => v.dueOn === d.dueOn);
    if (m) items.push({ ...base, kind: 'VISIT', rule: 'R15', dueOn: m.dueOn, key: m.month, why: `${monthLabel(m.month)}尚未下访联系村（每月至少一次）`, month: m.month, remind: today >= m.reminderOn });
  }
  for (const d of running.filter((x) => x.rule === 'R12' && (concerns(x) || office))) {
    const q = f.meetings.find((x) => x.end === d.dueOn);
    if (q) items.push({ ...base, kind: 'MEETING', rule: 'R12', dueOn: q.end, key: q.quarter, why: `${quarterLabel(q.quarter)}尚未召开信访领导小组会议研究重大疑难案件`, quarter: q.quarter, remind: q.remind });
  }
  const mayReport = authorizeGlobal(viewer, 'SUBMIT_UNIT_REPORT').allowed;
  for (const d of f.pending.filter((x) => x.rule === 'R17' && x.refId !== null)) {
    const s = f.screenings.find((x) => x.periodId === d.refId);
    if (!s) continue;
    // Only someone who may report for the unit: a collector among its members may not (SUBMIT_UNIT_REPORT).
    const ours = mayReport && (d.personIds.includes(me) || (d.unitId !== null && d.unitId === viewer.unitId));
    if (ours) {
      items.push({ ...base, kind: 'SCREENING', rule: 'R17', dueOn: s.reportDueOn, key: `${s.periodId}|${d.unitId}`, why: '本单位尚未报送排查情况（无情况请报零报告）', periodId: s.periodId, name: s.name, unitId: d.unitId });
    } else if (office && d.missed) {
      // The office chases a late unit, and may report for it (代为汇总).
      items.push({ ...base, kind: 'SCREENING', rule: 'R17', dueOn: s.reportDueOn, key: `${s.periodId}|${d.unitId}`, why: '该单位逾期未报送排查情况，请催报或代为汇总', periodId: s.periodId, name: s.name, unitId: d.unitId });
    }
  }
  const mayConvert = authorizeGlobal(viewer, 'CONVERT_SENTIMENT').allowed;
  const reportIds = new Set(running.filter((d) => d.rule === 'R16' && d.refId !== null && (concerns(d) || office)).map((d) => d.refId!));
  for (const r of f.sentiments.filter((x) => reportIds.has(x.reportId))) {
    items.push({ ...base, kind: 'SENTIMENT', rule: 'R16', dueOn: null, key: `${r.reportedOn}|${r.reportId}`, personId: r.reporterId,
      why: mayConvert ? '待处理，可转为案件' : '待信访办处理', reportId: r.reportId, villageId: r.villageId, content: r.content, reportedOn: r.reportedOn, convertible: mayConvert });
  }
  return items;
}
