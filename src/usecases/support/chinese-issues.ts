import { z } from 'zod';
import { choiceNames } from '../../lib/choice-labels.js';
import { FIELD_LABELS } from './field-labels.js';

// What a person reads when a field is refused and its schema gave no message of its own: plain
// Chinese, no type names, no codes, bounds as a range (「应为 1 到 90 之间的整数」).

type RawIssue = z.core.$ZodRawIssue;

/** Nothing typed or chosen: the form sent the field empty or not at all. */
const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || Number.isNaN(v);

interface Bound {
  value: number;
  inclusive: boolean;
}
interface NumberRule {
  min: Bound | null;
  max: Bound | null;
  integer: boolean;
}

/** The bounds and integrality a number schema checks, read from its checks. */
function numberRule(schema: unknown): NumberRule | null {
  if (!(schema instanceof z.ZodNumber)) return null;
  const rule: NumberRule = { min: null, max: null, integer: false };
  for (const check of schema._zod.def.checks ?? []) {
    const def = check._zod.def as { check: string; value?: unknown; inclusive?: boolean; format?: string };
    if (def.check === 'number_format' && def.format?.includes('int')) rule.integer = true;
    if (typeof def.value !== 'number') continue;
    const bound = { value: def.value, inclusive: def.inclusive ?? true };
    if (def.check === 'greater_than' && (!rule.min || bound.value >= rule.min.value)) rule.min = bound;
    if (def.check === 'less_than' && (!rule.max || bound.value <= rule.max.value)) rule.max = bound;
  }
  if (rule.integer) {
    // For whole numbers a strict bound is the next number in: > 0 is 「不小于 1」.
    if (rule.min && !rule.min.inclusive) rule.min = { value: rule.min.value + 1, inclusive: true };
    if (rule.max && !rule.max.inclusive) rule.max = { value: rule.max.value - 1, inclusive: true };
  }
  return rule;
}

/** 「应为 1 到 90 之间的整数」, 「应为不小于 0 的整数」, 「应大于 0」… */
function numberRuleText(rule: NumberRule): string {
  const kind = rule.integer ? '整数' : '数字';
  const { min, max } = rule;
  if (min?.inclusive && max?.inclusive) return `应为 ${min.value} 到 ${max.value} 之间的${kind}`;
  const parts = [min && (min.inclusive ? `不小于 ${min.value}` : `大于 ${min.value}`), max && (max.inclusive ? `不大于 ${max.value}` : `小于 ${max.value}`)].filter(Boolean);
  if (parts.length === 0) return `应为${kind}`;
  return rule.integer ? `应为${parts.join(' 且')} 的整数` : `应${parts.join(' 且')}`;
}

function numberMessage(schema: unknown): string {
  const rule = numberRule(schema);
  return rule ? numberRuleText(rule) : '应为数字';
}

const FORMATS: Record<string, string> = {
  email: '邮箱格式不正确',
  uuid: '编号格式不正确',
  guid: '编号格式不正确',
  url: '网址格式不正确',
  date: '日期格式不正确',
  datetime: '日期时间格式不正确',
  time: '时间格式不正确',
};

function sizeMessage(iss: RawIssue & { code: 'too_small' | 'too_big' }): string {
  const small = iss.code === 'too_small';
  const n = Number(small ? iss.minimum : iss.maximum);
  switch (iss.origin) {
    case 'number':
    case 'int':
    case 'bigint':
      return numberMessage(iss.schema ?? iss.inst);
    case 'string':
      if (small) return n <= 1 ? '不能为空' : `至少${n}个字`;
      return `不能超过${n}个字`;
    case 'array':
    case 'set':
      if (small) return n <= 1 ? '请至少选择一项' : `请至少选择${n}项`;
      return `最多选择${n}项`;
    case 'date':
      return small ? '日期太早' : '日期太晚';
    default:
      return small ? '太少' : '太多';
  }
}

/**
 * The per-parse error map of `parseInput`: a schema's own message still wins (zod asks this map
 * only for issues without one), and the field's name is put before the message by the caller.
 */
export function chineseIssue(iss: RawIssue): string {
  switch (iss.code) {
    case 'invalid_type':
      if (iss.expected === 'number' || iss.expected === 'int') return numberMessage(iss.schema ?? iss.inst);
      if (isBlank(iss.input)) return iss.expected === 'boolean' || iss.expected === 'array' ? '请选择' : '请填写';
      return '格式不正确';
    case 'too_small':
    case 'too_big':
      return sizeMessage(iss);
    case 'invalid_value': {
      if (isBlank(iss.input)) return '请选择';
      const names = choiceNames(iss.inst);
      return names ? `应为以下之一：${names.map((n) => `「${n}」`).join('、')}` : '不在可选范围内，请从列表中选择';
    }
    case 'invalid_format':
      return FORMATS[iss.format] ?? '格式不正确';
    case 'not_multiple_of':
      return `应为 ${String(iss.divisor)} 的整数倍`;
    case 'unrecognized_keys':
      return `表单中有不应填写的项：${iss.keys.map((k) => FIELD_LABELS[k] ?? k).join('、')}`;
    default:
      return '格式不正确';
  }
}
