import type { LocalDate } from '../../lib/local-date.js';
import { BASE_SCORE, effectiveRules, sumPoints, type AssessmentRule } from './rules.js';

// R23: the score sheet. Each unit starts from the base score; each entry deducts the points
// its rule has now (the office may retune the table before the year closes), an inactive
// rule's entries are left out, and an entry whose rule is unknown keeps its recorded points.
// One 不合格 entry makes the unit unqualified and ineligible for awards, whatever its score.

export interface SheetUnit {
  id: string;
  name: string;
  kind: string;
}

export interface SheetEntry {
  id: string;
  unitId: string;
  ruleCode: string;
  points: number;
  unqualified: boolean;
  evidence: string;
  occurredOn: LocalDate;
  caseId: string | null;
  caseNumber: string | null;
}

export interface SheetDeduction {
  entryId: string;
  ruleCode: string;
  label: string;
  points: number;
  unqualified: boolean;
  evidence: string;
  occurredOn: LocalDate;
  caseId: string | null;
  caseNumber: string | null;
}

export interface SheetRow {
  rank: number;
  unitId: string;
  unitName: string;
  unitKind: string;
  baseScore: number;
  deductions: SheetDeduction[];
  deductionTotal: number;
  total: number;
  qualified: boolean;
  /** 合格 / 不合格 */
  rating: string;
  awardEligible: boolean;
  unqualifiedReasons: string[];
}

export interface AssessmentSheet {
  baseScore: number;
  rows: SheetRow[];
}

/** Per unit: base score, each deduction with its evidence, total (never below 0), 合格/不合格. */
export function assessmentSheet(units: readonly SheetUnit[], entries: readonly SheetEntry[], storedRules: readonly AssessmentRule[]): AssessmentSheet {
  const rules = new Map(effectiveRules(storedRules).map((r) => [r.code, r]));
  const baseRule = rules.get(BASE_SCORE);
  const baseScore = baseRule?.active ? baseRule.points : 100;
  const rows = units.map((u): Omit<SheetRow, 'rank'> => {
    const deductions = entries
      .filter((e) => e.unitId === u.id)
      .flatMap((e): SheetDeduction[] => {
        const rule = rules.get(e.ruleCode);
        if (rule && !rule.active) return [];
        return [{
          entryId: e.id,
          ruleCode: e.ruleCode,
          label: rule?.label ?? e.ruleCode,
          points: rule ? rule.points : e.points,
          unqualified: e.unqualified,
          evidence: e.evidence,
          occurredOn: e.occurredOn,
          caseId: e.caseId,
          caseNumber: e.caseNumber,
        }];
      })
      .sort((a, b) => (a.occurredOn < b.occurredOn ? -1 : a.occurredOn > b.occurredOn ? 1 : a.entryId < b.entryId ? -1 : 1));
    const deductionTotal = sumPoints(deductions.map((d) => d.points));
    const unqualifiedReasons = deductions.filter((d) => d.unqualified).map((d) => d.evidence);
    const qualified = unqualifiedReasons.length === 0;
    return {
      unitId: u.id,
      unitName: u.name,
      unitKind: u.kind,
      baseScore,
      deductions,
      deductionTotal,
      total: Math.max(0, sumPoints([baseScore, deductionTotal])),
      qualified,
      rating: qualified ? '合格' : '不合格',
      awardEligible: qualified,
      unqualifiedReasons,
    };
  });
  // Qualified units first, then by score; equal places share a rank.
  rows.sort((a, b) => Number(b.qualified) - Number(a.qualified) || b.total - a.total || a.unitName.localeCompare(b.unitName, 'zh-CN'));
  let rank = 0;
  const ranked = rows.map((r, i) => {
    const prev = rows[i - 1];
    if (!prev || prev.qualified !== r.qualified || prev.total !== r.total) rank = i + 1;
    return { rank, ...r };
  });
  return { baseScore, rows: ranked };
}
