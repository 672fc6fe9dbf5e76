import { addDays, localDateOf, type LocalDate } from '../../lib/local-date.js';
import type { ReportingCadence } from '../model.js';
import { nthReportDue } from '../ownership/reporting-cadence.js';
import { RATING_LABELS } from '../follow-up/follow-up.js';
import {
  ESCALATION, VISIT_LEVEL_LABELS, visitRuleCode, type AssessmentRule, type VisitLevel,
} from './rules.js';

// R23: stored facts → assessment entries. Each entry names its evidence and carries a
// sourceKey that identifies the fact, so deriving twice records it once.

export interface EntryDraft {
  sourceKey: string;
  year: number;
  unitId: string;
  ruleCode: string;
  /** Points of the rule when recorded; the sheet applies the rule table as it stands. */
  points: number;
  unqualified: boolean;
  evidence: string;
  caseId: string | null;
  occurredOn: LocalDate;
}

const yearOf = (d: LocalDate) => Number(d.slice(0, 4));
const pointsOf = (rules: readonly AssessmentRule[], code: string) => rules.find((r) => r.code === code)?.points ?? 0;
const caseRef = (n: string | null) => (n ? `（${n}）` : '');

export interface HigherLevelVisit {
  unitId: string;
  unitName: string;
  level: VisitLevel;
  collective: boolean;
  date: LocalDate;
  caseId: string | null;
  caseNumber: string | null;
  evidence: string;
  /** The visit happened because of the unit's poor work (R21): may make it 不合格. */
  poorWork: boolean;
  /** Distinguishes two visits of the same unit, level and day (e.g. a digest of the evidence). */
  reference: string;
}

/** A visit by the unit's people to a higher level: a deduction, plus 不合格 when it disqualifies. */
export function visitEntries(v: HigherLevelVisit, rules: readonly AssessmentRule[], disqualifies: boolean): EntryDraft[] {
  const code = visitRuleCode(v.level, v.collective);
  const base = `VISIT:${v.unitId}:${code}:${v.date}:${v.caseId ?? '-'}:${v.reference}`;
  const what = `${v.unitName}人员${v.collective ? '集体' : ''}到${VISIT_LEVEL_LABELS[v.level]}上访${caseRef(v.caseNumber)}：${v.evidence}`;
  const common = { year: yearOf(v.date), unitId: v.unitId, caseId: v.caseId, occurredOn: v.date };
  const entries: EntryDraft[] = [{ ...common, sourceKey: base, ruleCode: code, points: pointsOf(rules, code), unqualified: false, evidence: what }];
  if (v.poorWork && disqualifies) {
    entries.push({
      ...common,
      sourceKey: `${base}:ESCALATION`,
      ruleCode: ESCALATION,
      points: pointsOf(rules, ESCALATION),
      unqualified: true,
      evidence: `因工作不力导致${what}`,
    });
  }
  return entries;
}

export interface ScreeningDuty {
  periodId: string;
  periodName: string;
  kind: 'REGULAR' | 'SENSITIVE';
  reportDueOn: LocalDate;
  unitId: string;
  report: { submittedAt: Date; late: boolean } | null;
}

/**
 * R17: a late screening report, or none by the due day. A missing report of a sensitive
 * period means no screening at a key date; of a regular period, a concealed (漏报) report.
 * One key per duty, so a report missing first and late later is deducted once.
 */
export function screeningEntries(duties: readonly ScreeningDuty[], year: number, today: LocalDate, rules: readonly AssessmentRule[]): EntryDraft[] {
  const out: EntryDraft[] = [];
  for (const d of duties) {
    if (yearOf(d.reportDueOn) !== year) continue;
    let code: string;
    let evidence: string;
    if (d.report) {
      if (!d.report.late) continue;
      code = 'REPORT_LATE';
      evidence = `「${d.periodName}」排查报告应于${d.reportDueOn}前报送，实际${localDateOf(d.report.submittedAt)}报送`;
    } else {
      if (d.reportDueOn >= today) continue;
      code = d.kind === 'SENSITIVE' ? 'SCREENING_MISSED' : 'REPORT_MISSING';
      evidence = `「${d.periodName}」排查报告应于${d.reportDueOn}前报送，截至${addDays(today, -1)}未报送`;
    }
    out.push({
      sourceKey: `SCREENING:${d.periodId}:${d.unitId}`,
      year,
      unitId: d.unitId,
      ruleCode: code,
      points: pointsOf(rules, code),
      unqualified: false,
      evidence,
      caseId: null,
      occurredOn: d.reportDueOn,
    });
  }
  return out;
}

export interface CaseDeadlineFacts {
  id: string;
  number: string;
  title: string;
  unitId: string | null;
  dueOn: LocalDate | null;
  overdueOn: LocalDate | null;
  resolvedAt: Date | null;
}

/** R11: the first overdue day (the stored fact, else from the deadline and the resolution). */
export function overdueSince(c: Pick<CaseDeadlineFacts, 'dueOn' | 'overdueOn' | 'resolvedAt'>, today: LocalDate): LocalDate | null {
  if (c.overdueOn) return c.overdueOn;
  if (!c.dueOn) return null;
  const reference = c.resolvedAt ? localDateOf(c.resolvedAt) : today;
  return reference > c.dueOn ? addDays(c.dueOn, 1) : null;
}

/** R11/R23: each case that became overdue in the year counts once against its unit. */
export function overdueEntries(cases: readonly CaseDeadlineFacts[], year: number, today: LocalDate, rules: readonly AssessmentRule[]): EntryDraft[] {
  const out: EntryDraft[] = [];
  for (const c of cases) {
    const since = overdueSince(c, today);
    if (!c.unitId || !since || yearOf(since) !== year) continue;
    const end = c.resolvedAt ? `，${localDateOf(c.resolvedAt)}办结` : '，至今未办结';
    out.push({
      sourceKey: `CASE_OVERDUE:${c.id}`,
      year,
      unitId: c.unitId,
      ruleCode: 'CASE_OVERDUE',
      points: pointsOf(rules, 'CASE_OVERDUE'),
      unqualified: false,
      evidence: `${c.number}「${c.title}」办结时限${c.dueOn ?? addDays(since, -1)}，逾期${end}`,
      caseId: c.id,
      occurredOn: since,
    });
  }
  return out;
}

export interface UnitRatingFact {
  followUpId: string;
  caseId: string;
  caseNumber: string;
  unitId: string | null;
  unitRating: 'SATISFIED' | 'BASICALLY_SATISFIED' | 'UNSATISFIED' | 'NOT_RATED';
  recordedAt: Date;
}

/**
 * R27/R23: 不满意 with the responsible unit counts against it. The office's own rating is not
 * assessed here: the office is the assessor, not one of the units scored.
 */
export function unsatisfiedEntries(facts: readonly UnitRatingFact[], year: number, rules: readonly AssessmentRule[]): EntryDraft[] {
  return facts
    .filter((f) => f.unitId && f.unitRating === 'UNSATISFIED' && yearOf(localDateOf(f.recordedAt)) === year)
    .map((f) => ({
      sourceKey: `FOLLOW_UP_UNSATISFIED:${f.followUpId}`,
      year,
      unitId: f.unitId!,
      ruleCode: 'FOLLOW_UP_UNSATISFIED',
      points: pointsOf(rules, 'FOLLOW_UP_UNSATISFIED'),
      unqualified: false,
      evidence: `${f.caseNumber} 回访评价：对责任单位${RATING_LABELS.UNSATISFIED}（${localDateOf(f.recordedAt)}）`,
      caseId: f.caseId,
      occurredOn: localDateOf(f.recordedAt),
    }));
}

export interface EscalationFact {
  factId: string;
  unitId: string | null;
  caseId: string | null;
  caseNumber: string | null;
  detail: string;
  recordedAt: Date;
}

/**
 * AccountabilityFact reasons (R21/R22) that mean the unit's poor work led to an abnormal
 * petition: the case was overdue (R11) when it happened. An abnormal petition on a case still
 * within its deadline (reason ABNORMAL_PETITION) asks for persuasion, not a verdict on the unit.
 */
export const POOR_WORK_ESCALATION_REASONS: readonly string[] = ['ABNORMAL_PETITION_OVERDUE'];

/** R21/R23: an abnormal petition the unit's poor work led to makes it 不合格. */
export function escalationEntries(facts: readonly EscalationFact[], year: number, rules: readonly AssessmentRule[]): EntryDraft[] {
  return facts
    .filter((f) => f.unitId && yearOf(localDateOf(f.recordedAt)) === year)
    .map((f) => ({
      sourceKey: `ESCALATION:${f.factId}`,
      year,
      unitId: f.unitId!,
      ruleCode: ESCALATION,
      points: pointsOf(rules, ESCALATION),
      unqualified: true,
      evidence: `因工作不力导致非正常上访${caseRef(f.caseNumber)}：${f.detail}`,
      caseId: f.caseId,
      occurredOn: localDateOf(f.recordedAt),
    }));
}

export interface OwnershipReporting {
  ownershipId: string;
  caseId: string;
  caseNumber: string;
  unitId: string;
  cadence: ReportingCadence;
  activeFrom: Date;
  /** Ownership ended (transfer) or the case was resolved: no report is due after it. */
  stoppedAt: Date | null;
  /** Days on which progress was reported (any author). */
  reportedOn: readonly LocalDate[];
}

export const CADENCE_LABELS: Record<ReportingCadence, string> = { DAILY: '每日', WEEKLY: '每周', BIWEEKLY: '每两周', MONTHLY: '每月' };

/**
 * R2 报送方式: each reporting period, counted from the day ownership became active, must hold
 * at least one progress entry by its last day. A period whose last day is not yet over, or
 * falls on or after the day reporting stopped, is not yet owed.
 */
export function missedProgressReports(o: OwnershipReporting, today: LocalDate): { windowStart: LocalDate; dueOn: LocalDate }[] {
  const start = localDateOf(o.activeFrom);
  const stop = o.stoppedAt && localDateOf(o.stoppedAt) < today ? localDateOf(o.stoppedAt) : today;
  const reported = [...o.reportedOn].sort();
  const missed: { windowStart: LocalDate; dueOn: LocalDate }[] = [];
  let windowStart = start;
  for (let k = 1; ; k += 1) {
    const dueOn = nthReportDue(start, o.cadence, k);
    if (dueOn >= stop) break;
    const from = windowStart;
    if (!reported.some((d) => d >= from && d <= dueOn)) missed.push({ windowStart: from, dueOn });
    windowStart = addDays(dueOn, 1);
  }
  return missed;
}

/** R23: each missed progress report of the year counts against the case's responsible unit. */
export function progressEntries(ownerships: readonly OwnershipReporting[], year: number, today: LocalDate, rules: readonly AssessmentRule[]): EntryDraft[] {
  return ownerships.flatMap((o) =>
    missedProgressReports(o, today)
      .filter((m) => yearOf(m.dueOn) === year)
      .map((m) => ({
        sourceKey: `PROGRESS_LATE:${o.ownershipId}:${m.dueOn}`,
        year,
        unitId: o.unitId,
        ruleCode: 'PROGRESS_REPORT_LATE',
        points: pointsOf(rules, 'PROGRESS_REPORT_LATE'),
        unqualified: false,
        evidence: `${o.caseNumber} 报送方式为${CADENCE_LABELS[o.cadence]}，${m.windowStart}至${m.dueOn}未报送进展`,
        caseId: o.caseId,
        occurredOn: m.dueOn,
      })),
  );
}
