import { z } from 'zod';
import { DomainError } from '../../domain/errors.js';
import { chineseIssue } from './chinese-issues.js';
import { FIELD_LABELS } from './field-labels.js';

z.config(z.locales.zhCN());

/** 「单位名称：不能为空」: the field's name, then the problem (once, when the message already names the field); a field without a Chinese label is left unnamed rather than shown as its code name. */
function describe(issue: z.core.$ZodIssue, labels: Readonly<Record<string, string>>): string {
  const path = issue.path.flatMap((p) => (typeof p === 'number' ? [`第${p + 1}项`] : [labels[String(p)] ?? FIELD_LABELS[String(p)]].filter((l): l is string => l !== undefined)));
  const field = path.at(-1);
  if (!field || issue.message.startsWith(field)) return issue.message;
  return `${path.join('·')}：${issue.message}`;
}

/**
 * Parses untrusted input; a failure is a VALIDATION DomainError listing every problem in plain
 * Chinese. `labels` names fields whose common name does not fit this form (a unit's `name` is
 * 单位名称, not 姓名).
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, labels: Readonly<Record<string, string>> = {}): z.infer<S> {
  const result = schema.safeParse(input, { error: chineseIssue });
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => describe(issue, labels));
  throw new DomainError('VALIDATION', `输入有误：${problems.join('；')}`, {
    issues: result.error.issues.map((i) => ({ path: i.path.join('.'), code: i.code })),
  });
}
