/**
 * Calendar dates in China Standard Time as 'YYYY-MM-DD' strings. China has kept UTC+8
 * without daylight saving since 1991, so a fixed offset is exact.
 */
export type LocalDate = string;

const OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;
const PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export function isLocalDate(value: string): value is LocalDate {
  if (!PATTERN.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** The Beijing-time calendar date of an instant. */
export function localDateOf(instant: Date): LocalDate {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** The Beijing time of an instant to the minute, 'YYYY-MM-DD HH:mm'. */
export function localMinuteOf(instant: Date): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** The instant a Beijing-time date starts (00:00 +08:00). */
export function startOfLocalDate(date: LocalDate): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - OFFSET_MS);
}

/** The instant a Beijing-time date ends (last millisecond of 23:59:59.999 +08:00). */
export function endOfLocalDate(date: LocalDate): Date {
  return new Date(startOfLocalDate(date).getTime() + DAY_MS - 1);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Calendar days from a to b (b − a). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/**
 * Same date n months later; when that month is shorter, its last day
 * (民法典 Art 202: 2026-01-31 + 1 month = 2026-02-28).
 */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

export function compareDates(a: LocalDate, b: LocalDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function minDate(...dates: LocalDate[]): LocalDate {
  return dates.reduce((a, b) => (a <= b ? a : b));
}

/** Day of week, 0 = Sunday. */
export function weekday(date: LocalDate): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** 'YYYY-MM-DD' → Date at UTC midnight, the way Prisma reads and writes @db.Date columns. */
export function toDbDate(date: LocalDate): Date {
  return new Date(`${date}T00:00:00Z`);
}

export function fromDbDate(value: Date): LocalDate {
  return value.toISOString().slice(0, 10);
}

/** Quarter label of a date, e.g. '2026Q4'. */
export function quarterOf(date: LocalDate): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return `${y}Q${Math.floor((m - 1) / 3) + 1}`;
}

/** First and last date of a quarter label. */
export function quarterRange(quarter: string): { start: LocalDate; end: LocalDate } {
  const match = /^(\d{4})Q([1-4])$/.exec(quarter);
  if (!match) throw new RangeError(`not a quarter: ${quarter}`);
  const year = Number(match[1]);
  const q = Number(match[2]);
  const start = `${year}-${String((q - 1) * 3 + 1).padStart(2, '0')}-01`;
  return { start, end: addDays(addMonths(start, 3), -1) };
}

/** Month label 'YYYY-MM' of a date. */
export function monthOf(date: LocalDate): string {
  return date.slice(0, 7);
}
