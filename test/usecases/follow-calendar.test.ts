import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSystemJobs } from '../../src/jobs/system-jobs.js';
import { fromDbDate } from '../../src/lib/local-date.js';
import { followCalendar } from '../../src/usecases/cases/follow-calendar.js';
import { intakeCase } from '../../src/usecases/intake-case.js';
import { removeCalendarOverride, setCalendarOverride } from '../../src/usecases/settings/set-calendar-override.js';
import { updateDeadlinePolicy } from '../../src/usecases/settings/update-deadline-policy.js';
import { captureLogger } from '../support/capture-logger.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { resolvedCase } from '../support/resolved-case.js';
import { buildTownship, intakeForm, type Township } from '../support/township.js';

const TODAY = '2026-12-24T10:00:00+08:00';

describe.each(['postgres', 'embedded'] as const)('running deadlines follow the working calendar on %s', (kind) => {
  let t: TestDatabase;
  let town: Township;
  beforeAll(async () => {
    t = await freshDatabase(kind);
    town = await buildTownship(t.db, TODAY);
  });
  afterAll(() => t.drop());

  const office = () => town.actor(town.people.office);
  /** A general case taken on a visit (R7: 15 working days), received at `at`; the clock goes back to today. */
  const intakeOn = async (at: string) => {
    town.clock.set(at);
    const { case: c } = await intakeCase(town.deps, office(), intakeForm());
    town.clock.set(TODAY);
    return c;
  };
  const stored = async (caseId: string) => {
    const row = await t.db.prisma.case.findUniqueOrThrow({ where: { id: caseId } });
    return { dueOn: row.dueOn && fromDbDate(row.dueOn), dueRule: row.dueRule };
  };

  it('R7: the first run (after an upgrade) moves deadlines stored with the built-in calendar alone, then keeps the calendar it followed', async () => {
    const before = await intakeOn(TODAY); // due 2027-01-14
    // A day entered before deadlines followed the calendar: cases taken in since counted it, older ones did not.
    await t.db.prisma.calendarOverride.create({ data: { date: new Date('2027-01-01T00:00:00Z'), isWorkingDay: false } });
    const since = await intakeOn(TODAY);
    expect([before.dueOn, since.dueOn]).toEqual(['2027-01-14', '2027-01-15']);
    const first = await followCalendar(town.deps);
    expect(first.moved).toEqual([{ caseId: before.id, number: before.number, from: '2027-01-14', to: '2027-01-15' }]);
    expect(await t.db.prisma.setting.findUnique({ where: { key: 'calendar.followed' } })).not.toBeNull();
    // Unchanged since: nothing is computed again.
    expect(await followCalendar(town.deps)).toEqual({ checkedCaseIds: [], moved: [] });
    // The day taken out again (as a newer built-in schedule could): both follow, from the calendar followed.
    await t.db.prisma.calendarOverride.delete({ where: { date: new Date('2027-01-01T00:00:00Z') } });
    const back = await followCalendar(town.deps);
    expect(back.moved.map((m) => [m.caseId, m.to])).toEqual(expect.arrayContaining([[before.id, '2027-01-14'], [since.id, '2027-01-14']]));
  });

  it('R7: a holiday added for next year moves the running deadline of an open case, audited; removing it moves it back', async () => {
    const c = await intakeOn(TODAY);
    expect(c.dueOn).toBe('2027-01-14');
    const { moved } = await setCalendarOverride(town.deps, office(), { date: '2027-01-01', isWorkingDay: false, note: '2027年元旦' });
    expect(moved).toContainEqual({ caseId: c.id, number: c.number, from: '2027-01-14', to: '2027-01-15' });
    expect(await stored(c.id)).toEqual({ dueOn: '2027-01-15', dueRule: 'R7_GENERAL' });
    const audit = await t.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'case.deadline_followed_calendar', caseId: c.id } });
    expect(audit.actorId).toBeNull();
    expect(audit.reason).toBe('R7 工作日历调整');
    expect(JSON.parse(audit.before!)).toEqual({ dueOn: '2027-01-14', dueRule: 'R7_GENERAL' });
    expect(JSON.parse(audit.after!)).toEqual({ dueOn: '2027-01-15', dueRule: 'R7_GENERAL' });

    const back = await removeCalendarOverride(town.deps, office(), { date: '2027-01-01' });
    expect(back.moved).toContainEqual({ caseId: c.id, number: c.number, from: '2027-01-15', to: '2027-01-14' });
    expect(await stored(c.id)).toEqual({ dueOn: '2027-01-14', dueRule: 'R7_GENERAL' });
  });

  it('R7: a passed deadline, a resolved case and an R27 reopening date stay; a running one moves, once', async () => {
    const passed = await intakeOn('2026-12-01T10:00:00+08:00');
    const running = await intakeOn('2026-12-09T10:00:00+08:00');
    const reopened = await intakeOn('2026-12-09T10:00:00+08:00');
    await t.db.prisma.case.update({ where: { id: reopened.id }, data: { dueRule: 'R27_REOPEN' } });
    town.clock.set('2026-12-09T10:00:00+08:00');
    const resolved = await resolvedCase(t, town, { resolvedAt: '2026-12-20T10:00:00+08:00' });
    town.clock.set(TODAY);
    expect([passed.dueOn, running.dueOn, reopened.dueOn, resolved.dueOn && fromDbDate(resolved.dueOn)]).toEqual(['2026-12-22', '2026-12-30', '2026-12-30', '2026-12-30']);

    // A local holiday on Tuesday 15 December, entered late: every one of them counted over it.
    const { moved } = await setCalendarOverride(town.deps, office(), { date: '2026-12-15', isWorkingDay: false, note: '地方调整' });
    expect(moved.map((m) => m.caseId)).toEqual([running.id]);
    expect((await stored(running.id)).dueOn).toBe('2026-12-31');
    expect((await stored(passed.id)).dueOn).toBe('2026-12-22');
    expect((await stored(reopened.id)).dueOn).toBe('2026-12-30');
    expect((await stored(resolved.id)).dueOn).toBe('2026-12-30');
    // Nothing left to follow: another run (the hourly jobs) checks nothing.
    expect(await followCalendar(town.deps)).toEqual({ checkedCaseIds: [], moved: [] });
    expect(await t.db.prisma.auditLog.count({ where: { action: 'case.deadline_followed_calendar', caseId: running.id } })).toBe(1);

    await removeCalendarOverride(town.deps, office(), { date: '2026-12-15' });
    expect((await stored(running.id)).dueOn).toBe('2026-12-30');
  });

  it('R9/R7: a deadline stored before the R9 limits changed keeps its date (new limits apply from then on)', async () => {
    const before = await intakeOn(TODAY); // 15 working days: 2027-01-14
    await updateDeadlinePolicy(town.deps, office(), { generalWorkingDays: 10 });
    const after = await intakeOn(TODAY); // 10 working days: 2027-01-07
    expect([before.dueOn, after.dueOn]).toEqual(['2027-01-14', '2027-01-07']);
    const { moved } = await setCalendarOverride(town.deps, office(), { date: '2027-01-04', isWorkingDay: false });
    expect(moved.map((m) => m.caseId)).toContain(after.id);
    expect(moved.map((m) => m.caseId)).not.toContain(before.id);
    expect([(await stored(before.id)).dueOn, (await stored(after.id)).dueOn]).toEqual(['2027-01-14', '2027-01-08']);
    await removeCalendarOverride(town.deps, office(), { date: '2027-01-04' });
    await updateDeadlinePolicy(town.deps, office(), { generalWorkingDays: 15 });
  });

  it('R7: the hourly system jobs move running deadlines when the calendar changed without an edit here (a newer built-in schedule)', async () => {
    const c = await intakeOn(TODAY);
    // As if an upgrade brought the 2027 schedule: the calendar changes with no use case run.
    await t.db.prisma.calendarOverride.create({ data: { date: new Date('2027-01-05T00:00:00Z'), isWorkingDay: false } });
    const { logger } = captureLogger();
    const first = await runSystemJobs(town.deps, logger);
    expect(first.report.deadlinesMoved).toBeGreaterThanOrEqual(1);
    expect(first.movedCaseIds).toContain(c.id);
    expect((await stored(c.id)).dueOn).toBe('2027-01-15');
    const again = await runSystemJobs(town.deps, logger);
    expect(again.report.deadlinesMoved).toBe(0);
    await t.db.prisma.calendarOverride.delete({ where: { date: new Date('2027-01-05T00:00:00Z') } });
    expect((await runSystemJobs(town.deps, logger)).movedCaseIds).toContain(c.id);
    expect((await stored(c.id)).dueOn).toBe('2027-01-14');
  });
});
