import { followUpWindowEnd } from '../../domain/follow-up/follow-up.js';
import type { Notification } from '../../domain/notifications.js';
import { windowOpening, type DeliveryWindow } from '../../domain/reminders/delivery-window.js';
import { deliveryWindowOf } from '../../domain/reminders/reminder-settings.js';
import { followUpReminder } from '../../domain/reminders/follow-up-reminders.js';
import { reportReminder } from '../../domain/reminders/report-reminders.js';
import { reviewReminder } from '../../domain/reminders/review-reminders.js';
import { calendarReminder } from '../../domain/reminders/calendar-reminder.js';
import { weeklySummaryKey, weeklySummaryNotification, weeklySummaryWeek } from '../../domain/reminders/weekly-summary.js';
import { localDateOf } from '../../lib/local-date.js';
import { dutiesOverview } from '../duties/duties-overview.js';
import type { Deps } from '../ports.js';
import type { PushRecord } from '../ports/pushes.js';
import { idsWithRole } from '../support/recipients.js';
import { planPushes } from './plan-pushes.js';

export interface PeriodicRemindersResult {
  /** Pushes recorded by this run (a repeated run records none: each key names its fact and day). */
  pushes: PushRecord[];
  /** Notifications found due, by kind, whether or not an earlier run had recorded them. */
  due: Partial<Record<Notification['kind'], number>>;
}

/**
 * The periodic duties that have no job of their own: R12 meetings, R13/R14 written reports, R15
 * visits, R17 screening reports (from the duties overview), R2 reporting periods, R26 review
 * answers, R27 call-backs, the weekly summary and R7's missing holiday schedule. Run it as often as you like: it works out
 * what is due today and records it once. Before the delivery window opens it only records
 * `extra` (notifications other jobs produced), so that a report filed at 07:00 is not reminded
 * at 08:00.
 */
export async function remindPeriodicDuties(deps: Deps, extra: readonly Notification[] = [], windowOverride?: DeliveryWindow): Promise<PeriodicRemindersResult> {
  const now = deps.clock.now();
  const window = windowOverride ?? deliveryWindowOf(await deps.config.reminderSettings());
  const today = localDateOf(now);
  const [calendar, policy] = await Promise.all([deps.config.calendar(), deps.config.deadlinePolicy()]);
  const found: Notification[] = [...extra];
  const windowOpen = now.getTime() >= windowOpening(today, window).getTime();
  if (windowOpen) found.push(...(await dutiesOverview(deps, { today })).reminders);

  return deps.uow.run(async (repos) => {
    if (windowOpen) {
      const office = await idsWithRole(repos, 'OFFICE_STAFF');
      for (const o of await repos.reminderFacts.reportingOwnerships()) {
        const n = reportReminder(o, today, calendar);
        if (n) found.push(n);
      }
      for (const r of await repos.reminderFacts.pendingReviews()) {
        const handlers = [r.ownerLeaderId, r.responsiblePersonId].filter((x): x is string => x !== null);
        const n = reviewReminder(r, today, calendar, [...office, ...handlers]);
        if (n) found.push(n);
      }
      for (const c of await repos.reminderFacts.awaitingFollowUp()) {
        const n = followUpReminder({ ...c, windowEnd: followUpWindowEnd(c.resolvedAt, calendar, policy) }, today, calendar, office);
        if (n) found.push(n);
      }
      const missingSchedule = calendarReminder(today, calendar, office);
      if (missingSchedule) found.push(missingSchedule);
      const week = weeklySummaryWeek(today, calendar);
      const readers = week ? [...office, ...(await idsWithRole(repos, 'PRINCIPAL_LEADER'))] : [];
      // The week's figures are worked out once: later sweeps of the week find its push recorded.
      if (week && readers.length > 0 && !(await repos.pushes.recorded(`${weeklySummaryKey(week.from)}|${readers[0]}`))) {
        const figures = await repos.reminderFacts.weeklyFigures(week.from, week.to, today);
        found.push(weeklySummaryNotification(figures, readers));
      }
    }
    const due: PeriodicRemindersResult['due'] = {};
    for (const n of found) due[n.kind] = (due[n.kind] ?? 0) + 1;
    const pushes = await repos.pushes.record(planPushes(found.filter((n) => n.recipientIds.length > 0), now, calendar, window));
    return { pushes, due };
  });
}
