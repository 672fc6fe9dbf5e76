const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/**
 * A GB 11643-1999 citizen ID number with a correct check digit: 6-digit region code,
 * birth date YYYYMMDD, 3-digit sequence (odd for men, even for women), check digit.
 */
export function makeIdNumber(region: string, birth: string, sequence: number): string {
  if (!/^\d{6}$/.test(region) || !/^\d{8}$/.test(birth)) throw new Error('region must be 6 digits and birth YYYYMMDD');
  const body = `${region}${birth}${String(sequence % 1000).padStart(3, '0')}`;
  const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(body[i]), 0);
  return `${body}${ID_CHECK[sum % 11]}`;
}
