import { maskIdNumber, maskName, maskPhone } from './masks.js';

/** What identifies a petitioner of a case: each is looked for in free text and masked (R24). */
export interface PersonalSubject {
  name: string;
  idNumber?: string | null;
  phone?: string | null;
  address?: string | null;
}

// Full-width digits and letters (１３９…, Ｘ) are what a Chinese IME often types: they are read as
// their half-width forms, so a number cannot slip past the patterns by its width.
const toHalfWidth = (text: string) => text.replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\uFF0D\uFF0B]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

const SEP = '[ \\-]?';
// Longest first: an ID number contains runs that would look like a phone number.
const PATTERNS: readonly { re: RegExp; mask: (m: string) => string }[] = [
  // 18-digit resident ID (with the X check digit), also written in 6-8-4 groups; then the old 15-digit form.
  { re: new RegExp(`(?<![0-9A-Za-z])\\d{6}${SEP}\\d{8}${SEP}\\d{3}[0-9Xx](?![0-9A-Za-z])`, 'g'), mask: (m) => maskIdNumber(m.replace(/[ -]/g, '')) },
  { re: /(?<![0-9A-Za-z])\d{15}(?![0-9A-Za-z])/g, mask: (m) => maskIdNumber(m) },
  // Mobile numbers, with +86 and 3-4-4 groups.
  { re: new RegExp(`(?<![0-9])(?:\\+?86${SEP})?1[3-9]\\d${SEP}\\d{4}${SEP}\\d{4}(?![0-9])`, 'g'), mask: (m) => maskPhone(m.replace(/^\+?86[ -]?/, '')) },
  // Landlines with an area code: 0710-1234567, (0710)1234567, 0710 12345678, 07101234567.
  { re: /(?<![0-9])(?:\(0\d{2,3}\)|（0\d{2,3}）|0\d{2,3}[ -]?)\d{7,8}(?![0-9])/g, mask: (m) => maskPhone(m.replace(/[()（）]/g, '')) },
  { re: /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, mask: (m) => `${m[0]}***@${m.split('@')[1]}` },
  // Any other long number — a local landline, a bank card, a QQ number — unless it is a date or an amount.
  { re: /(?<![0-9A-Za-z])\d{7,}(?![0-9])(?!\s*(?:元|万|亿|块|平方|亩|米|公里|户|人|次|件|[年月日号]))/g, mask: maskNumberRun },
];

/** A run of digits with only its end kept: ******34, or 622***********1234 for card-length runs. */
function maskNumberRun(digits: string): string {
  if (/^(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/.test(digits)) return digits;
  if (digits.length >= 11) return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
  return `${'*'.repeat(digits.length - 2)}${digits.slice(-2)}`;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The house part of an address, after its village or community: 三组12号 of 青山村三组12号. */
function houseOf(address: string): string | null {
  const m = /^.*?(?:村|社区|小区|街道|路|街)(.{2,})$/u.exec(address.trim());
  return m ? m[1]!.trim() : null;
}

/** The literal strings of each subject to hide, with what each becomes. */
function subjectTerms(subjects: readonly PersonalSubject[]): Map<string, string> {
  const terms = new Map<string, string>();
  const add = (term: string | null | undefined, masked: string) => {
    const t = term?.trim();
    if (t && [...t].length >= 2 && !terms.has(t)) terms.set(t, masked);
  };
  for (const s of subjects) {
    const name = s.name.trim();
    add(name, maskName(name));
    // The given name alone (雪莲 of 李雪莲): a common word masked by mistake is better than a leak.
    const chars = [...name];
    if (chars.length >= 3) add(chars.slice(-2).join(''), '**');
    if (s.idNumber) add(toHalfWidth(s.idNumber), maskIdNumber(toHalfWidth(s.idNumber)));
    if (s.phone) add(toHalfWidth(s.phone).replace(/[ -]/g, ''), maskPhone(toHalfWidth(s.phone)));
    if (s.address) {
      const a = s.address.trim();
      add(a, '***');
      const house = houseOf(a);
      if (house) add(house, '***');
    }
  }
  return terms;
}

/**
 * R24: free text (a title, content, progress, an opinion, a note) as it may be shown where
 * personal data is masked. The subjects' names, numbers and addresses are hidden wherever they
 * appear, and so is anything shaped like an ID number, a phone number, an e-mail address or a long
 * number, whoever it belongs to. Stored text stays as it was: this runs when text is shown.
 */
export function maskPersonalText(text: string, subjects: readonly PersonalSubject[] = [], opts: { star?: string } = {}): string {
  if (!text) return text;
  // Where `*` is markup (card markdown), the masks write it as the caller says, e.g. an entity.
  const star = opts.star === undefined ? (m: string) => m : (m: string) => m.replaceAll('*', opts.star!);
  let out = toHalfWidth(text);
  const terms = subjectTerms(subjects);
  if (terms.size > 0) {
    const keys = [...terms.keys()].sort((a, b) => b.length - a.length);
    out = out.replace(new RegExp(keys.map(escapeRegExp).join('|'), 'gu'), (m) => star(terms.get(m) ?? '***'));
  }
  for (const { re, mask } of PATTERNS) out = out.replace(re, (m) => star(mask(m)));
  return out;
}
