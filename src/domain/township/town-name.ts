import { z } from 'zod';

/** Where the township's name is kept among the run-time settings. */
export const TOWN_NAME_KEY = 'townName';

/** Printed until the office sets the name. */
export const DEFAULT_TOWN_NAME = '本镇';

/**
 * The township's name as titles print it (青山镇, 红旗乡, 城关街道): exports, cards and pages put
 * it before their title, so it holds no markup, no line breaks and no more than a name needs.
 */
export const townNameSchema = z
  .string()
  .trim()
  .min(2, { error: '乡镇名称至少 2 个字' })
  .max(20, { error: '乡镇名称不能超过 20 个字' })
  .regex(/^[\p{Script=Han}A-Za-z0-9·（）()]+$/u, { error: '乡镇名称只能包含汉字、字母、数字、“·”和括号' });

/** The stored name, or the default when none was set (or what is stored is not a name). */
export function storedTownName(value: unknown): string {
  const parsed = townNameSchema.safeParse(value);
  return parsed.success ? parsed.data : DEFAULT_TOWN_NAME;
}
