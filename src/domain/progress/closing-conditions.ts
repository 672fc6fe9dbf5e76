import type { ProgressEntry, StabilityAssessment } from '../model.js';

export const PROGRESS_TAG_LABELS = {
  OWNING: '包案件',
  INVESTIGATION: '包查办',
  IMPLEMENTATION: '包落实',
  STABILITY: '保稳定',
} as const;

export interface ClosingCheck {
  ok: boolean;
  /** What is still missing, in words for the person trying to close. */
  missing: string[];
  /** The latest 保稳定 assessment, which the closed case keeps. */
  stability: StabilityAssessment | null;
}

/** R6 三包一保: a case closes only with a 查办 entry, a 落实 entry and a 保稳定 assessment. */
export function checkClosingConditions(entries: readonly Pick<ProgressEntry, 'tag' | 'stability' | 'createdAt'>[]): ClosingCheck {
  const missing: string[] = [];
  if (!entries.some((e) => e.tag === 'INVESTIGATION')) missing.push('至少一条「包查办」进展');
  if (!entries.some((e) => e.tag === 'IMPLEMENTATION')) missing.push('至少一条「包落实」进展');
  const assessed = entries
    .filter((e) => e.tag === 'STABILITY' && e.stability !== null)
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const stability = assessed.at(-1)?.stability ?? null;
  if (stability === null) missing.push('一条「保稳定」评估（稳定 / 仍有风险）');
  return { ok: missing.length === 0, missing, stability };
}
