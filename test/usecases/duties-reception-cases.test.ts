import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quarterlyReport } from '../../src/db/queries/quarterly-report.js';
import { SYSTEM_SCOPE } from '../../src/domain/privacy/case-scope.js';
import { dutiesOverview } from '../../src/usecases/duties/duties-overview.js';
import { scheduleReceptionDay } from '../../src/usecases/duties/schedule-reception-day.js';
import { intakeCase } from '../../src/usecases/intake-case.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { dutyCounts } from '../support/duties.js';
import { buildTownship, intakeForm, type Township } from '../support/township.js';

// R14: a case received at a reception day (source 接访日) is linked to the day held on its receipt
// date, and the quarter counts per leader the days held up to today and the cases received there.
// One township on Monday 2026-11-02, 09:00; the tests run in order.

describe.each(['postgres', 'embedded'] as const)('R14 cases received at reception days, on %s', (kind) => {
  let t: TestDatabase;
  let town: Township;
  const days: Record<'deputyToday' | 'deputy2Today' | 'deputyLater', string> = {} as never;

  beforeAll(async () => {
    t = await freshDatabase(kind);
    town = await buildTownship(t.db, '2026-11-02T09:00:00+08:00');
    const office = town.actor(town.people.office);
    const schedule = async (leaderId: string, date: string) => (await scheduleReceptionDay(town.deps, office, { leaderId, date, location: '镇信访接待室' })).day.id;
    days.deputyToday = await schedule(town.people.deputy.id, '2026-11-02');
    days.deputyLater = await schedule(town.people.deputy.id, '2026-11-16');
  });
  afterAll(() => t.drop());

  const office = () => town.actor(town.people.office);
  const reception = (over: Record<string, unknown> = {}) => intakeForm({ source: 'RECEPTION_DAY', ...over });
  const refused = async (who: keyof Township['people'], form: Record<string, unknown>, code: string, message: string) => {
    const before = await dutyCounts(t);
    const err = await intakeCase(town.deps, town.actor(town.people[who]), form).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'DomainError', code, message });
    expect(await dutyCounts(t)).toEqual(before);
  };

  it('R14: a 接访日 case is linked to the reception day held on its receipt date', async () => {
    const { case: c } = await intakeCase(town.deps, office(), reception({ title: '接访：低保资格复核' }));
    expect(c.receptionDayId).toBe(days.deputyToday);
    // Any cadre may register it: the day is found, not chosen.
    const { case: byCadre } = await intakeCase(town.deps, town.actor(town.people.villageCadre), reception({ title: '接访：道路硬化' }));
    expect(byCadre.receptionDayId).toBe(days.deputyToday);
  });

  it('R14: when two leaders received that day, the intake names the leader; without one it is refused in Chinese and changes nothing', async () => {
    days.deputy2Today = (await scheduleReceptionDay(town.deps, office(), { leaderId: town.people.deputy2.id, date: '2026-11-02', location: '镇信访接待室' })).day.id;
    await refused('office', reception(), 'VALIDATION', '输入有误：2026-11-02有2位领导接访（孙副镇长、周副书记），请选择接访领导');
    const { case: c } = await intakeCase(town.deps, office(), reception({ title: '接访：拖欠工资', receptionLeaderId: town.people.deputy2.id }));
    expect(c.receptionDayId).toBe(days.deputy2Today);
  });

  it('R14: on a date with no reception day the intake is refused, or the office records the day by naming its leader (audited)', async () => {
    const lastFriday = { receivedAt: '2026-10-30T10:00:00+08:00' };
    await refused('office', reception(lastFriday), 'VALIDATION',
      '输入有误：2026-10-30没有安排领导接访日。若当天确有领导接访，请在「接访领导」中选择该领导，将补录当天的接访日；否则请改选其他信访来源');
    // Only the office records a reception day, and only for a town leader.
    await refused('villageCadre', reception({ ...lastFriday, receptionLeaderId: town.people.deputy.id }), 'FORBIDDEN', '2026-10-30没有孙副镇长的接访日安排，补录接访日由信访办办理');
    await refused('office', reception({ ...lastFriday, receptionLeaderId: town.people.cadre.id }), 'VALIDATION', '输入有误：吴志强不是镇级领导，不能安排接访');

    const { case: c } = await intakeCase(town.deps, office(), reception({ ...lastFriday, title: '接访：宅基地纠纷', receptionLeaderId: town.people.deputy.id }));
    const day = await t.db.prisma.receptionDay.findUniqueOrThrow({ where: { id: c.receptionDayId! } });
    expect(day).toMatchObject({ leaderId: town.people.deputy.id, date: new Date('2026-10-30T00:00:00Z') });
    const audit = await t.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'reception-day.record', entityId: day.id } });
    expect(audit.actorId).toBe(town.people.office.id);
  });

  it('R14: a day of another date, a day for another source, or an unknown day is refused', async () => {
    await refused('office', reception({ receivedAt: '2026-10-30T15:00:00+08:00', receptionDayId: days.deputy2Today }), 'VALIDATION',
      '输入有误：所选接访日是2026-11-02（周副书记），与收件日期2026-10-30不一致');
    await refused('office', intakeForm({ source: 'VISIT', receptionDayId: days.deputyToday }), 'VALIDATION', '输入有误：只有来源为「接访日」的信访事项才关联接访日');
    await refused('office', intakeForm({ source: 'VISIT', receptionLeaderId: town.people.deputy.id }), 'VALIDATION', '输入有误：只有来源为「接访日」的信访事项才关联接访日');
    await refused('office', reception({ receptionDayId: '00000000-0000-4000-8000-000000000000' }), 'NOT_FOUND', '接访日不存在');
  });

  it('R14: the quarter counts per leader the days held up to today and the cases received there; a day still to come is not held', async () => {
    const about = async (today: string) => {
      const o = await dutiesOverview(town.deps, { quarter: '2026Q4', today });
      return Object.fromEntries(o.statements.filter((s) => s.kind === 'RECEPTION_REPORT').map((s) => [s.authorId, s.about]));
    };
    const p = town.people;
    expect(await about('2026-11-02')).toEqual({ [p.deputy.id]: '接访2次，受理3件', [p.deputy2.id]: '接访1次，受理1件' });
    // On the 16th the deputy's third day has been held (with no case: it still counts).
    expect((await about('2026-11-16'))[p.deputy.id]).toBe('接访3次，受理3件');

    // The quarterly report sheet says the same.
    const report = await quarterlyReport(t.db.prisma, town.deps, { quarter: '2026Q4', today: '2026-11-02', scope: SYSTEM_SCOPE });
    expect(report.duties.statements.filter((s) => s.kind === 'RECEPTION_REPORT').map((s) => [s.authorName, s.about])).toEqual([
      ['孙副镇长', '接访2次，受理3件'],
      ['周副书记', '接访1次，受理1件'],
    ]);
  });
});
