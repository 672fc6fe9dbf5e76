import { formatCaseNumber } from '../../usecases/intake-case.js';

/** A case number as typed: complete, or only its serial (the year is then this year's). */
export interface TypedCaseNumber {
  number: string;
  serial: number;
  serialOnly: boolean;
}

const DASH = '[-_.—–\\s]*';
/** XF-2026-0042, xf 2026 42, XF20260042: the prefix, a year and a serial. */
const FULL = new RegExp(`^xf${DASH}(\\d{4})${DASH}(\\d{1,6})$`, 'i');
/** 2026-0042, 2026年42号: a year and a serial without the prefix. */
const YEAR_AND_SERIAL = /^(\d{4})(?:[-_.—–\s]+|年)(?:第)?(\d{1,6})号?$/;
/** 42, 0042, 第42号: the serial alone. */
const SERIAL = /^(?:第)?(\d{1,6})号?$/;

/** Reads a case number as people write it in a chat (half-width text); null when it is none. */
export function readCaseNumber(text: string, thisYear: number): TypedCaseNumber | null {
  const t = text.trim();
  const full = FULL.exec(t) ?? YEAR_AND_SERIAL.exec(t);
  if (full) return { number: formatCaseNumber(Number(full[1]), Number(full[2])), serial: Number(full[2]), serialOnly: false };
  const serial = SERIAL.exec(t);
  return serial ? { number: formatCaseNumber(thisYear, Number(serial[1])), serial: Number(serial[1]), serialOnly: true } : null;
}

/** A message that is only a complete case number (XF-…) asks for that case. */
export const isCompleteCaseNumber = (text: string): boolean => FULL.test(text.trim());
