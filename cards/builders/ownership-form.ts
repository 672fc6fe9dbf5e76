import { OWNERSHIP_REASON_LABELS, type OwnershipReason } from '../../src/domain/intake/ownership-scope.js';
import { actionValue } from '../actions.js';
import type { Card, CardElement } from '../model.js';
import { caseHeading } from './common.js';
import { ownershipInputs, type OwnershipCandidates, type OwnershipDefaults } from './ownership-inputs.js';

export interface OwnershipFormInput {
  case: { caseId: string; number: string; title: string; ownershipReasons?: readonly string[] };
  candidates: OwnershipCandidates;
  defaults?: OwnershipDefaults;
  /** A returned proposal's reason, shown so the new one can answer it (R4). */
  returnedReason?: string | null;
}

/** R2/R4 研究提出: the leading group proposes leader, unit, person, requirements, deadline and reporting. */
export function ownershipFormCard(input: OwnershipFormInput): Card {
  const elements: CardElement[] = [];
  const reasons = (input.case.ownershipReasons ?? []).map((r) => OWNERSHIP_REASON_LABELS[r as OwnershipReason]).filter(Boolean);
  if (reasons.length) elements.push({ kind: 'fields', fields: [{ label: '包案理由', value: reasons.join('、') }] });
  if (input.returnedReason) elements.push({ kind: 'fields', fields: [{ label: '上次退回理由', value: input.returnedReason, colour: 'red' }] });
  elements.push(
    { kind: 'note', text: '提交后报镇委常委会审定，审定通过后通知包案领导。' },
    {
      kind: 'form',
      name: 'ownership_form',
      inputs: ownershipInputs(input.candidates, input.defaults),
      submit: { label: '提交审定', action: actionValue('ownership.submit', { caseId: input.case.caseId }) },
    },
  );
  return { title: '提出包案意见', subtitle: caseHeading(input.case), colour: 'orange', elements };
}
