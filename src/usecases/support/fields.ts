import { z } from 'zod';
import { isLocalDate } from '../../lib/local-date.js';

// Field schemas shared by several use cases.

export const id = z.string().uuid({ error: '编号格式不正确' });
export const localDate = z.string().refine(isLocalDate, { error: '日期格式应为 YYYY-MM-DD' });
export const text = (max: number) => z.string().trim().min(1, { error: '不能为空' }).max(max, { error: `不能超过${max}个字` });
export const optionalText = (max: number) => z.string().trim().max(max, { error: `不能超过${max}个字` }).optional().nullable().transform((v) => (v ? v : null));

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643-1999 citizen ID number with its check digit. */
export function isValidIdNumber(value: string): boolean {
  if (!/^\d{17}[\dX]$/.test(value)) return false;
  const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(value[i]), 0);
  return ID_CHECK[sum % 11] === value[17];
}

export const idNumber = z
  .string()
  .trim()
  .transform((v) => v.toUpperCase())
  .refine(isValidIdNumber, { error: '身份证号不正确（18位，校验位有误）' });

export const phone = z
  .string()
  .trim()
  .refine((v) => /^1[3-9]\d{9}$/.test(v) || /^0\d{2,3}-?\d{7,8}$/.test(v), { error: '电话号码格式不正确' });

export const AT_LEAST_ONE_PETITIONER = '至少填写一名信访人';

export const petitioner = z.object({
  name: text(30),
  idNumber: idNumber.optional().nullable().transform((v) => v ?? null),
  phone: phone.optional().nullable().transform((v) => v ?? null),
  address: optionalText(200),
});
