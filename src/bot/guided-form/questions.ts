import type { FormInput } from '../../../cards/model.js';

export type Answer = string | string[] | boolean;
export type Parsed = { ok: true; value: Answer | null } | { ok: false; error: string };

export const CANCEL_WORDS = ['取消', '退出'];
/** Submits at once when every question left may be left unanswered. */
export const FINISH_WORDS = ['完成', '提交'];
const SKIP_WORDS = ['跳过', '无', '-'];
const YES = ['是', '对', '有', 'y', 'yes', '1'];
const NO = ['否', '不是', '没有', '无', 'n', 'no', '0'];

const required = (i: FormInput) => i.kind !== 'checkbox' && i.required;

/** The value a form card would have shown filled in, which 「跳过」 keeps (checkboxes: none, they are asked yes or no). */
function initialOf(input: FormInput): string | null {
  if (input.kind === 'checkbox' || input.kind === 'multiselect' || input.initial === undefined || input.initial === '') return null;
  return input.initial;
}

/** The default in words: the option's label, or the value itself. */
function shownInitial(input: FormInput, initial: string): string {
  if (input.kind === 'select') return input.options.find((o) => o.value === initial)?.label ?? initial;
  return initial.length > 30 ? `${initial.slice(0, 30)}…` : initial;
}

/** How one input is asked in chat: its label, what may be answered, and how to skip or cancel. */
export function questionOf(input: FormInput, index: number, total: number): string {
  const initial = initialOf(input);
  const hint = initial !== null ? `（现为「${shownInitial(input, initial)}」，回复「跳过」沿用）` : required(input) ? '（必填）' : '（可回复「跳过」）';
  const head = `（${index + 1}/${total}）${input.label}${hint}`;
  switch (input.kind) {
    case 'select':
      return `${head}：请回复序号\n${input.options.map((o, n) => `${n + 1}. ${o.label}`).join('\n')}`;
    case 'multiselect':
      return `${head}：可多选，回复序号，用空格或逗号分隔\n${input.options.map((o, n) => `${n + 1}. ${o.label}`).join('\n')}`;
    case 'date':
      return `${head}：请回复日期，如 2026-12-01`;
    case 'datetime':
      return `${head}：请回复日期和时间，如 2026-12-01 09:30`;
    case 'checkbox':
      return `（${index + 1}/${total}）${input.label}：请回复「是」或「否」`;
    case 'text':
      return `${head}：请直接回复${input.placeholder ? `（${input.placeholder}）` : ''}`;
  }
}

function choice(options: { value: string; label: string }[], token: string): string | null {
  const n = Number(token);
  if (Number.isInteger(n) && n >= 1 && n <= options.length) return options[n - 1]!.value;
  return options.find((o) => o.label === token)?.value ?? null;
}

/** The answer to one input, or why it does not fit (in Chinese); null for a skipped optional one. */
export function answerOf(input: FormInput, raw: string): Parsed {
  const text = raw.trim();
  if (SKIP_WORDS.includes(text) && input.kind !== 'checkbox') {
    const initial = initialOf(input);
    if (initial !== null) return { ok: true, value: input.kind === 'datetime' ? initial.replace(' ', 'T') : initial };
    return required(input) ? { ok: false, error: `「${input.label}」必须填写` } : { ok: true, value: null };
  }
  if (text === '') return { ok: false, error: '请回复内容' };
  switch (input.kind) {
    case 'text':
      if (input.maxLength && text.length > input.maxLength) return { ok: false, error: `「${input.label}」不能超过 ${input.maxLength} 字` };
      return { ok: true, value: text };
    case 'select': {
      const v = choice(input.options, text);
      return v === null ? { ok: false, error: `请回复 1 到 ${input.options.length} 之间的序号` } : { ok: true, value: v };
    }
    case 'multiselect': {
      const values = text.split(/[\s,，、]+/).filter(Boolean).map((t) => choice(input.options, t));
      return values.some((v) => v === null) ? { ok: false, error: `请回复 1 到 ${input.options.length} 之间的序号` } : { ok: true, value: [...new Set(values as string[])] };
    }
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) ? { ok: true, value: text } : { ok: false, error: '日期格式应为 2026-12-01' };
    case 'datetime':
      return /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}$/.test(text) ? { ok: true, value: text.replace(' ', 'T') } : { ok: false, error: '格式应为 2026-12-01 09:30' };
    case 'checkbox':
      if (YES.includes(text.toLowerCase())) return { ok: true, value: true };
      if (NO.includes(text.toLowerCase())) return { ok: true, value: false };
      return { ok: false, error: '请回复「是」或「否」' };
  }
}

/** Whether every question from `step` on may go unanswered (optional, or keeping what the card would have shown). */
export function mayFinishFrom(inputs: readonly FormInput[], step: number): boolean {
  return inputs.slice(step).every((i) => !required(i) || initialOf(i) !== null);
}

/** What the questions from `step` on would have been left at: the values a card shows filled in. */
export function defaultsFrom(inputs: readonly FormInput[], step: number): Record<string, Answer> {
  const out: Record<string, Answer> = {};
  for (const i of inputs.slice(step)) {
    const initial = initialOf(i);
    if (initial !== null) out[i.name] = i.kind === 'datetime' ? initial.replace(' ', 'T') : initial;
  }
  return out;
}
