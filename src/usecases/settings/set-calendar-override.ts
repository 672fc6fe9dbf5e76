import { z } from 'zod';
import { assertGlobalAllowed } from '../../domain/authorization.js';
import { DomainError } from '../../domain/errors.js';
import type { Actor } from '../../domain/model.js';
import type { Deps } from '../ports.js';
import type { CalendarOverrideRow } from '../ports/settings.js';
import { followCalendar, type MovedDeadline } from '../cases/follow-calendar.js';
import { audit } from '../support/audit.js';
import { localDate, optionalText } from '../support/fields.js';
import { parseInput } from '../support/parse-input.js';

const setInput = z.object({ date: localDate, isWorkingDay: z.boolean({ error: '请选择“上班”或“放假”' }), note: optionalText(100) });
const removeInput = z.object({ date: localDate });

/**
 * R7: adds or corrects one day of the working calendar (the next year's official schedule,
 * published around November, or a local correction). It wins over the built-in calendar, for new
 * deadlines and for the running ones it moves (`moved`: the open cases whose deadline followed).
 */
export async function setCalendarOverride(deps: Deps, actor: Actor, raw: unknown): Promise<{ override: CalendarOverrideRow; moved: MovedDeadline[] }> {
  const v = parseInput(setInput, raw);
  assertGlobalAllowed(actor.person, 'EDIT_SETTINGS');
  const now = deps.clock.now();
  const storedWith = await deps.config.calendar();
  const override = { date: v.date, isWorkingDay: v.isWorkingDay, note: v.note };
  await deps.uow.run(async (repos) => {
    const before = await repos.settings.calendarOverride(v.date);
    await repos.settings.putCalendarOverride(override, actor.person.id);
    await audit(repos, actor, now, { action: 'settings.calendar_override', entityType: 'CalendarOverride', entityId: v.date, before, after: override });
  });
  deps.config.invalidate();
  return { override, moved: (await followCalendar(deps, storedWith)).moved };
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
