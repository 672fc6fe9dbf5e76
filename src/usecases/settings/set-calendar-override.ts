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

const setInput = z
  .object({
    date: localDate,
    /** The last day of a run of days set alike (a holiday of several days); default: `date` alone. */
    until: localDate.optional().nullable(),
    isWorkingDay: z.boolean({ error: '请选择“上班”或“放假”' }),
    note: optionalText(100),
  })
  .refine((v) => !v.until || v.until >= v.date, { error: '结束日期不能早于开始日期', path: ['until'] })
  .refine((v) => !v.until || v.until <= addDays(v.date, MAX_SPAN_DAYS - 1), { error: `一次最多设置连续 ${MAX_SPAN_DAYS} 天`, path: ['until'] });
const removeInput = z.object({ date: localDate });

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

/** R7: removes an override; the built-in calendar applies to that day again, running deadlines included. */
export async function removeCalendarOverride(deps: Deps, actor: Actor, raw: unknown): Promise<{ moved: MovedDeadline[] }> {
  const v = parseInput(removeInput, raw);
  assertGlobalAllowed(actor.person, 'EDIT_SETTINGS');
  const now = deps.clock.now();
  const storedWith = await deps.config.calendar();
  await deps.uow.run(async (repos) => {
    const before = await repos.settings.calendarOverride(v.date);
    if (!before) throw new DomainError('NOT_FOUND', `${v.date} 没有自定义的日历设置`);
    await repos.settings.deleteCalendarOverride(v.date);
    await audit(repos, actor, now, { action: 'settings.calendar_override_removed', entityType: 'CalendarOverride', entityId: v.date, before });
  });
  deps.config.invalidate();
  return { moved: (await followCalendar(deps, storedWith)).moved };
}
