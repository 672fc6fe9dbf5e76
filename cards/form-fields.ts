import { z } from 'zod';
import { DomainError } from '../src/domain/errors.js';
import { isLocalDate, type LocalDate } from '../src/lib/local-date.js';

// Field schemas for what card forms send back. Lark sends inputs as strings ("" when left
// empty, or no key at all), selects as the option value, multi-selects as arrays, checkers as
// booleans, date pickers as "2026-12-01 +0800" and datetime pickers as "2026-12-01 10:00 +0800".
// The sandbox and DingTalk may send plain 'YYYY-MM-DD' or booleans as strings: all are accepted.

z.config(z.locales.zhCN());

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** A required id chosen from a select. */
export const chosenId = (message: string) =>
  z.preprocess(blankToUndefined, z.uuid({ error: message }));

export const optionalChosenId = z.preprocess(
  blankToUndefined,
  z.uuid({ error: '选项无效，请重新选择' }).optional(),
).transform((v) => v ?? null);

/** Required text, trimmed. */
export const requiredText = (max: number) =>
  z.preprocess(
    (v) => (v === undefined || v === null ? '' : v),
    z.string({ error: '应为文字' }).trim().min(1, { error: '不能为空' }).max(max, { error: `不能超过${max}个字` }),
  );

/** Optional text: empty becomes null. */
export const optionalText = (max: number) =>
  z
    .preprocess(blankToUndefined, z.string({ error: '应为文字' }).trim().max(max, { error: `不能超过${max}个字` }).optional())
    .transform((v) => (v ? v : null));

/** A required choice among `values`. */
export const choice = <const T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z.preprocess(blankToUndefined, z.enum(values, { error: message }));

const DATE = /^(\d{4}-\d{2}-\d{2})(?:[ T]00:00(?::00)?)?(?:\s*(?:[+-]\d{2}:?\d{2}|Z))?$/;

/** An optional choice: empty becomes null. */
export const optionalChoice = <const T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z.preprocess(blankToUndefined, z.enum(values, { error: message }).optional()).transform((v) => v ?? null);

/** 'YYYY-MM-DD' from a date picker's "2026-12-01 +0800" (the day chosen; the offset is the picker's own). */
export function normaliseDate(raw: unknown): LocalDate | null {
  if (typeof raw !== 'string') return null;
  const m = DATE.exec(raw.trim());
  return m && isLocalDate(m[1]!) ? m[1]! : null;
}

const DATETIME = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?\s*(?:([+-])(\d{2}):?(\d{2})|Z)?$/;

/** An instant from a datetime picker's "2026-12-01 10:00 +0800"; without an offset, Beijing time. */
export function normaliseDateTime(raw: unknown): Date | null {
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? null : raw;
  if (typeof raw !== 'string') return null;
  const m = DATETIME.exec(raw.trim());
  if (!m || !isLocalDate(m[1]!)) return null;
  const [hh, mm, ss] = [Number(m[2]), Number(m[3]), Number(m[4] ?? 0)];
  if (hh > 23 || mm > 59 || ss > 59) return null;
  const offset = raw.trim().endsWith('Z') ? '+00:00' : m[5] ? `${m[5]}${m[6]}:${m[7]}` : '+08:00';
  const d = new Date(`${m[1]}T${m[2]}:${m[3]}:${String(ss).padStart(2, '0')}${offset}`);
  return Number.isNaN(d.getTime()) ? null : d;
}

export const date = (message = '请选择日期') =>
  z.unknown().optional().transform((v, ctx) => {
    const d = normaliseDate(v);
    if (d === null) {
      ctx.addIssue({ code: 'custom', message: blankToUndefined(v) === undefined ? message : '日期格式不正确' });
      return z.NEVER;
    }
    return d;
  });

export const optionalDate = z.unknown().optional().transform((v, ctx): LocalDate | null => {
  if (blankToUndefined(v) === undefined || v === null) return null;
  const d = normaliseDate(v);
  if (d === null) {
    ctx.addIssue({ code: 'custom', message: '日期格式不正确' });
    return z.NEVER;
  }
  return d;
});

export const dateTime = (message = '请选择日期和时间') =>
  z.unknown().optional().transform((v, ctx) => {
    const d = normaliseDateTime(v);
    if (d === null) {
      ctx.addIssue({ code: 'custom', message: blankToUndefined(v) === undefined ? message : '日期时间格式不正确' });
      return z.NEVER;
    }
    return d;
  });

/** A checker: absent means unchecked. */
export const checkbox = z.preprocess(
  (v) => (v === undefined || v === null || v === '' ? false : v === 'true' ? true : v === 'false' ? false : v),
  z.boolean({ error: '应为勾选或不勾选' }),
);

/** A whole number typed into a text input. */
export const count = (min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.trim())) : v),
    z
      .number({ error: '请填写数字' })
      .int({ error: '应为整数' })
      .min(min, { error: `不能小于${min}` })
      .max(max, { error: `不能大于${max}` }),
  );

export const optionalCount = (min: number, max: number) =>
  z
    .preprocess(
      (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.trim())) : v),
      z.number({ error: '请填写数字' }).int({ error: '应为整数' }).min(min, { error: `不能小于${min}` }).max(max, { error: `不能大于${max}` }).optional(),
    )
    .transform((v) => v ?? null);

/** Ids from a multi-select (a single value is taken as a list of one). */
export const chosenIds = (max: number) =>
  z
    .preprocess(
      (v) => (v === undefined || v === null || v === '' ? [] : typeof v === 'string' ? [v] : v),
      z.array(z.uuid({ error: '选项无效，请重新选择' }), { error: '选项无效，请重新选择' }).max(max, { error: `最多选择${max}项` }),
    )
    .refine((ids) => new Set(ids).size === ids.length, { error: '同一项不能重复选择' });

/** Names typed one per line, or separated by 、，, ; (e.g. 参会人员). */
export const nameList = (maxEach: number, maxCount: number) =>
  requiredText(5000)
    .transform((v) => v.split(/[\n、，,；;]+/).map((s) => s.trim()).filter((s) => s.length > 0))
    .pipe(
      z
        .array(z.string().max(maxEach, { error: `每个名字不能超过${maxEach}个字` }))
        .min(1, { error: '不能为空' })
        .max(maxCount, { error: `最多${maxCount}人` }),
    );

/**
 * Parses untrusted card data; a failure is a VALIDATION DomainError listing every problem in
 * Chinese, each prefixed by the field's label.
 */
export function parseCardData<S extends z.ZodType>(
  schema: S,
  raw: unknown,
  labels: Readonly<Record<string, string>>,
  prefix: string,
): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const path = issue.path.map((p) => (typeof p === 'number' ? `第${p + 1}项` : labels[String(p)] ?? String(p)));
    return path.length ? `${path.join('·')}：${issue.message}` : issue.message;
  });
  throw new DomainError('VALIDATION', `${prefix}${[...new Set(problems)].join('；')}`, {
    issues: result.error.issues.map((i) => ({ path: i.path.join('.'), code: i.code })),
  });
}
