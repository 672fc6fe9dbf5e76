/** A case's number as texts write it: XF-2026-0042 (four digits or more after the year). */
const CASE_NUMBER = /XF-\d{4}-\d{4,}/g;

/** The case numbers a text names, each once, in the order they first appear. */
export function caseNumbersIn(text: string): string[] {
  return [...new Set(text.match(CASE_NUMBER) ?? [])];
}
