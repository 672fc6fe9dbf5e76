import { fromDbDate, localDateOf, startOfLocalDate, toDbDate } from '../../lib/local-date.js';
import type * as db from '../../generated/prisma/client.js';
import { POOR_WORK_ESCALATION_REASONS } from '../../domain/assessment/entries.js';
import type { AssessmentRule } from '../../domain/assessment/rules.js';
import type { SheetEntry } from '../../domain/assessment/sheet.js';
import type { AssessmentFactsRepo, AssessmentRepo } from '../../usecases/ports/assessment.js';
import type { Tx } from './tx.js';

const ASSESSED_KINDS = ['DEPARTMENT', 'VILLAGE_COMMITTEE', 'OTHER'] as const;

const toRule = (r: db.AssessmentRule): AssessmentRule => ({ code: r.code, label: r.label, points: Number(r.points), active: r.active });

/** The instants a calendar year spans in Beijing time. */
const yearSpan = (year: number) => ({ gte: startOfLocalDate(`${year}-01-01`), lt: startOfLocalDate(`${year + 1}-01-01`) });
const yearDates = (year: number) => ({ gte: toDbDate(`${year}-01-01`), lte: toDbDate(`${year}-12-31`) });

async function caseNumbers(tx: Tx, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((i): i is string => i !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await tx.case.findMany({ where: { id: { in: wanted } }, select: { id: true, number: true } });
  return new Map(rows.map((r) => [r.id, r.number]));
}

export function assessmentRepo(tx: Tx): AssessmentRepo {
  const entriesWhere = async (where: db.Prisma.AssessmentEntryWhereInput): Promise<SheetEntry[]> => {
    const rows = await tx.assessmentEntry.findMany({ where, orderBy: [{ occurredOn: 'asc' }, { recordedAt: 'asc' }] });
    const numbers = await caseNumbers(tx, rows.map((r) => r.caseId));
    return rows.map((r) => ({
      id: r.id,
      unitId: r.unitId,
      ruleCode: r.ruleCode,
      points: Number(r.points),
      unqualified: r.unqualified,
      evidence: r.evidence,
      occurredOn: fromDbDate(r.occurredOn),
      caseId: r.caseId,
      caseNumber: r.caseId ? (numbers.get(r.caseId) ?? null) : null,
    }));
  };
  return {
    async ensureRules(defaults) {
      await tx.assessmentRule.createMany({ data: defaults.map((r) => ({ ...r })), skipDuplicates: true });
    },
    async rules() {
      return (await tx.assessmentRule.findMany({ orderBy: { code: 'asc' } })).map(toRule);
    },
    async rule(code) {
      const row = await tx.assessmentRule.findUnique({ where: { code } });
      return row ? toRule(row) : null;
    },
    async updateRule(code, patch) {
      return toRule(await tx.assessmentRule.update({ where: { code }, data: patch }));
    },
    async record(drafts, at) {
      if (drafts.length === 0) return [];
      return tx.assessmentEntry.createManyAndReturn({
        data: drafts.map((d) => ({ ...d, occurredOn: toDbDate(d.occurredOn), recordedAt: at })),
        skipDuplicates: true,
        select: { id: true, sourceKey: true },
      });
    },
    async entryBySourceKey(sourceKey) {
      return (await entriesWhere({ sourceKey }))[0] ?? null;
    },
    async entries(year) {
      return entriesWhere({ year });
    },
    async assessedUnits(year) {
      return tx.unit.findMany({
        where: { OR: [{ kind: { in: [...ASSESSED_KINDS] } }, { assessmentEntries: { some: { year } } }] },
        select: { id: true, name: true, kind: true },
        orderBy: { name: 'asc' },
      });
    },
  };
}

export function assessmentFactsRepo(tx: Tx): AssessmentFactsRepo {
  return {
    async screeningDuties(year) {
      const duties = await tx.screeningPeriodUnit.findMany({
        where: { period: { reportDueOn: yearDates(year) } },
        include: { period: true },
      });
      const periodIds = [...new Set(duties.map((d) => d.periodId))];
      const reports = periodIds.length
        ? await tx.unitReport.findMany({ where: { periodId: { in: periodIds } }, select: { periodId: true, unitId: true, submittedAt: true, late: true } })
        : [];
      const byDuty = new Map(reports.map((r) => [`${r.periodId}|${r.unitId}`, r]));
      return duties.map((d) => {
        const report = byDuty.get(`${d.periodId}|${d.unitId}`);
        return {
          periodId: d.periodId,
          periodName: d.period.name,
          kind: d.period.kind,
          reportDueOn: fromDbDate(d.period.reportDueOn),
          unitId: d.unitId,
          report: report ? { submittedAt: report.submittedAt, late: report.late } : null,
        };
      });
    },
    async deadlineFacts(year) {
      // A case first overdue in the year has its overdue day, or its deadline the day before, in it.
      const rows = await tx.case.findMany({
        where: {
          unitId: { not: null },
          OR: [{ overdueOn: yearDates(year) }, { dueOn: { gte: toDbDate(`${year - 1}-12-31`), lte: toDbDate(`${year}-12-30`) } }],
        },
        select: { id: true, number: true, title: true, unitId: true, dueOn: true, overdueOn: true, resolvedAt: true },
      });
      return rows.map((r) => ({
        ...r,
        dueOn: r.dueOn ? fromDbDate(r.dueOn) : null,
        overdueOn: r.overdueOn ? fromDbDate(r.overdueOn) : null,
      }));
    },
    async unitRatings(year) {
      const rows = await tx.followUp.findMany({
        where: { recordedAt: yearSpan(year) },
        include: { case: { select: { number: true, unitId: true } } },
      });
      return rows.map((r) => ({
        followUpId: r.id,
        caseId: r.caseId,
        caseNumber: r.case.number,
        unitId: r.case.unitId,
        unitRating: r.unitRating,
        recordedAt: r.recordedAt,
      }));
    },
    async escalationFacts(year) {
      const rows = await tx.accountabilityFact.findMany({ where: { reason: { in: [...POOR_WORK_ESCALATION_REASONS] }, unitId: { not: null }, recordedAt: yearSpan(year) } });
      const numbers = await caseNumbers(tx, rows.map((r) => r.caseId));
      return rows.map((r) => ({
        factId: r.id,
        unitId: r.unitId,
        caseId: r.caseId,
        caseNumber: r.caseId ? (numbers.get(r.caseId) ?? null) : null,
        detail: r.detail,
        recordedAt: r.recordedAt,
      }));
    },
    async ownershipReporting(year, until) {
      const span = yearSpan(year);
      const rows = await tx.caseOwnership.findMany({
        where: { activeFrom: { lt: span.lt }, OR: [{ endedAt: null }, { endedAt: { gte: span.gte } }] },
        include: { case: { select: { number: true, resolvedAt: true } } },
      });
      const caseIds = [...new Set(rows.map((r) => r.caseId))];
      const progress = caseIds.length
        ? await tx.progressEntry.findMany({
            where: { caseId: { in: caseIds }, createdAt: { lt: startOfLocalDate(until) } },
            select: { caseId: true, createdAt: true },
          })
        : [];
      return rows.map((o) => {
        const stops = [o.endedAt, o.case.resolvedAt].filter((d): d is Date => d !== null);
        return {
          ownershipId: o.id,
          caseId: o.caseId,
          caseNumber: o.case.number,
          unitId: o.unitId,
          cadence: o.reportingCadence,
          activeFrom: o.activeFrom,
          stoppedAt: stops.length ? new Date(Math.min(...stops.map((d) => d.getTime()))) : null,
          reportedOn: progress.filter((p) => p.caseId === o.caseId).map((p) => localDateOf(p.createdAt)),
        };
      });
    },
  };
}
