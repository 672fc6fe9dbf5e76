import { z } from 'zod';
import { ROLES } from '../../domain/model.js';
import { UNIT_KINDS } from '../../domain/organisation.js';
import { id, text } from '../support/fields.js';

// Field schemas of the office's administration forms. A blank form field means "none".

const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);

/** Blank or null is null; missing stays undefined (an update leaves the field as it is). */
export const nullable = <S extends z.ZodType>(schema: S) => z.preprocess(blankToNull, schema.nullable()).optional();

export const personName = text(30);
/** A person's own unit is 单位 (责任单位 is a case's). */
export const PERSON_LABELS = { unitId: '单位' };
export const jobTitle = nullable(z.string().trim().max(50, { error: '不能超过50个字' }));
export const mobile = nullable(z.string().trim().regex(/^1[3-9]\d{9}$/, { error: '手机号应为11位数字' }));
export const email = nullable(z.string().trim().toLowerCase().pipe(z.email({ error: '邮箱格式不正确' })));
export const optionalId = nullable(id);
export const roles = z
  .array(z.enum(ROLES, { error: '角色不正确' }))
  .min(1, { error: '请至少选择一个角色' })
  .transform((rs) => ROLES.filter((r) => rs.includes(r)));
export const unitKind = z.enum(UNIT_KINDS, { error: '请选择单位类型' });
export const orgName = text(40);
/** An id chosen from a list that must not be left blank. */
export const chosenId = z.string({ error: '请选择' }).trim().min(1, { error: '请选择' }).pipe(id);
