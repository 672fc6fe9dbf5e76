import { assertGlobalAllowed } from '../../domain/authorization.js';
import type { Actor } from '../../domain/model.js';
import { REMINDER_SETTINGS_KEY, reminderSettingsFields, reminderSettingsSchema, type ReminderSettings } from '../../domain/reminders/reminder-settings.js';
import type { Deps } from '../ports.js';
import { audit } from '../support/audit.js';
import { parseInput } from '../support/parse-input.js';

/**
 * Working hours of routine pushes and the alert intervals, changed at run time by whoever may
 * edit settings. The change is merged over what is stored and audited; the scheduler uses it
 * for the jobs it runs from now on (other processes within half a minute).
 */
export async function updateReminderSettings(deps: Deps, actor: Actor, raw: unknown): Promise<{ settings: ReminderSettings }> {
  const patch = parseInput(reminderSettingsFields.partial().strict(), raw);
  assertGlobalAllowed(actor.person, 'EDIT_SETTINGS');
  const now = deps.clock.now();
  const settings = await deps.uow.run(async (repos) => {
    const before = reminderSettingsSchema.parse((await repos.settings.setting(REMINDER_SETTINGS_KEY)) ?? {});
    const after = parseInput(reminderSettingsSchema, { ...before, ...patch });
    await repos.settings.putSetting(REMINDER_SETTINGS_KEY, after);
    await audit(repos, actor, now, { action: 'settings.reminders', entityType: 'Setting', entityId: REMINDER_SETTINGS_KEY, before, after });
    return after;
  });
  deps.config.invalidate();
  return { settings };
}
