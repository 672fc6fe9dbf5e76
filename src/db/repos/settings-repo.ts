import { fromDbDate, toDbDate } from '../../lib/local-date.js';
import type { DangerCategory } from '../../domain/intake/danger-keywords.js';
import type * as db from '../../generated/prisma/client.js';
import type { KeywordRuleRow, SettingsRepo } from '../../usecases/ports/settings.js';
import type { Tx } from './tx.js';

const toOverride = (r: db.CalendarOverride) => ({ date: fromDbDate(r.date), isWorkingDay: r.isWorkingDay, note: r.note });
const toKeyword = (r: db.KeywordRule): KeywordRuleRow => ({ id: r.id, category: r.category as DangerCategory, pattern: r.pattern, isRegex: r.isRegex, active: r.active });

export function settingsRepo(tx: Tx): SettingsRepo {
  return {
    async calendarOverride(date) {
      const row = await tx.calendarOverride.findUnique({ where: { date: toDbDate(date) } });
      return row ? toOverride(row) : null;
    },
    async calendarOverrides(from, to) {
      const rows = await tx.calendarOverride.findMany({ where: { date: { gte: toDbDate(from), lte: toDbDate(to) } }, orderBy: { date: 'asc' } });
      return rows.map(toOverride);
    },
    async putCalendarOverride(row, updatedById) {
      const data = { isWorkingDay: row.isWorkingDay, note: row.note, updatedById };
      await tx.calendarOverride.upsert({ where: { date: toDbDate(row.date) }, create: { date: toDbDate(row.date), ...data }, update: data });
    },
    async deleteCalendarOverride(date) {
      const { count } = await tx.calendarOverride.deleteMany({ where: { date: toDbDate(date) } });
      return count > 0;
    },
    async keywordRule(id) {
      const row = await tx.keywordRule.findUnique({ where: { id } });
      return row ? toKeyword(row) : null;
    },
    async keywordRuleByPattern(category, pattern) {
      const row = await tx.keywordRule.findUnique({ where: { category_pattern: { category, pattern } } });
      return row ? toKeyword(row) : null;
    },
    async keywordRules() {
      return (await tx.keywordRule.findMany({ orderBy: [{ category: 'asc' }, { createdAt: 'asc' }] })).map(toKeyword);
    },
    async addKeywordRule(rule) {
      return toKeyword(await tx.keywordRule.create({ data: rule }));
    },
    async setKeywordRuleActive(id, active) {
      return toKeyword(await tx.keywordRule.update({ where: { id }, data: { active } }));
    },
    async setting(key) {
      return (await tx.setting.findUnique({ where: { key } }))?.value ?? null;
    },
    async putSetting(key, value) {
      await tx.setting.upsert({ where: { key }, create: { key, value: value as never }, update: { value: value as never } });
    },
  };
}
