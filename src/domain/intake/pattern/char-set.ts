/** A set of code points as sorted, disjoint, non-adjacent inclusive ranges. */
export type CharSet = readonly (readonly [number, number])[];

export const MAX_CODE_POINT = 0x10ffff;

export const charSet = (...ranges: (readonly [number, number])[]): CharSet => normalize(ranges);

export const single = (cp: number): CharSet => [[cp, cp]];

export function union(...sets: CharSet[]): CharSet {
  return normalize(sets.flat());
}

export function complement(set: CharSet): CharSet {
  const out: [number, number][] = [];
  let next = 0;
  for (const [lo, hi] of set) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_CODE_POINT) out.push([next, MAX_CODE_POINT]);
  return out;
}

export function intersects(a: CharSet, b: CharSet): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const [alo, ahi] = a[i]!;
    const [blo, bhi] = b[j]!;
    if (alo <= bhi && blo <= ahi) return true;
    if (ahi < bhi) i++;
    else j++;
  }
  return false;
}

/** Binary search: the sets of a keyword pattern are small, the text is long. */
export function contains(set: CharSet, cp: number): boolean {
  let lo = 0;
  let hi = set.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [from, to] = set[mid]!;
    if (cp < from) hi = mid - 1;
    else if (cp > to) lo = mid + 1;
    else return true;
  }
  return false;
}

function normalize(ranges: readonly (readonly [number, number])[]): CharSet {
  const sorted = [...ranges].sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [lo, hi] of sorted) {
    const last = out.at(-1);
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

const cp = (c: string) => c.codePointAt(0)!;

export const DIGITS: CharSet = charSet([cp('0'), cp('9')]);
export const WORD: CharSet = charSet([cp('0'), cp('9')], [cp('A'), cp('Z')], [cp('_'), cp('_')], [cp('a'), cp('z')]);
// What JavaScript's \s matches: ASCII spacing, NBSP, the Unicode space separators, line separators, BOM.
export const SPACE: CharSet = charSet([0x09, 0x0d], [0x20, 0x20], [0xa0, 0xa0], [0x1680, 0x1680], [0x2000, 0x200a], [0x2028, 0x2029], [0x202f, 0x202f], [0x205f, 0x205f], [0x3000, 0x3000], [0xfeff, 0xfeff]);
/** `.` without the s flag: anything but a line terminator. */
export const ANY_BUT_NEWLINE: CharSet = complement(charSet([0x0a, 0x0a], [0x0d, 0x0d], [0x2028, 0x2029]));
