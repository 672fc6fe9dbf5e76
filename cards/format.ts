import { localDateOf } from '../src/lib/local-date.js';

/** 'YYYY-MM-DD HH:mm' in Beijing time. */
export function beijingDateTime(instant: Date): string {
  const shifted = new Date(instant.getTime() + 8 * 3600_000).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 16)}`;
}

/** 'YYYY-MM-DD' in Beijing time. */
export function beijingDate(instant: Date): string {
  return localDateOf(instant);
}

/** 2026-12 → 2026年12月 */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-');
  return `${y}年${Number(m)}月`;
}

/** 2026Q4 → 2026年第四季度 */
export function quarterLabel(quarter: string): string {
  const m = /^(\d{4})Q([1-4])$/.exec(quarter);
  return m ? `${m[1]}年第${'一二三四'[Number(m[2]) - 1]}季度` : quarter;
}
