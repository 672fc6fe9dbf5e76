import { maskIdNumber, maskName, maskPhone } from './masks.js';

/**
 * R24/R25: a search term as the audit log keeps it. The log is append-only and never erased, so
 * it must not hold the name or number looked for; a hash would not do either — the names and
 * mobile numbers of a township are few enough to hash them all and find the term again. Each word
 * is masked as the thing it looks like (139****5678, 4201**********1234, 郑*杰), and the log
 * entry names the cases the search found through their petitioners, which says whose data it
 * reached without repeating it.
 */
export function maskSearchTerm(term: string): string {
  return term
    .trim()
    // A number typed in groups (139 1234 5678, +86 139…) is one word.
    .replace(/(?<=[0-9+])[\s-]+(?=[0-9])/g, '')
    .split(/\s+/)
    .filter((w) => w !== '')
    .map((w) => (/^[0-9]{14,17}[0-9Xx]$/.test(w) ? maskIdNumber(w) : /^[0-9+\- ]+$/.test(w) ? maskPhone(w.replace(/^\+?86(?=1\d{10}$)/, '')) : maskName(w)))
    .join(' ');
}
