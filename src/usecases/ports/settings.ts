import type { LocalDate } from '../../lib/local-date.js';
import type { DangerCategory } from '../../domain/intake/danger-keywords.js';

export interface CalendarOverrideRow {
  date: LocalDate;
  isWorkingDay: boolean;
  note: string | null;
}

export interface KeywordRuleRow {
  id: string;
  category: DangerCategory;
  pattern: string;
  isRegex: boolean;
  active: boolean;
}

/** Run-time configuration that the office edits (R7 calendar, R9 limits, R20 keywords). */
export interface SettingsRepo {
  calendarOverride(date: LocalDate): Promise<CalendarOverrideRow | null>;
  calendarOverrides(from: LocalDate, to: LocalDate): Promise<CalendarOverrideRow[]>;
  putCalendarOverride(row: CalendarOverrideRow, updatedById: string): Promise<void>;
  deleteCalendarOverride(date: LocalDate): Promise<boolean>;
  keywordRule(id: string): Promise<KeywordRuleRow | null>;
  keywordRuleByPattern(category: DangerCategory, pattern: string): Promise<KeywordRuleRow | null>;
  keywordRules(): Promise<KeywordRuleRow[]>;
  addKeywordRule(rule: Omit<KeywordRuleRow, 'id' | 'active'>): Promise<KeywordRuleRow>;
  setKeywordRuleActive(id: string, active: boolean): Promise<KeywordRuleRow>;
  setting(key: string): Promise<unknown>;
  putSetting(key: string, value: unknown): Promise<void>;
}
