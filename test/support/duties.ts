import type { TestDatabase } from './database.js';
import type { Township } from './township.js';
import { intakeCase } from '../../src/usecases/intake-case.js';
import { toDbDate, type LocalDate } from '../../src/lib/local-date.js';
import { intakeForm } from './township.js';

/** Row counts of every table the duties (R12–R17) write, plus cases and the audit log. */
export async function dutyCounts(t: TestDatabase) {
  const p = t.db.prisma;
  return {
    meetings: await p.meeting.count(),
    meetingCases: await p.meetingCase.count(),
    statements: await p.writtenStatement.count(),
    submitted: await p.writtenStatement.count({ where: { submittedAt: { not: null } } }),
    receptionDays: await p.receptionDay.count(),
    visits: await p.villageVisit.count(),
    casesWithVisit: await p.case.count({ where: { visitId: { not: null } } }),
    sentiments: await p.sentimentReport.count(),
    converted: await p.sentimentReport.count({ where: { caseId: { not: null } } }),
    periods: await p.screeningPeriod.count(),
    periodUnits: await p.screeningPeriodUnit.count(),
    unitReports: await p.unitReport.count(),
    cases: await p.case.count(),
    audit: await p.auditLog.count(),
  };
}

/** A case owned by `leaderId`, in progress, with the given deadline: set directly, as a row factory. */
export async function ownedCase(t: TestDatabase, town: Township, leaderId: string, dueOn: LocalDate, extra: Record<string, unknown> = {}) {
  const { case: c } = await intakeCase(town.deps, town.actor(town.people.office), intakeForm({ title: `包案件${dueOn}` }));
  await t.db.prisma.case.update({
    where: { id: c.id },
    data: { ownerLeaderId: leaderId, status: 'IN_PROGRESS', dueOn: toDbDate(dueOn), ...extra },
  });
  return c;
}
