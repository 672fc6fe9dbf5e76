import { addDays, isLocalDate, type LocalDate } from '../../lib/local-date.js';

/** 2026-11-02, 2026/11/2, 2026.11.2, 2026年11月2日. */
const WITH_YEAR = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?$/;
/** 11-02, 11/2, 11.2, 11月2日, 11月2号. */
const WITHOUT_YEAR = /^(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?$/;
const RELATIVE: Record<string, number> = { 今天: 0, 今日: 0, 昨天: -1, 昨日: -1, 前天: -2 };

const dateOf = (y: number, m: number, d: number): LocalDate => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/**
 * A past day as people write it in a chat (half-width text); null when it is none. Without a year
 * it is the latest such day up to today: in January, 12月28日 is last December's.
 */
export function readPastDate(text: string, today: LocalDate): LocalDate | null {
  const t = text.trim();
  if (t in RELATIVE) return addDays(today, RELATIVE[t]!);
  const full = WITH_YEAR.exec(t);
  if (full) {
    const date = dateOf(Number(full[1]), Number(full[2]), Number(full[3]));
    return isLocalDate(date) ? date : null;
  }
  const short = WITHOUT_YEAR.exec(t);
  if (!short) return null;
  const year = Number(today.slice(0, 4));
  const [m, d] = [Number(short[1]), Number(short[2])];
  const thisYear = dateOf(year, m, d);
  const date = thisYear <= today ? thisYear : dateOf(year - 1, m, d);
  return isLocalDate(date) ? date : null;
}
