import { fromDbDate } from '../lib/local-date.js';
import { chineseOfficialCalendar } from '../domain/calendar/official-calendar.js';
import { WorkingCalendar } from '../domain/calendar/working-calendar.js';
import { DEADLINE_POLICY_KEY, deadlinePolicySchema, type DeadlinePolicy } from '../domain/deadlines/deadline-policy.js';
import { storedRuleProblem, type DangerCategory, type KeywordRule } from '../domain/intake/danger-keywords.js';
import { DEFAULT_KEYWORD_RULES } from '../domain/intake/default-keyword-rules.js';
import type { Logger } from '../lib/logger.js';
import { DEFAULT_ASSESSMENT_RULES } from '../domain/assessment/rules.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { ConfigSource } from '../usecases/ports.js';
import { storedTownName, TOWN_NAME_KEY } from '../domain/township/town-name.js';
import { REMINDER_SETTINGS_KEY, reminderSettingsSchema, type ReminderSettings } from '../domain/reminders/reminder-settings.js';

/**
 * Run-time configuration kept in the database (calendar overrides, limits, keyword rules),
 * cached briefly. Edits made through this process invalidate at once; other processes
 * (web and worker) see them within `ttlMs`.
 */
export class DbConfigSource implements ConfigSource {
  private cache = new Map<string, { at: number; value: Promise<unknown> }>();

  constructor(
    private readonly prisma: PrismaClient,
    private readonly ttlMs = 30_000,
    private readonly logger?: Pick<Logger, 'warn'>,
  ) {}

  invalidate(): void {
    this.cache.clear();
  }

  calendar(): Promise<WorkingCalendar> {
    return this.cached('calendar', async () => {
      const rows = await this.prisma.calendarOverride.findMany();
      return new WorkingCalendar(chineseOfficialCalendar, new Map(rows.map((r) => [fromDbDate(r.date), r.isWorkingDay])));
    });
  }

  deadlinePolicy(): Promise<DeadlinePolicy> {
    return this.cached('policy', async () => {
      const row = await this.prisma.setting.findUnique({ where: { key: DEADLINE_POLICY_KEY } });
      return deadlinePolicySchema.parse(row?.value ?? {});
    });
  }

  reminderSettings(): Promise<ReminderSettings> {
    return this.cached('reminders', async () => {
      const row = await this.prisma.setting.findUnique({ where: { key: REMINDER_SETTINGS_KEY } });
      return reminderSettingsSchema.parse(row?.value ?? {});
    });
  }

  keywordRules(): Promise<KeywordRule[]> {
    return this.cached('keywords', async () => {
      const rows = await this.prisma.keywordRule.findMany({ where: { active: true }, orderBy: { createdAt: 'asc' } });
      const rules = rows.map((r) => ({ category: r.category as DangerCategory, pattern: r.pattern, isRegex: r.isRegex }));
      for (const rule of rules) {
        const found = storedRuleProblem(rule);
        if (found) this.logger?.warn({ category: rule.category, pattern: rule.pattern, ...found }, '异常信件关键词规则按现在的检查不能保存，请在工作台停用后改写 (an R20 keyword rule fails today\'s checks)');
      }
      return rules;
    });
  }

  townName(): Promise<string> {
    return this.cached('townName', async () => storedTownName((await this.prisma.setting.findUnique({ where: { key: TOWN_NAME_KEY } }))?.value));
  }

  private cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    // Cache age is wall time, not the injected clock: a test moving its clock back must not pin stale values.
    const now = performance.now();
    const hit = this.cache.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.value as Promise<T>;
    const value = load();
    value.catch(() => this.cache.delete(key));
    this.cache.set(key, { at: now, value });
    return value;
  }
}

/** Inserts the default keyword rules (R20) and assessment rules (R23) not there yet; edited or disabled ones stay as they are. */
export async function ensureReferenceData(prisma: PrismaClient): Promise<void> {
  await prisma.keywordRule.createMany({ data: [...DEFAULT_KEYWORD_RULES], skipDuplicates: true });
  await prisma.assessmentRule.createMany({ data: DEFAULT_ASSESSMENT_RULES.map((r) => ({ ...r })), skipDuplicates: true });
}
