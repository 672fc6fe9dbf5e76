import { addDays, addMonths, quarterOf, quarterRange, type LocalDate } from '../../lib/local-date.js';

// Month and quarter labels used by the periodic duties (R12–R17).

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^\d{4}Q[1-4]$/;

export const isMonth = (value: string): boolean => MONTH.test(value);
export const isQuarter = (value: string): boolean => QUARTER.test(value);

/** First and last date of a month label 'YYYY-MM'. */
export function monthRange(month: string): { start: LocalDate; end: LocalDate } {
  if (!isMonth(month)) throw new RangeError(`not a month: ${month}`);
  const start = `${month}-01`;
  return { start, end: addDays(addMonths(start, 1), -1) };
}

export function nextQuarter(quarter: string): string {
  return quarterOf(addDays(quarterRange(quarter).end, 1));
}

/** Quarter labels from `from` to `to`, both included; empty when from > to. */
export function quartersBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let q = from; quarterRange(q).start <= quarterRange(to).start; q = nextQuarter(q)) out.push(q);
  return out;
}

/** The months of a quarter, in order. */
export function monthsOfQuarter(quarter: string): string[] {
  const { start } = quarterRange(quarter);
  return [0, 1, 2].map((i) => addMonths(start, i).slice(0, 7));
}

/** Quarter label in Chinese for messages: '2026Q4' → '2026年第四季度'. */
export function quarterLabel(quarter: string): string {
  const [year, q] = quarter.split('Q') as [string, string];
  return `${year}年第${'一二三四'[Number(q) - 1]}季度`;
}

/** Month label in Chinese for messages: '2026-09' → '2026年9月'. */
export function monthLabel(month: string): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
}
