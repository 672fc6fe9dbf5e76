import { DomainError } from '../errors.js';

/** R19 稳控属地、解决属事: the territorial unit keeps things stable, the functional unit solves the problem. */
export type MultiUnitRole = 'TERRITORIAL' | 'FUNCTIONAL';

export const MULTI_UNIT_DUTY_LABELS: Record<MultiUnitRole, string> = {
  TERRITORIAL: '属地单位：负责稳控',
  FUNCTIONAL: '属事单位：负责解决问题',
};

export interface UnitDuty {
  unitId: string;
  role: MultiUnitRole;
  duty: 'STABILITY_CONTROL' | 'SOLVING';
  label: string;
  /** Latest progress entry of this unit within the period. */
  lastReportAt: Date | null;
}

export interface MultiUnitReview {
  duties: UnitDuty[];
  /** Units that reported no progress within the period. */
  silentUnitIds: string[];
}

/**
 * R19: both units' duties on a case and which of them has not reported progress between
 * `from` and `to` (both included). One unit named for both roles holds both duties.
 */
export function multiUnitDuties(
  c: { territorialUnitId: string | null; functionalUnitId: string | null },
  progress: readonly { unitId: string | null; createdAt: Date }[],
  period: { from: Date; to: Date },
): MultiUnitReview {
  if (!c.territorialUnitId || !c.functionalUnitId) {
    throw new DomainError('VALIDATION', '多单位案件须同时明确属地单位（稳控）和属事单位（解决）');
  }
  if (period.from.getTime() > period.to.getTime()) {
    throw new DomainError('VALIDATION', '检查期间有误：开始时间晚于结束时间');
  }
  const lastReport = (unitId: string): Date | null => {
    const times = progress
      .filter((p) => p.unitId === unitId && p.createdAt >= period.from && p.createdAt <= period.to)
      .map((p) => p.createdAt.getTime());
    return times.length ? new Date(Math.max(...times)) : null;
  };
  const duties: UnitDuty[] = [
    { unitId: c.territorialUnitId, role: 'TERRITORIAL', duty: 'STABILITY_CONTROL', label: MULTI_UNIT_DUTY_LABELS.TERRITORIAL, lastReportAt: lastReport(c.territorialUnitId) },
    { unitId: c.functionalUnitId, role: 'FUNCTIONAL', duty: 'SOLVING', label: MULTI_UNIT_DUTY_LABELS.FUNCTIONAL, lastReportAt: lastReport(c.functionalUnitId) },
  ];
  return { duties, silentUnitIds: [...new Set(duties.filter((d) => d.lastReportAt === null).map((d) => d.unitId))] };
}
