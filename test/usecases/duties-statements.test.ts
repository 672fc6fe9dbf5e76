import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openQuarterlyStatementDuties } from '../../src/usecases/duties/open-quarterly-statement-duties.js';
import { submitStatement } from '../../src/usecases/duties/submit-statement.js';
import { scheduleReceptionDay } from '../../src/usecases/duties/schedule-reception-day.js';
import { listReceptionDays } from '../../src/usecases/duties/list-reception-days.js';
import { dutiesOverview } from '../../src/usecases/duties/duties-overview.js';
import { intakeCase } from '../../src/usecases/intake-case.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { dutyCounts, ownedCase } from '../support/duties.js';
import { buildTownship, intakeForm, type Township } from '../support/township.js';

describe.each(['postgres', 'embedded'] as const)('R13/R14 written duties on %s', (kind) => {
  let t: TestDatabase;
  let town: Township;
  beforeAll(async () => {
    t = await freshDatabase(kind);
    town = await buildTownship(t.db, '2026-10-09T09:00:00+08:00');
  });
  afterAll(() => t.drop());

  it('R14: the office schedules reception days; a leader cannot have two on one day', async () => {
    const office = town.actor(town.people.office);
    const { day, notifications } = await scheduleReceptionDay(town.deps, office, { leaderId: town.people.deputy.id, date: '2026-10-12', location: '镇信访接待室' });
    expect(day).toMatchObject({ leaderId: town.people.deputy.id, date: '2026-10-12', location: '镇信访接待室' });
    expect(notifications[0]).toMatchObject({ kind: 'DUTY_OPENED', recipientIds: [town.people.deputy.id] });
    await scheduleReceptionDay(town.deps, office, { leaderId: town.people.deputy2.id, date: '2026-10-12', location: '镇信访接待室' });
    const before = await dutyCounts(t);
    await expect(scheduleReceptionDay(town.deps, office, { leaderId: town.people.deputy.id, date: '2026-10-12', location: '会议室' }))
      .rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await dutyCounts(t)).toEqual(before);
  });

  it.each([
    ['a non-office person', 'deputy', {}, 'FORBIDDEN'],
    ['a day in the past', 'office', { date: '2026-10-08' }, 'VALIDATION'],
    ['a person who is not a leader', 'office', { leaderId: 'cadre' }, 'VALIDATION'],
    ['an unknown leader', 'office', { leaderId: '00000000-0000-4000-8000-000000000000' }, 'UNKNOWN_PERSON'],
    ['no location', 'office', { location: '' }, 'VALIDATION'],
  ] as const)('R14: scheduling with %s is refused and nothing is written', async (_label, who, over, code) => {
    const before = await dutyCounts(t);
    const leaderId = 'leaderId' in over ? (over.leaderId === 'cadre' ? town.people.cadre.id : over.leaderId) : town.people.mayor.id;
    const err = await scheduleReceptionDay(town.deps, town.actor(town.people[who]), { date: '2026-10-20', location: '接待室', ...over, leaderId })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'DomainError', code });
    expect(await dutyCounts(t)).toEqual(before);
  });

  it('R14: every cadre may read the schedule, with the cases received per day', async () => {
    const day = (await t.db.prisma.receptionDay.findFirst({ where: { leaderId: town.people.deputy.id } }))!;
    town.clock.set('2026-10-12T10:00:00+08:00');
    await intakeCase(town.deps, town.actor(town.people.office), intakeForm({ source: 'RECEPTION_DAY', receptionDayId: day.id }));
    const { days } = await listReceptionDays(town.deps, town.actor(town.people.cadre), { from: '2026-10-01', to: '2026-10-31' });
    expect(days.map((d) => [d.leaderName, d.date, d.caseCount])).toEqual([
      ['孙副镇长', '2026-10-12', 1],
      ['周副书记', '2026-10-12', 0],
    ]);
    await expect(listReceptionDays(town.deps, town.actor(town.people.cadre), { from: '2026-10-31', to: '2026-10-01' })).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('R13/R14: the quarterly job opens one explanation per overdue owned case and one report per reception leader, once', async () => {
    town.clock.set('2026-11-02T09:00:00+08:00');
    const overdue = await ownedCase(t, town, town.people.approver.id, '2026-10-30');
    await ownedCase(t, town, town.people.approver.id, '2026-11-20'); // not overdue yet
    await ownedCase(t, town, town.people.areaLeader.id, '2026-10-01', { status: 'RESOLVED', resolvedAt: new Date('2026-10-01T10:00:00+08:00') });
    const before = await dutyCounts(t);
    const first = await openQuarterlyStatementDuties(town.deps, '2026Q4');
    expect(first.opened.map((s) => [s.kind, s.authorId, s.caseId, s.dueOn])).toEqual(expect.arrayContaining([
      ['OVERDUE_EXPLANATION', town.people.approver.id, overdue.id, '2026-12-31'],
      ['RECEPTION_REPORT', town.people.deputy.id, null, '2026-12-31'],
      ['RECEPTION_REPORT', town.people.deputy2.id, null, '2026-12-31'],
    ]));
    expect(first.opened).toHaveLength(3);
    expect(first.notifications.map((n) => n.kind)).toEqual(['DUTY_OPENED', 'DUTY_OPENED', 'DUTY_OPENED']);
    const audits = await t.db.prisma.auditLog.findMany({ where: { action: 'statement.open' } });
    expect(audits).toHaveLength(3);
    expect(audits.every((a) => a.channel === 'SYSTEM' && a.actorId === null)).toBe(true);
    const again = await openQuarterlyStatementDuties(town.deps, '2026Q4');
    expect(again).toMatchObject({ opened: [], existing: 3, notifications: [] });
    expect((await dutyCounts(t)).statements).toBe(before.statements + 3);
    expect((await dutyCounts(t)).audit).toBe(before.audit + 3);
  });

  it('R13: two job runs at the same time open each duty once', async () => {
    await ownedCase(t, town, town.people.deputy.id, '2026-10-20');
    const [a, b] = await Promise.all([openQuarterlyStatementDuties(town.deps, '2026Q4'), openQuarterlyStatementDuties(town.deps, '2026Q4')]);
    expect(a.opened.length + b.opened.length).toBe(1);
  });

  it('R13: the due date offset is configurable; a bad quarter or offset is refused', async () => {
    await ownedCase(t, town, town.people.deputy2.id, '2026-10-21');
    const r = await openQuarterlyStatementDuties(town.deps, '2026Q4', { dueOffsetDays: 10 });
    expect(r.opened.map((s) => s.dueOn)).toEqual(['2027-01-10']);
    const before = await dutyCounts(t);
    await expect(openQuarterlyStatementDuties(town.deps, '2026-Q4')).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(openQuarterlyStatementDuties(town.deps, '2026Q4', { dueOffsetDays: -1 })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await openQuarterlyStatementDuties(town.deps, '2027Q1')).toMatchObject({ opened: [] });
    expect(await dutyCounts(t)).toEqual(before);
  });

  it('R13: only the author submits a statement, once; it reaches the standing committee', async () => {
    const s = (await t.db.prisma.writtenStatement.findFirst({ where: { kind: 'OVERDUE_EXPLANATION', authorId: town.people.approver.id } }))!;
    const before = await dutyCounts(t);
    await expect(submitStatement(town.deps, town.actor(town.people.office), { statementId: s.id, content: '代写' }))
      .rejects.toMatchObject({ code: 'FORBIDDEN', message: '书面材料只能由本人提交' });
    await expect(submitStatement(town.deps, town.actor(town.people.approver), { statementId: s.id, content: '   ' }))
      .rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(submitStatement(town.deps, town.actor(town.people.approver), { statementId: '00000000-0000-4000-8000-000000000000', content: '说明' }))
      .rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await dutyCounts(t)).toEqual(before);

    const { statement, late, notifications } = await submitStatement(town.deps, town.actor(town.people.approver), {
      statementId: s.id, content: '因补偿标准需县里批复，逾期未结，预计12月中旬办结。',
    });
    expect(statement.submittedAt).not.toBeNull();
    expect(late).toBe(false);
    expect(notifications[0]!.kind).toBe('STATEMENT_SUBMITTED');
    expect(notifications[0]!.recipientIds).toEqual([town.people.secretary.id]); // the standing committee, less the author
    const mid = await dutyCounts(t);
    await expect(submitStatement(town.deps, town.actor(town.people.approver), { statementId: s.id, content: '再交一次' }))
      .rejects.toMatchObject({ code: 'ALREADY_DONE' });
    expect(await dutyCounts(t)).toEqual(mid);
    expect((await t.db.prisma.writtenStatement.findUnique({ where: { id: s.id } }))!.content).toContain('12月中旬');
  });

  it('R14: a reception report goes to the principal leaders; submitted after its due date it is late', async () => {
    const s = (await t.db.prisma.writtenStatement.findFirst({ where: { kind: 'RECEPTION_REPORT', authorId: town.people.deputy.id } }))!;
    town.clock.set('2027-01-04T09:00:00+08:00');
    const { late, notifications } = await submitStatement(town.deps, town.actor(town.people.deputy), { statementId: s.id, content: '本季度接访1次，受理1件，已办结。' });
    expect(late).toBe(true);
    expect(notifications[0]!.recipientIds.sort()).toEqual([town.people.secretary.id, town.people.mayor.id].sort());
    town.clock.set('2026-11-02T09:00:00+08:00');
  });

  it('R13/R14: the overview lists the quarter\'s written duties, submitted or not, and reminds near the due date', async () => {
    const o = await dutiesOverview(town.deps, { quarter: '2026Q4', today: '2026-12-29' });
    const approver = o.statements.filter((s) => s.authorId === town.people.approver.id);
    // The case due 11-20 fell overdue after the job ran: owed, but not opened yet (the next run opens it).
    expect(approver.map((s) => [s.submittedAt !== null, s.statementId !== null])).toEqual(expect.arrayContaining([[true, true], [false, false]]));
    const open = o.statements.filter((s) => s.submittedAt === null && s.statementId !== null);
    expect(open.map((s) => s.authorId).sort()).toEqual([town.people.deputy.id, town.people.deputy2.id, town.people.deputy2.id].sort());
    expect(o.reminders.filter((n) => n.kind === 'STATEMENT_REMINDER').map((n) => n.recipientIds[0]).sort())
      .toEqual([town.people.deputy.id, town.people.deputy2.id].sort()); // the one due 2027-01-10 is not near yet
    expect(o.pending.filter((p) => p.rule === 'R13' || p.rule === 'R14')).toHaveLength(4);
  });
});
