import { addDays, addMonths, type LocalDate } from '../../lib/local-date.js';
import type { ReportingCadence } from '../model.js';

export const REPORTING_CADENCE_LABELS: Record<ReportingCadence, string> = {
  DAILY: '每日报送',
  WEEKLY: '每周报送',
  BIWEEKLY: '每两周报送',
  MONTHLY: '每月报送',
};

/** R2 报送方式: the last day of the k-th reporting period (k ≥ 1) counted from activation. */
export function nthReportDue(start: LocalDate, cadence: ReportingCadence, k: number): LocalDate {
  switch (cadence) {
    case 'DAILY':
      return addDays(start, k);
    case 'WEEKLY':
      return addDays(start, 7 * k);
    case 'BIWEEKLY':
      return addDays(start, 14 * k);
    case 'MONTHLY':
      return addMonths(start, k);
  }
}

/**
 * The reporting period that `today` falls in: it starts the day after the previous period's
 * last day (the first one on the activation day) and must hold one progress entry by `dueOn`.
 */
export function reportingPeriodOn(start: LocalDate, cadence: ReportingCadence, today: LocalDate): { k: number; from: LocalDate; dueOn: LocalDate } {
  let k = 1;
  let from = start;
  // Jump close first: a daily cadence active for years must not walk day by day.
  if (cadence !== 'MONTHLY' && today > start) {
    const step = cadence === 'DAILY' ? 1 : cadence === 'WEEKLY' ? 7 : 14;
    const days = Math.floor((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000);
    k = Math.max(1, Math.floor(days / step));
    from = k === 1 ? start : addDays(nthReportDue(start, cadence, k - 1), 1);
  }
  for (;;) {
    const dueOn = nthReportDue(start, cadence, k);
    if (dueOn >= today) return { k, from, dueOn };
    from = addDays(dueOn, 1);
    k += 1;
  }
}
