import type { LocalDate } from '../../lib/local-date.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import type { ReportingCadence } from '../model.js';
import { notification, type Notification } from '../notifications.js';
import { REPORTING_CADENCE_LABELS, reportingPeriodOn } from '../ownership/reporting-cadence.js';
import { workingDaysBefore } from './deadline-reminders.js';

export interface ReportingOwnership {
  ownershipId: string;
  caseId: string;
  caseNumber: string;
  caseTitle: string;
  leaderId: string;
  responsiblePersonId: string;
  cadence: ReportingCadence;
  activeFrom: LocalDate;
  /** The day of the case's latest progress entry, if any. */
  lastReportedOn: LocalDate | null;
}

/**
 * R2 报送方式: the reminder of the reporting period `today` falls in, when its report is not in
 * yet. It goes from the working day before the period's last day (a weekly report due on
 * Sunday is reminded on Friday) until that last day, on working days only, once per period:
 * the key names the period. A missed period becomes an assessment fact (R23) elsewhere.
 */
export function reportReminder(o: ReportingOwnership, today: LocalDate, calendar: WorkingCalendar): Notification | null {
  if (today < o.activeFrom || !calendar.isWorkingDay(today)) return null;
  const period = reportingPeriodOn(o.activeFrom, o.cadence, today);
  if (o.lastReportedOn !== null && o.lastReportedOn >= period.from) return null;
  const dayBefore = workingDaysBefore(period.dueOn, 1, calendar);
  const remindFrom = dayBefore < period.from ? period.from : dayBefore;
  if (today < remindFrom) return null;
  return notification({
    kind: 'REPORT_REMINDER',
    key: `report:${o.ownershipId}:${period.dueOn}`,
    urgency: 'NORMAL',
    recipientIds: [o.leaderId, o.responsiblePersonId],
    caseId: o.caseId,
    title: `${o.caseNumber} 请报送办理进展`,
    body:
      `案件「${o.caseTitle}」的报送方式为${REPORTING_CADENCE_LABELS[o.cadence]}，` +
      `本期（${period.from} 至 ${period.dueOn}）尚未报送进展。请于 ${period.dueOn} 前在案件卡片中「更新进展」，逾期未报将计入年终考核（R23）。`,
  });
}
