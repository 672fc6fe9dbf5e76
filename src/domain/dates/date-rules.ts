import { addDays, weekday, type LocalDate } from '../../lib/local-date.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import { DomainError } from '../errors.js';

/**
 * Every date a person enters is checked, when it is entered, against the rule it serves: a
 * fact already happened (not in the future, not beyond what may still be recorded), a
 * deadline lies between today and its statutory ceiling, a scheduled day is a working day
 * within a sensible planning horizon. The bound says why, so the refusal explains itself.
 */
export interface DateBound {
  date: LocalDate;
  /** What the bound is, e.g. 「法定最长期限」; shown before the date. */
  why: string;
  /** Where it comes from, shown after the date, e.g. 「受理后60日加延期30日，R9」. */
  note?: string;
}

export interface DateRule {
  /** The field as the form names it, e.g. 接访日期. */
  label: string;
  earliest?: DateBound;
  latest?: DateBound;
  /** A day on which people must act (a deadline, a reception day) is a working day. */
  workingDays?: WorkingCalendar;
  /** A deadline is refused as 已过 / 超出法定期限 (DEADLINE_IN_PAST / DEADLINE_BEYOND_LIMIT) rather than as plain bad input. */
  deadline?: boolean;
}

export interface DateProblem {
  broken: 'EARLIEST' | 'LATEST' | 'REST_DAY';
  message: string;
}

/** How far back a past fact may still be recorded by hand (older records come from an import). */
export const PAST_RECORD_DAYS = 366;
/** How far ahead a day may be scheduled. */
export const SCHEDULE_AHEAD_DAYS = 366;

const WEEKDAYS = '日一二三四五六';
const dayName = (d: LocalDate) => `星期${WEEKDAYS[weekday(d)]}`;

const bound = (b: DateBound) => `${b.why} ${b.date}${b.note ? `（${b.note}）` : ''}`;

/** The first problem of a date under its rule, in Chinese, or null when it is acceptable. */
export function dateProblem(date: LocalDate, rule: DateRule): DateProblem | null {
  if (rule.earliest && date < rule.earliest.date) return { broken: 'EARLIEST', message: `${rule.label}不能早于${bound(rule.earliest)}` };
  if (rule.latest && date > rule.latest.date) return { broken: 'LATEST', message: `${rule.label}不能晚于${bound(rule.latest)}` };
  if (rule.workingDays && !rule.workingDays.isWorkingDay(date)) {
    const next = rule.workingDays.onOrNextWorkingDay(date);
    const suggestion = !rule.latest || next <= rule.latest.date ? `，如 ${next}（${dayName(next)}）` : '';
    return { broken: 'REST_DAY', message: `${rule.label} ${date}（${dayName(date)}）是休息日，请选择工作日${suggestion}` };
  }
  return null;
}

const DEADLINE_CODES = { EARLIEST: 'DEADLINE_IN_PAST', LATEST: 'DEADLINE_BEYOND_LIMIT', REST_DAY: 'VALIDATION' } as const;

/** Refuses a date that breaks its rule, changing nothing. */
export function assertDate(date: LocalDate, rule: DateRule, field?: string): void {
  const problem = dateProblem(date, rule);
  if (!problem) return;
  const code = rule.deadline ? DEADLINE_CODES[problem.broken] : 'VALIDATION';
  throw new DomainError(code, `输入有误：${problem.message}`, { date, ...(field ? { field } : {}) });
}

/** The later of two bounds (the stricter lower bound). */
export function laterBound(a: DateBound, b: DateBound | null | undefined): DateBound {
  return b && b.date > a.date ? b : a;
}

/** A fact that already happened: today at the latest, and no older than may be recorded by hand. */
export function pastFactRule(label: string, today: LocalDate, notBefore?: DateBound | null): DateRule {
  const horizon: DateBound = { date: addDays(today, -PAST_RECORD_DAYS), why: '一年前的', note: '更早的记录请由信访办导入' };
  return { label, earliest: laterBound(horizon, notBefore), latest: { date: today, why: '今天' } };
}

/** A day planned ahead: today or later, within the planning horizon, on a working day. */
export function scheduledDayRule(label: string, today: LocalDate, calendar: WorkingCalendar): DateRule {
  return {
    label,
    earliest: { date: today, why: '今天' },
    latest: { date: addDays(today, SCHEDULE_AHEAD_DAYS), why: '一年后' },
    workingDays: calendar,
  };
}
