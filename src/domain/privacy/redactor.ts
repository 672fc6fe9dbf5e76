import type { Petitioner } from '../model.js';
import type { PersonalData } from './disclosure.js';
import { maskPetitioner } from './masks.js';
import { maskPersonalText, type PersonalSubject } from './mask-text.js';

/** Text and petitioners of one case as one output may show them: untouched, or masked (R24). */
export interface Redactor {
  readonly personalData: PersonalData;
  text(s: string): string;
  maybe(s: string | null | undefined): string | null;
  petitioner(p: Petitioner): Petitioner;
}

/** The redactor for a disclosure of a case whose petitioners are `subjects`. */
export function redactor(personalData: PersonalData, subjects: readonly PersonalSubject[]): Redactor {
  const full = personalData === 'FULL';
  const text = (s: string) => (full ? s : maskPersonalText(s, subjects));
  return {
    personalData,
    text,
    maybe: (s) => (s === null || s === undefined ? null : text(s)),
    petitioner: (p) => (full ? p : maskPetitioner(p)),
  };
}

/** A masking redactor for a case: what every output shows unless one person asked for full data. */
export const maskedFor = (subjects: readonly PersonalSubject[]): Redactor => redactor('MASKED', subjects);
