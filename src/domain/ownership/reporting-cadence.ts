import { addDays, addMonths, type LocalDate } from '../../lib/local-date.js';
import type { ReportingCadence } from '../model.js';

export const REPORTING_CADENCE_LABELS: Record<ReportingCadence, string> = {
  DAILY: '每日报送',
  WEEKLY: '每周报送',
  BIWEEKLY: '每两周报送',
  MONTHLY: '每月报送',
};

/** R2 报送方式: the day the next progress report is due after the last one (or activation). */
export function nextReportDue(last: LocalDate, cadence: ReportingCadence): LocalDate {
  switch (cadence) {
    case 'DAILY':
      return addDays(last, 1);
    case 'WEEKLY':
      return addDays(last, 7);
    case 'BIWEEKLY':
      return addDays(last, 14);
    case 'MONTHLY':
      return addMonths(last, 1);
  }
}
