import { addDays, localDateOf, startOfLocalDate, type LocalDate } from '../../lib/local-date.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';

/** When non-urgent pushes may go out: Beijing-time minutes of the day, on working days. */
export interface DeliveryWindow {
  startMinute: number;
  endMinute: number;
}

export const DEFAULT_DELIVERY_WINDOW: DeliveryWindow = Object.freeze({ startMinute: 8 * 60, endMinute: 21 * 60 });

const MINUTE = 60_000;

/** When the window opens on a day: the moment a day's routine reminders are worked out. */
export function windowOpening(day: LocalDate, window: DeliveryWindow): Date {
  return new Date(startOfLocalDate(day).getTime() + window.startMinute * MINUTE);
}

const minuteOfDay = (at: Date) => Math.floor((at.getTime() - startOfLocalDate(localDateOf(at)).getTime()) / MINUTE);

/**
 * The earliest moment at or after `at` inside the window on a working day. Urgent pushes do not
 * wait (R18, R20); everything else does, so nobody is woken at night by a routine reminder.
 */
export function deliveryTime(at: Date, urgent: boolean, window: DeliveryWindow, calendar: WorkingCalendar): Date {
  if (urgent) return at;
  const day = localDateOf(at);
  const minute = minuteOfDay(at);
  if (calendar.isWorkingDay(day) && minute >= window.startMinute && minute < window.endMinute) return at;
  const next = calendar.isWorkingDay(day) && minute < window.startMinute ? day : calendar.onOrNextWorkingDay(addDays(day, 1));
  return windowOpening(next, window);
}

/**
 * A stable offset of up to `spreadMs` for a push, from its key: reminders that fall on the same
 * minute (every case due today at 08:00) go out spread over it instead of all at once.
 */
export function spreadOffsetMs(key: string, spreadMs: number): number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i += 1) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return spreadMs <= 0 ? 0 : (h >>> 0) % spreadMs;
}
