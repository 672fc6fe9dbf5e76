// A petition's text as the danger rules (R20) read it.

/** Removes spacing and punctuation so that "扬 言 自 杀" or "扬言·自杀" still match. */
export function normalizeForScan(text: string): string {
  return text.replace(/[\s\p{P}\p{S}]+/gu, '').toLowerCase();
}

/**
 * Text beyond this many characters (after normalizing) is not scanned: an intake holds at most a
 * title and 5,000 characters of content, so only text from elsewhere is ever cut.
 */
export const MAX_SCAN_CHARS = 10_000;

/** The normalized text, and its code points for the linear-time regex search. */
export interface ScanText {
  text: string;
  codePoints: readonly number[];
}

export function scanText(raw: string): ScanText {
  const codePoints = [...normalizeForScan(raw)].slice(0, MAX_SCAN_CHARS).map((c) => c.codePointAt(0)!);
  return { text: String.fromCodePoint(...codePoints), codePoints };
}
