import { discloseCase, type OutputChannel } from '../../domain/privacy/disclosure.js';
import { maskPersonalText, type PersonalSubject } from '../../domain/privacy/mask-text.js';
import type { CaseRecord, Person } from '../../domain/model.js';
import { caseNumbersIn } from '../../domain/case-numbers.js';
import type { Repos } from '../ports.js';

/** Said instead of a text about a case the reader may not see. */
export const WITHHELD = '（涉及依规回避的事项，详情不予显示）';

/**
 * R24/R26: texts that name cases by number (evidence, statements, summaries), as `viewer` may
 * read them through `channel`: masked with the petitioners of the cases they name, and withheld
 * where a case they name is hidden from the viewer. Texts naming no case are masked for numbers.
 */
export async function textsAbout(repos: Repos, viewer: Person, channel: OutputChannel, texts: readonly string[]): Promise<string[]> {
  const numbers = [...new Set(texts.flatMap(caseNumbersIn))];
  const cases = new Map<string, CaseRecord>();
  for (const n of numbers) {
    const c = await repos.cases.getByNumber(n);
    if (c) cases.set(n, c);
  }
  const subjects = await repos.cases.subjectsByNumber(numbers);
  return texts.map((text) => {
    const named = caseNumbersIn(text);
    if (named.some((n) => cases.has(n) && !discloseCase(viewer, cases.get(n)!, channel).visible)) return WITHHELD;
    const who: PersonalSubject[] = named.flatMap((n) => subjects.get(n) ?? []);
    return maskPersonalText(text, who);
  });
}
