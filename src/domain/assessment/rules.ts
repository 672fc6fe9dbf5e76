import { DomainError } from '../errors.js';

// R23: the rule table of the year-end assessment. Every value is configuration
// (AssessmentRule rows, edited by the office); these are the defaults inserted when missing.

export const VISIT_LEVELS = ['COUNTY', 'CITY', 'PROVINCE', 'BEIJING'] as const;
export type VisitLevel = (typeof VISIT_LEVELS)[number];

export const VISIT_LEVEL_LABELS: Record<VisitLevel, string> = { COUNTY: '县', CITY: '市（州）', PROVINCE: '省', BEIJING: '北京' };

export interface AssessmentRule {
  code: string;
  label: string;
  /** BASE_SCORE: the starting score; any other rule: points per occurrence (≤ 0). */
  points: number;
  active: boolean;
}

export const BASE_SCORE = 'BASE_SCORE';
export const ESCALATION = 'ESCALATION';

export const visitRuleCode = (level: VisitLevel, collective: boolean): string =>
  `VISIT_${level}${collective ? '_COLLECTIVE' : ''}`;

const visitRules = (level: VisitLevel, points: number): AssessmentRule[] => [
  { code: visitRuleCode(level, false), label: `本单位人员到${VISIT_LEVEL_LABELS[level]}上访（每起）`, points, active: true },
  { code: visitRuleCode(level, true), label: `本单位人员到${VISIT_LEVEL_LABELS[level]}集体上访（每起）`, points: points * 2, active: true },
];

/**
 * Defaults. Visits and reports are the township's own rule table (domain.md). The rest are
 * ours, kept mild because the plan gives no number: an overdue case −1 (as heavy as a late
 * report: both are a duty not done on time), a 不满意 rating of the unit −0.5 (the petitioner's
 * view, not a proven failing), and escalation 0 points but 不合格 (the plan's "一票否决").
 */
export const DEFAULT_ASSESSMENT_RULES: readonly AssessmentRule[] = [
  { code: BASE_SCORE, label: '基础分', points: 100, active: true },
  ...visitRules('COUNTY', -0.5),
  ...visitRules('CITY', -1),
  ...visitRules('PROVINCE', -2),
  ...visitRules('BEIJING', -5),
  { code: 'REPORT_LATE', label: '迟报排查报告或材料（每次）', points: -1, active: true },
  { code: 'REPORT_MISSING', label: '瞒报、漏报排查报告（每次）', points: -1, active: true },
  { code: 'SCREENING_MISSED', label: '重要节点、敏感时期未开展排查（每次）', points: -1, active: true },
  { code: 'PROGRESS_REPORT_LATE', label: '未按报送方式按时报送包案进展（每次）', points: -1, active: true },
  { code: 'CASE_OVERDUE', label: '信访事项逾期未办结（每件）', points: -1, active: true },
  { code: 'FOLLOW_UP_UNSATISFIED', label: '回访中群众对责任单位不满意（每件）', points: -0.5, active: true },
  { code: ESCALATION, label: '因工作不力导致越级集体访、赴京上访（评为不合格）', points: 0, active: true },
];

/** The stored table over the defaults: a stored row wins, a missing one falls back. */
export function effectiveRules(stored: readonly AssessmentRule[]): AssessmentRule[] {
  const byCode = new Map(DEFAULT_ASSESSMENT_RULES.map((r) => [r.code, r]));
  for (const r of stored) byCode.set(r.code, r);
  return [...byCode.values()];
}

/** Refuses a value that would make no sense for the rule. */
export function assertRulePoints(code: string, points: number): void {
  if (!Number.isFinite(points) || Math.abs(Math.round(points * 100) - points * 100) > 1e-6) {
    throw new DomainError('VALIDATION', '输入有误：分值最多保留两位小数');
  }
  if (code === BASE_SCORE) {
    if (points <= 0 || points > 1000) throw new DomainError('VALIDATION', '输入有误：基础分应大于0且不超过1000');
    return;
  }
  if (points > 0 || points < -100) {
    throw new DomainError('VALIDATION', '输入有误：扣分项分值应在 -100 到 0 之间（扣分填负数）');
  }
}

/**
 * R21/R23: which escalations, when caused by the unit's poor work, make it 不合格: an abnormal
 * petition to the province or Beijing, or a collective visit to any higher level.
 */
export function escalationDisqualifies(level: VisitLevel, collective: boolean): boolean {
  return level === 'BEIJING' || level === 'PROVINCE' || collective;
}

/** Adds points exactly to the cent. */
export function sumPoints(values: readonly number[]): number {
  return values.reduce((acc, v) => acc + Math.round(v * 100), 0) / 100;
}
