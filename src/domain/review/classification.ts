import { DomainError } from '../errors.js';
import type { Classification, CaseStatus } from '../model.js';

/** R26 (信访工作条例 Art 29–31): the three kinds of petition. */
export const CLASSIFICATION_LABELS: Record<Classification, string> = {
  SUGGESTION: '建议意见',
  ACCUSATION: '检举控告',
  CLAIM: '申诉求决',
};

export interface ClassificationFacts {
  status: CaseStatus;
  classification: Classification | null;
  opinionIssuedAt: Date | null;
}

/**
 * R26: whether a case may be (re)classified. Once a 处理意见书 is out the 复查/复核 clocks
 * hang on the classification, so it no longer moves; an archived case is history.
 * Returns false when the classification would not change (nothing to do).
 */
export function assertCanClassify(c: ClassificationFacts, to: Classification): boolean {
  if (c.status === 'ARCHIVED') {
    throw new DomainError('INVALID_TRANSITION', '案件已归档，不能再调整性质分类');
  }
  if (c.classification === to) return false;
  if (c.opinionIssuedAt !== null) {
    throw new DomainError(
      'CONFLICT',
      `该案件已按「${CLASSIFICATION_LABELS[c.classification ?? 'CLAIM']}」出具处理意见书，不能再改为「${CLASSIFICATION_LABELS[to]}」`,
      { from: c.classification, to },
    );
  }
  return true;
}

/** R26: an accusation goes to discipline inspection (纪检), never to the person or unit accused. */
export function routesToDiscipline(classification: Classification | null): boolean {
  return classification === 'ACCUSATION';
}
