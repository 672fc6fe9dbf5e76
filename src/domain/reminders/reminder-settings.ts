import { z } from 'zod';
import type { EscalationPolicy } from '../escalation/escalation-policy.js';
import type { DeliveryWindow } from './delivery-window.js';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const hhmm = (fallback: string) => z.string().regex(HHMM, { error: '时间格式应为 HH:MM（如 08:00）' }).default(fallback);

/**
 * When routine pushes may go out and how alerts are chased: the office changes them at run time
 * (stored among the settings), the scheduler reads them for each job.
 */
export const reminderSettingsFields = z.object({
  /** Routine pushes wait for working hours on working days (Beijing time); urgent ones do not. */
  workingHoursStart: hhmm('08:00'),
  workingHoursEnd: hhmm('21:00'),
  /** R18/R20/R21: a silent recipient is alerted again after this many minutes… */
  alertRepeatMinutes: z.number().int().min(1).max(240).default(10),
  /** …and the alert climbs a level after this many minutes without the required acknowledgement. */
  alertClimbMinutes: z.number().int().min(1).max(1440).default(30),
});

const minutes = (hm: string) => Number(hm.slice(0, 2)) * 60 + Number(hm.slice(3, 5));

export const reminderSettingsSchema = reminderSettingsFields.refine((s) => minutes(s.workingHoursStart) < minutes(s.workingHoursEnd), {
  error: '推送时段的开始时间须早于结束时间',
  path: ['workingHoursEnd'],
});

export type ReminderSettings = z.infer<typeof reminderSettingsFields>;

/** Where the settings are stored among the run-time settings. */
export const REMINDER_SETTINGS_KEY = 'reminderSettings';

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = reminderSettingsSchema.parse({});

export function deliveryWindowOf(s: ReminderSettings): DeliveryWindow {
  return { startMinute: minutes(s.workingHoursStart), endMinute: minutes(s.workingHoursEnd) };
}

export function escalationPolicyOf(s: ReminderSettings): EscalationPolicy {
  return { repeatEveryMs: s.alertRepeatMinutes * 60_000, climbAfterMs: s.alertClimbMinutes * 60_000 };
}
