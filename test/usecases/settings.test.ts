import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intakeCase } from '../../src/usecases/intake-case.js';
import { addKeywordRule, setKeywordRuleActive } from '../../src/usecases/settings/keyword-rules.js';
import { removeCalendarOverride, setCalendarOverride } from '../../src/usecases/settings/set-calendar-override.js';
import { updateDeadlinePolicy } from '../../src/usecases/settings/update-deadline-policy.js';
import { updateReminderSettings } from '../../src/usecases/settings/update-reminder-settings.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { buildTownship, intakeForm, type Township } from '../support/township.js';

describe.each(['postgres', 'embedded'] as const)('run-time settings on %s', (kind) => {
  let t: TestDatabase;
  let town: Township;
  beforeAll(async () => {
    t = await freshDatabase(kind);
    town = await buildTownship(t.db, '2026-12-24T10:00:00+08:00');
    // the production cache, so that the test proves edits invalidate it
    (town.deps.config as unknown as { ttlMs: number }).ttlMs = 3_600_000;
  });
  afterAll(() => t.drop());

  const settingsState = async () => ({
    overrides: await t.db.prisma.calendarOverride.count(),
    keywords: await t.db.prisma.keywordRule.findMany({ select: { pattern: true, active: true }, orderBy: { pattern: 'asc' } }),
    settings: await t.db.prisma.setting.findMany(),
    audit: await t.db.prisma.auditLog.count(),
  });
  const office = () => town.actor(town.people.office);
  const intakeDue = async (over: Record<string, unknown> = {}) => (await intakeCase(town.deps, office(), intakeForm(over))).case.dueOn;

  it('R7: the 2027 schedule is added at run time and the next deadline follows it at once', async () => {
    expect(await intakeDue()).toBe('2027-01-14');
    await setCalendarOverride(town.deps, office(), { date: '2027-01-01', isWorkingDay: false, note: '2027年元旦' });
    expect(await intakeDue()).toBe('2027-01-15');
    const audit = await t.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'settings.calendar_override' } });
    expect(JSON.parse(audit.after!)).toEqual({ date: '2027-01-01', isWorkingDay: false, note: '2027年元旦' });
    await removeCalendarOverride(town.deps, office(), { date: '2027-01-01' });
    expect(await intakeDue()).toBe('2027-01-14');
  });

  it('R7: a make-up working Sunday added as an override counts as a working day', async () => {
    await setCalendarOverride(town.deps, office(), { date: '2027-01-03', isWorkingDay: true });
    expect(await intakeDue()).toBe('2027-01-13');
    await removeCalendarOverride(town.deps, office(), { date: '2027-01-03' });
  });

  it('R7: a holiday of several days is entered in one go (the Spring Festival 2027), audited as one edit', async () => {
    const auditBefore = await t.db.prisma.auditLog.count({ where: { action: 'settings.calendar_override' } });
    const { overrides } = await setCalendarOverride(town.deps, office(), { date: '2027-02-06', until: '2027-02-14', isWorkingDay: false, note: '2027年春节' });
    expect(overrides.map((o) => o.date)).toEqual(['2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12', '2027-02-13', '2027-02-14']);
    const calendar = await town.deps.config.calendar();
    expect(calendar.isWorkingDay('2027-02-08')).toBe(false);
    expect(calendar.isWorkingDay('2027-02-15')).toBe(true);
    expect(await t.db.prisma.auditLog.count({ where: { action: 'settings.calendar_override' } })).toBe(auditBefore + 1);
    const entry = await t.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'settings.calendar_override' }, orderBy: { seq: 'desc' } });
    expect(entry.entityId).toBe('2027-02-06~2027-02-14');
    expect(JSON.parse(entry.after!)).toEqual({ date: '2027-02-06', until: '2027-02-14', isWorkingDay: false, note: '2027年春节' });
    expect(JSON.parse(entry.before!)).toEqual([]);
    // Taken out the same way: one edit, one entry.
    const removedBefore = await t.db.prisma.auditLog.count({ where: { action: 'settings.calendar_override_removed' } });
    const { removed } = await removeCalendarOverride(town.deps, office(), { date: '2027-02-01', until: '2027-02-28' });
    expect(removed.map((o) => o.date)).toEqual(overrides.map((o) => o.date));
    expect((await town.deps.config.calendar()).isWorkingDay('2027-02-08')).toBe(true);
    expect(await t.db.prisma.auditLog.count({ where: { action: 'settings.calendar_override_removed' } })).toBe(removedBefore + 1);
    await expect(removeCalendarOverride(town.deps, office(), { date: '2027-02-01', until: '2027-02-28' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: '2027-02-01 至 2027-02-28 没有自定义的日历设置' });
  });

  it('R7: only the office edits the calendar; bad dates are refused and nothing changes', async () => {
    const before = await settingsState();
    await expect(setCalendarOverride(town.deps, town.actor(town.people.deputy), { date: '2027-01-01', isWorkingDay: false })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(setCalendarOverride(town.deps, office(), { date: '2027-02-30', isWorkingDay: false })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(setCalendarOverride(town.deps, office(), { date: '2027-02-01' })).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('上班') });
    await expect(removeCalendarOverride(town.deps, office(), { date: '2027-05-01' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(setCalendarOverride(town.deps, office(), { date: '2027-02-14', until: '2027-02-06', isWorkingDay: false })).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('结束日期不能早于开始日期') });
    await expect(setCalendarOverride(town.deps, office(), { date: '2027-01-01', until: '2027-02-01', isWorkingDay: false })).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('一次最多设置连续 31 天') });
    await expect(setCalendarOverride(town.deps, office(), { date: '2027-01-01', until: '2027-1-3', isWorkingDay: false })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await settingsState()).toEqual(before);
  });

  it('R20: the office adds a keyword and the next letter with it raises an alert; disabling stops it', async () => {
    const content = '村里的事情不解决，我们就去市政府门口讨个说法。';
    expect((await intakeCase(town.deps, office(), intakeForm({ source: 'LETTER', content }))).case.dangerFlags).toEqual([]);
    const { rule } = await addKeywordRule(town.deps, office(), { category: 'TROUBLE', pattern: '(市|县)政府门口', isRegex: true });
    const flagged = await intakeCase(town.deps, office(), intakeForm({ source: 'LETTER', content }));
    expect(flagged.case.dangerFlags).toEqual(['TROUBLE']);
    expect(flagged.notifications.map((n) => n.kind)).toContain('DANGER_LETTER');
    await setKeywordRuleActive(town.deps, office(), { ruleId: rule.id, active: false });
    expect((await intakeCase(town.deps, office(), intakeForm({ source: 'LETTER', content }))).case.dangerFlags).toEqual([]);
  });

  it('R20: a broken pattern, a duplicate or a stranger is refused and the rules stay as they were', async () => {
    const before = await settingsState();
    await expect(addKeywordRule(town.deps, office(), { category: 'SUICIDE', pattern: '(跳楼', isRegex: true })).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('正则表达式') });
    await expect(addKeywordRule(town.deps, office(), { category: 'SUICIDE', pattern: '  ' })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(addKeywordRule(town.deps, office(), { category: 'SUICIDE', pattern: '喝农药' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(addKeywordRule(town.deps, office(), { category: 'POISON', pattern: '毒' })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(addKeywordRule(town.deps, town.actor(town.people.cadre), { category: 'SUICIDE', pattern: '寻短见' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await settingsState()).toEqual(before);
  });

  it('R20: a pattern that could freeze the server (ReDoS) is refused with a Chinese message and the rules stay as they were', async () => {
    const before = await settingsState();
    for (const [pattern, why] of [['(a+)+b', '重复里又套着重复'], ['(a|aa)*c', '开头相同的选项'], ['(.*a){12}', '重复里又套着重复']] as const) {
      await expect(addKeywordRule(town.deps, office(), { category: 'TROUBLE', pattern, isRegex: true }), pattern).rejects.toMatchObject({
        code: 'VALIDATION',
        message: expect.stringMatching(new RegExp(`^输入有误：正则表达式.*${why}.*卡住`)),
      });
    }
    expect(await settingsState()).toEqual(before);
  });

  it('R20: a rule stored before unsafe patterns were refused is not switched back on; switching it off is allowed', async () => {
    const stored = await t.db.prisma.keywordRule.create({ data: { category: 'MURDER', pattern: '(砍+)+死', isRegex: true, active: false } });
    await expect(setKeywordRuleActive(town.deps, office(), { ruleId: stored.id, active: true })).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('不能启用：正则表达式中重复里又套着重复') });
    expect((await t.db.prisma.keywordRule.findUniqueOrThrow({ where: { id: stored.id } })).active).toBe(false);
    await t.db.prisma.keywordRule.update({ where: { id: stored.id }, data: { active: true } });
    expect((await setKeywordRuleActive(town.deps, office(), { ruleId: stored.id, active: false })).rule.active).toBe(false);
  });

  it('R9: a province with other limits changes them at run time; invalid limits change nothing', async () => {
    expect(await intakeDue({ source: 'LETTER' })).toBe('2027-02-22');
    const before = await settingsState();
    await expect(updateDeadlinePolicy(town.deps, office(), { handlingDays: -5 })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(updateDeadlinePolicy(town.deps, office(), { handlingDayz: 30 })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(updateDeadlinePolicy(town.deps, town.actor(town.people.secretary), { handlingDays: 30 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await settingsState()).toEqual(before);
    const { policy } = await updateDeadlinePolicy(town.deps, office(), { handlingDays: 30 });
    expect(policy).toMatchObject({ handlingDays: 30, maxExtensionDays: 30, counting: 'CIVIL_CODE' });
    expect(await intakeDue({ source: 'LETTER' })).toBe('2027-01-25');
    await updateDeadlinePolicy(town.deps, office(), { handlingDays: 60 });
  });

  it('reminder settings (working hours of pushes, alert intervals) change at run time, checked, audited, and read back at once', async () => {
    expect(await town.deps.config.reminderSettings()).toEqual({ workingHoursStart: '08:00', workingHoursEnd: '21:00', alertRepeatMinutes: 10, alertClimbMinutes: 30 });
    const before = await settingsState();
    for (const bad of [{ workingHoursStart: '25:00' }, { workingHoursStart: '21:30' }, { alertRepeatMinutes: 0 }, { alertClimbMinutes: 1.5 }, { repeatMinutes: 5 }]) {
      await expect(updateReminderSettings(town.deps, office(), bad)).rejects.toMatchObject({ code: 'VALIDATION' });
    }
    await expect(updateReminderSettings(town.deps, office(), { workingHoursEnd: '07:00' })).rejects.toThrow('推送时段的开始时间须早于结束时间');
    await expect(updateReminderSettings(town.deps, town.actor(town.people.secretary), { alertRepeatMinutes: 5 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await settingsState()).toEqual(before);

    const { settings } = await updateReminderSettings(town.deps, office(), { workingHoursStart: '08:30', alertRepeatMinutes: 5 });
    expect(settings).toEqual({ workingHoursStart: '08:30', workingHoursEnd: '21:00', alertRepeatMinutes: 5, alertClimbMinutes: 30 });
    expect(await town.deps.config.reminderSettings()).toEqual(settings);
    const audit = await t.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'settings.reminders' } });
    expect(JSON.parse(audit.after!)).toEqual(settings);
    await updateReminderSettings(town.deps, office(), { workingHoursStart: '08:00', alertRepeatMinutes: 10 });
  });
});
