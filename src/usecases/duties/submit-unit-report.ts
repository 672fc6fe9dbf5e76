import { z } from 'zod';
import { assertDutyAllowed, assertGlobalAllowed } from '../../domain/authorization.js';
import { DomainError } from '../../domain/errors.js';
import { isLateReport } from '../../domain/duties/screening.js';
import type { Actor } from '../../domain/model.js';
import type { Notification } from '../../domain/notifications.js';
import { localDateOf } from '../../lib/local-date.js';
import type { Deps } from '../ports.js';
import type { UnitReport } from '../ports/duties.js';
import { audit } from '../support/audit.js';
import { id, optionalText } from '../support/fields.js';
import { parseInput } from '../support/parse-input.js';

export const submitUnitReportInput = z
  .object({
    periodId: id,
    unitId: id.optional(),
    isZero: z.boolean({ error: '请选择是否零报告' }),
    findings: optionalText(10000),
  })
  .refine((r) => r.isZero === (r.findings === null), {
    error: '零报告不填排查情况；非零报告须填写排查情况',
    path: ['findings'],
  });

export interface SubmitUnitReportResult {
  report: UnitReport;
  notifications: Notification[];
}

/**
 * R17: a unit reports its findings, or a zero report (零报告), for a screening period; the office
 * may report on a unit's behalf. `late` is fixed at submission against the due date.
 * A second report for the same unit and period is refused: the first one, with its time and
 * lateness, is the record that assessment (R23) counts; corrections are made in a new period
 * or by the office outside this record.
 */
export async function submitUnitReport(deps: Deps, actor: Actor, raw: unknown): Promise<SubmitUnitReportResult> {
  const input = parseInput(submitUnitReportInput, raw);
  assertGlobalAllowed(actor.person, 'SUBMIT_UNIT_REPORT');
  const unitId = input.unitId ?? actor.person.unitId;
  if (!unitId) throw new DomainError('VALIDATION', '输入有误：请指定报送单位');
  assertDutyAllowed(actor.person, 'REPORT_FOR_UNIT', { unitId });
  const now = deps.clock.now();
  return deps.uow.run(async (repos) => {
    const period = await repos.screenings.period(input.periodId);
    if (!period) throw new DomainError('NOT_FOUND', '找不到该排查期', { periodId: input.periodId });
    if (!period.unitIds.includes(unitId)) throw new DomainError('VALIDATION', '输入有误：该单位不在本次排查的报送范围内', { unitId });
    if (localDateOf(now) < period.startsOn) throw new DomainError('VALIDATION', `输入有误：排查期自${period.startsOn}开始，尚不能报送`);
    const report = await repos.screenings.addReport({
      periodId: period.id,
      unitId,
      isZero: input.isZero,
      findings: input.findings,
      submittedById: actor.person.id,
      submittedAt: now,
      late: isLateReport(now, period.reportDueOn),
    });
    if (!report) throw new DomainError('ALREADY_DONE', '本单位已报送本期排查情况，不能重复报送', { periodId: period.id, unitId });
    await audit(repos, actor, now, {
      action: 'screening.report',
      entityType: 'UnitReport',
      entityId: report.id,
      after: { periodId: period.id, unitId, isZero: report.isZero, late: report.late },
    });
    return { report, notifications: [] };
  });
}
