import { decodeAction, type Action } from '../actions.js';
import { DomainError } from '../../src/domain/errors.js';
import type { ActionValue } from '../model.js';

// A Lark form's submit button cannot carry a callback value (form buttons have a `name`, not
// `behaviors`), and Lark sends back that name with the form fields. So the submit action is
// encoded in the button's name, query-string style:
//
//   progress.submit?caseId=0b9e…      intake.submit      review.submit?caseId=…&kind=REVIEW
//
// Params of submit actions are ids and enum words only (URL-safe), so names stay short and readable.
// The receiver reads the card callback's `action.name` with decodeLarkFormAction and the fields
// from `action.form_value` with decodeForm.

export function encodeLarkFormAction(value: ActionValue): string {
  const { a, ...params } = value;
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === null) continue;
    if (typeof v !== 'string') throw new Error(`form submit params must be strings: ${a}.${k}`);
    query.append(k, v);
  }
  const q = query.toString();
  return q ? `${a}?${q}` : a;
}

/** The action of a submitted Lark form, from its submit button's name; VALIDATION DomainError when not ours. */
export function decodeLarkFormAction(actionName: string): Action {
  if (typeof actionName !== 'string' || actionName.length === 0 || actionName.length > 500) {
    throw new DomainError('VALIDATION', '无法识别的卡片操作，请重新打开卡片');
  }
  const at = actionName.indexOf('?');
  const a = at < 0 ? actionName : actionName.slice(0, at);
  const params = at < 0 ? {} : Object.fromEntries(new URLSearchParams(actionName.slice(at + 1)));
  return decodeAction({ ...params, a });
}
