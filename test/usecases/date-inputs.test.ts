import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { intakeCase } from '../../src/usecases/intake-case.js';
import { requestExtension } from '../../src/usecases/cases/request-extension.js';
import { recordMeeting } from '../../src/usecases/duties/record-meeting.js';
import { scheduleReceptionDay } from '../../src/usecases/duties/schedule-reception-day.js';
import { declareScreeningPeriod } from '../../src/usecases/duties/declare-screening-period.js';
import { recordFollowUp } from '../../src/usecases/follow-up/record-follow-up.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { collectiveCase, ownedCase, ownershipTerms } from '../support/flows.js';
import { proposeOwnership } from '../../src/usecases/ownership/propose-ownership.js';
import { expectRefusedUnchanged } from '../support/refusal.js';
import { resolvedCase } from '../support/resolved-case.js';
import { buildTownship, intakeForm, type Township } from '../support/township.js';

// The absurd dates a user entered on the demo township (issue 15), each refused when entered.
describe.each(['postgres', 'embedded'] as const)('dates checked when entered, on %s', (kind) => {
  let t: TestDatabase;
  let town: Township;
  beforeAll(async () => {
    t = await freshDatabase(kind);
    town = await buildTownship(t.db);
  });
  afterAll(() => t.drop());
  beforeEach(() => town.clock.set('2026-11-10T09:00:00+08:00'));

  const office = () => town.actor(town.people.office);
  const snapshot = async () => ({
    audit: await t.db.prisma.auditLog.count(),
    cases: await t.db.prisma.case.findMany({ orderBy: { id: 'asc' } }),
    extensions: await t.db.prisma.extension.count(),
    proposals: await t.db.prisma.ownershipProposal.count(),
    receptions: await t.db.prisma.receptionDay.count(),
    meetings: await t.db.prisma.meeting.count(),
    screenings: await t.db.prisma.screeningPeriod.count(),
  });
  const expectRefused = (run: () => Promise<unknown>, code: string, message: RegExp) => expectRefusedUnchanged(snapshot, run, code, message);

  it('R27/R9: 不满意 → 重新办理 with a deadline in 2099 is refused, naming the 60-day limit; a date within it is kept', async () => {
    const c = await resolvedCase(t, town, { resolvedAt: '2026-11-02T10:00:00+08:00' });
    const form = { caseId: c.id, officeRating: 'UNSATISFIED', unitRating: 'UNSATISFIED', reopen: true, reopenReason: '补偿款仍未到位' };
    // 2026-11-10 + 60 days = 2027-01-09 (Saturday) → Monday 2027-01-11
    await expectRefused(() => recordFollowUp(town.deps, office(), { ...form, reopenDueOn: '2099-01-01' }), 'DEADLINE_BEYOND_LIMIT', /重新办理时限不能晚于法定办理期限 2027-01-11（自重新办理之日起60日，R9）/);
    await expectRefused(() => recordFollowUp(town.deps, office(), { ...form, reopenDueOn: '2026-11-14' }), 'VALIDATION', /2026-11-14（星期六）是休息日，请选择工作日，如 2026-11-16（星期一）/);
    const { case: after } = await recordFollowUp(town.deps, office(), { ...form, reopenDueOn: '2027-01-11' });
    expect(after).toMatchObject({ status: 'IN_PROGRESS', dueOn: '2027-01-11', dueRule: 'R27_REOPEN' });
  });

  it('R10/R9: an extension to 2099 is refused when asked, not only capped at approval', async () => {
    // accepted 2026-11-10: 60 + 30 days → 2027-02-08
    const c = await ownedCase(town);
    const cadre = town.actor(town.people.cadre);
    await expectRefused(() => requestExtension(town.deps, cadre, { caseId: c.id, reason: '需要鉴定', requestedDueOn: '2099-01-01' }), 'DEADLINE_BEYOND_LIMIT', /申请延期至不能晚于法定最长期限 2027-02-08（受理后60日加延期30日，R9）/);
    await expectRefused(() => requestExtension(town.deps, cadre, { caseId: c.id, reason: '需要鉴定', requestedDueOn: c.dueOn! }), 'DEADLINE_IN_PAST', /申请延期至不能早于现办结时限的次日/);
    await expectRefused(() => requestExtension(town.deps, cadre, { caseId: c.id, reason: '需要鉴定', requestedDueOn: '2026-12-19' }), 'VALIDATION', /2026-12-19（星期六）是休息日/);
    const { extension } = await requestExtension(town.deps, cadre, { caseId: c.id, reason: '需要鉴定', requestedDueOn: '2026-12-21' });
    expect(extension.requestedDueOn).toBe('2026-12-21');
  });

  it('R8: an ownership deadline on a rest day is refused with the next working day offered', async () => {
    const c = await collectiveCase(town);
    await expectRefused(() => proposeOwnership(town.deps, office(), ownershipTerms(town, c.id, { deadline: '2026-11-29' })), 'VALIDATION', /办结时限 2026-11-29（星期日）是休息日，请选择工作日，如 2026-11-30（星期一）/);
  });

  it('R14: a reception day in 2099 or on a Saturday is refused; a working day within the year is scheduled', async () => {
    const leaderId = town.people.deputy.id;
    await expectRefused(() => scheduleReceptionDay(town.deps, office(), { leaderId, date: '2099-06-01', location: '接待室' }), 'VALIDATION', /接访日期不能晚于一年后 2027-11-11/);
    await expectRefused(() => scheduleReceptionDay(town.deps, office(), { leaderId, date: '2026-11-14', location: '接待室' }), 'VALIDATION', /2026-11-14（星期六）是休息日，请选择工作日，如 2026-11-16（星期一）/);
    await expectRefused(() => scheduleReceptionDay(town.deps, office(), { leaderId, date: '2026-11-09', location: '接待室' }), 'VALIDATION', /接访日期不能早于今天 2026-11-10/);
    const { day } = await scheduleReceptionDay(town.deps, office(), { leaderId, date: '2026-11-16', location: '接待室' });
    expect(day.date).toBe('2026-11-16');
  });

  it('R12: a meeting is recorded after it was held, and not more than a year back', async () => {
    const meeting = { topic: '研究重大疑难信访事项', decisions: '由分管领导牵头化解', attendees: ['王书记'] };
    await expectRefused(() => recordMeeting(town.deps, office(), { ...meeting, date: '2026-11-11' }), 'VALIDATION', /会议日期不能晚于今天 2026-11-10（请在会后记录）/);
    await expectRefused(() => recordMeeting(town.deps, office(), { ...meeting, date: '2024-03-01' }), 'VALIDATION', /会议日期不能早于一年前的 2025-11-09/);
  });

  it('R9: a petition received more than a year ago is not registered by hand', async () => {
    await expectRefused(() => intakeCase(town.deps, office(), intakeForm({ receivedAt: '2024-01-05T09:00:00+08:00' })), 'VALIDATION', /收件日期不能早于一年前的 2025-11-09（更早的记录请由信访办导入）/);
  });

  it('R17: a screening period cannot start years ahead', async () => {
    await expectRefused(
      () => declareScreeningPeriod(town.deps, office(), { name: '春节前排查', kind: 'SENSITIVE', startsOn: '2099-01-01', endsOn: '2099-01-31', reportDueOn: '2099-02-05', unitIds: [town.units.justice] }),
      'VALIDATION',
      /开始日期不能晚于一年后（2027-11-11）/,
    );
  });
});
