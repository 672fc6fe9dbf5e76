import type { Petitioner } from '../model.js';

/** R24: 张*明, 张*, 欧阳**锋 — keep the first and (for 3+ characters) the last character. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.join('');
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** R24: 138****5678 for a mobile; other numbers keep their first 3 and last 4 digits too. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\s|-/g, '');
  if (digits.length < 7) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}

/** R24: 4201**********1234 — region prefix and last 4 only. */
export function maskIdNumber(id: string): string {
  const s = id.trim();
  if (s.length < 8) return '*'.repeat(s.length);
  return `${s.slice(0, 4)}${'*'.repeat(s.length - 8)}${s.slice(-4)}`;
}

/** Keeps the address down to the village or community (…青山村***) and hides the house. */
export function maskAddress(address: string): string {
  const place = /^.*?(村|社区|街道|镇|乡)/u.exec(address.trim());
  if (place && place[0].length < address.trim().length) return `${place[0]}***`;
  return `${[...address.trim()].slice(0, 3).join('')}***`;
}

export function maskPetitioner(p: Petitioner): Petitioner {
  return {
    ...p,
    name: maskName(p.name),
    idNumber: p.idNumber === null ? null : maskIdNumber(p.idNumber),
    phone: p.phone === null ? null : maskPhone(p.phone),
    address: p.address === null ? null : maskAddress(p.address),
  };
}
