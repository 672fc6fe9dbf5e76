import type { LocalDate } from '../../lib/local-date.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import { notification, type Notification } from '../notifications.js';
import { mondayOf } from './weekly-summary.js';

const WHERE = '请按国务院办公厅的通知，在信访办工作台“系统管理 → 工作日历”中补录放假日（连续多天可一次填写）和调休上班日；补录后，在办案件的办理时限会随之调整。';

/**
 * R7: the next year's holiday schedule is published around November. From 1 November, while the
 * working calendar knows no special day of next year (none built in, none entered), the office is
 * reminded once a week to enter it; a year begun without one is urgent, since every deadline
 * counted over it treats its holidays as working days. A real year always has special days
 * (the Spring Festival at least), so none means the schedule is missing.
 */
export function calendarReminder(today: LocalDate, calendar: WorkingCalendar, officeIds: string[]): Notification | null {
  const year = Number(today.slice(0, 4));
  const missing = (y: number) => calendar.specialDays(`${y}-01-01`, `${y}-12-31`).length === 0;
  const week = mondayOf(today);
  if (missing(year)) {
    return notification({
      kind: 'CALENDAR_REMINDER',
      key: `calendar:${year}:${week}`,
      urgency: 'URGENT',
      recipientIds: officeIds,
      title: `尚未录入 ${year} 年放假安排`,
      body: `系统不知道 ${year} 年的法定节假日和调休上班日，本年的工作日暂按周一至周五计算，办理时限可能算错。${WHERE}`,
    });
  }
  if (today >= `${year}-11-01` && missing(year + 1)) {
    return notification({
      kind: 'CALENDAR_REMINDER',
      key: `calendar:${year + 1}:${week}`,
      urgency: 'NORMAL',
      recipientIds: officeIds,
      title: `请录入 ${year + 1} 年放假安排`,
      body: `次年放假安排一般在 11 月前后公布。系统尚未内置 ${year + 1} 年的安排，跨入 ${year + 1} 年的办理时限暂按周一至周五计算。${WHERE}`,
    });
  }
  return null;
}
