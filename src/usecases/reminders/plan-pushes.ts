import type { WorkingCalendar } from '../../domain/calendar/working-calendar.js';
import type { Notification } from '../../domain/notifications.js';
import { deliveryTime, spreadOffsetMs, type DeliveryWindow } from '../../domain/reminders/delivery-window.js';
import type { NewPush } from '../ports/pushes.js';

/** Routine pushes are spread over this much time after they fall due. */
const SPREAD_MS = 5 * 60_000;

/**
 * One push per recipient of each notification. Urgent ones are due at `at`; routine ones at the
 * next moment inside working hours, plus a few minutes derived from the key, so that a morning's
 * reminders do not all fire at 08:00:00 (unless that would take them past the window's end).
 */
export function planPushes(notifications: readonly Notification[], at: Date, calendar: WorkingCalendar, window: DeliveryWindow): NewPush[] {
  return notifications.flatMap((n) =>
    n.recipientIds.map((personId) => {
      const key = `${n.key}|${personId}`;
      if (n.urgency !== 'NORMAL') return { key, personId, notification: n, dueAt: at };
      const due = deliveryTime(at, false, window, calendar);
      const spread = new Date(due.getTime() + spreadOffsetMs(key, SPREAD_MS));
      return { key, personId, notification: n, dueAt: deliveryTime(spread, false, window, calendar).getTime() === spread.getTime() ? spread : due };
    }),
  );
}

/** The pushes of notifications that answer what someone just did: due at once, whatever the hour. */
export function immediatePushes(notifications: readonly Notification[], at: Date): NewPush[] {
  return notifications.flatMap((n) => n.recipientIds.map((personId) => ({ key: `${n.key}|${personId}`, personId, notification: n, dueAt: at })));
}
