import { z } from 'zod';
import { assertGlobalAllowed } from '../../domain/authorization.js';
import { DomainError } from '../../domain/errors.js';
import type { Actor } from '../../domain/model.js';
import type { Deps } from '../ports.js';
import type { CalendarOverrideRow } from '../ports/settings.js';
import { followCalendar, type MovedDeadline } from '../cases/follow-calendar.js';
import { audit } from '../support/audit.js';
import { addDays } from '../../lib/local-date.js';
import { localDate, optionalText } from '../support/fields.js';
import { parseInput } from '../support/parse-input.js';

/** The longest run of days one edit sets: the Spring Festival with its weekends fits. */
const MAX_SPAN_DAYS = 31;

/** A day, or a run of days to `until` (at most 31, in order). */
const span = z.object({
  date: localDate,
  until: localDate.optional().nullable(),
});
function checkedSpan<T extends z.ZodType<{ date: string; until?: string | null | undefined }>>(schema: T) {
  return schema
    .refine((v) => !v.until || v.until >= v.date, { error: '结束日期不能早于开始日期', path: ['until'] })
    .refine((v) => !v.until || v.until <= addDays(v.date, MAX_SPAN_DAYS - 1), { error: `一次最多设置连续 ${MAX_SPAN_DAYS} 天`, path: ['until'] });
}
const setInput = checkedSpan(span.extend({ isWorkingDay: z.boolean({ error: '请选择“上班”或“放假”' }), note: optionalText(100) }));
const removeInput = checkedSpan(span);

/**
 * R7: adds or corrects a day, or a run of days, of the working calendar (the next year's official
 * schedule, published around November, or a local correction). It wins over the built-in calendar,
 * for new deadlines and for the running ones it moves (`moved`: the open cases whose deadline followed).
 */
export async function setCalendarOverride(deps: Deps, actor: Actor, raw: unknown): Promise<{ overrides: CalendarOverrideRow[]; moved: MovedDeadline[] }> {
  const v = parseInput(setInput, raw);
  assertGlobalAllowed(actor.person, 'EDIT_SETTINGS');
  const now = deps.clock.now();
  const storedWith = await deps.config.calendar();
  const overrides: CalendarOverrideRow[] = [];
  for (let d = v.date; d <= (v.until ?? v.date); d = addDays(d, 1)) overrides.push({ date: d, isWorkingDay: v.isWorkingDay, note: v.note });
  await deps.uow.run(async (repos) => {
    const before = v.until ? await repos.settings.calendarOverrides(v.date, v.until) : await repos.settings.calendarOverride(v.date);
    for (const override of overrides) await repos.settings.putCalendarOverride(override, actor.person.id);
    // One edit, one entry: a run of days is named by its first and last day.
    const [entityId, after] = v.until ? [`${v.date}~${v.until}`, { date: v.date, until: v.until, isWorkingDay: v.isWorkingDay, note: v.note }] : [v.date, overrides[0]];
    await audit(repos, actor, now, { action: 'settings.calendar_override', entityType: 'CalendarOverride', entityId, before, after });
  });
  deps.config.invalidate();
  return { overrides, moved: (await followCalendar(deps, storedWith)).moved };
}

/** R7: removes the overrides of a day or a run of days; the built-in calendar applies there again, running deadlines included. */
export async function removeCalendarOverride(deps: Deps, actor: Actor, raw: unknown): Promise<{ removed: CalendarOverrideRow[]; moved: MovedDeadline[] }> {
  const v = parseInput(removeInput, raw);
  assertGlobalAllowed(actor.person, 'EDIT_SETTINGS');
  const now = deps.clock.now();
  const storedWith = await deps.config.calendar();
  const removed = await deps.uow.run(async (repos) => {
    const rows = await repos.settings.calendarOverrides(v.date, v.until ?? v.date);
    if (rows.length === 0) throw new DomainError('NOT_FOUND', `${v.until ? `${v.date} 至 ${v.until}` : v.date} 没有自定义的日历设置`);
    for (const row of rows) await repos.settings.deleteCalendarOverride(row.date);
    const [entityId, before] = v.until ? [`${v.date}~${v.until}`, rows] : [v.date, rows[0]];
    await audit(repos, actor, now, { action: 'settings.calendar_override_removed', entityType: 'CalendarOverride', entityId, before });
    return rows;
  });
  deps.config.invalidate();
  return { removed, moved: (await followCalendar(deps, storedWith)).moved };
}
