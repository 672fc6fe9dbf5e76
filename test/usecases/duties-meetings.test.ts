import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordMeeting } from '../../src/usecases/duties/record-meeting.js';
import { dutiesOverview } from '../../src/usecases/duties/duties-overview.js';
import { intakeCase } from '../../src/usecases/intake-case.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { dutyCounts } from '../support/duties.js';
import { buildTownship, intakeForm, type Township } from '../support/township.js';

describe.each(['postgres', 'embedded'] as const)('R12 leading-group meetings on %s', (kind) => {
  let t: TestDatabase;
  let town: Township;
  beforeAll(async () => {
    t = await freshDatabase(kind);
    town = await buildTownship(t.db, '2026-08-20T09:00:00+08:00');
  });
  afterAll(() => t.drop());

  const form = (over: Record<string, unknown> = {}) => ({
    date: '2026-08-18',
    topic: '第三季度重大疑难信访案件研究',
    decisions: '征地补偿案由孙副镇长牵头，月底前拿出方案。',
    attendees: ['赵书记', '钱镇长', '王丽华'],
    ...over,
  });

  it('R12: the office records a meeting with the cases discussed and a decision per case, audited on each case', async () => {
    const { case: c1 } = await intakeCase(town.deps, town.actor(town.people.office), intakeForm({ title: '征地补偿' }));
    const { case: c2 } = await intakeCase(town.deps, town.actor(town.people.office), intakeForm({ title: '宅基地' }));
    const { meeting, quarter } = await recordMeeting(town.deps, town.actor(town.people.office), form({
      cases: [{ caseId: c1.id, decision: '月底前拿出补偿方案' }, { caseId: c2.id }],
    }));
    expect(quarter).toBe('2026Q3');
    expect(meeting.date).toBe('2026-08-18');
    expect(meeting.cases).toEqual(expect.arrayContaining([
      { caseId: c1.id, decision: '月底前拿出补偿方案' },
      { caseId: c2.id, decision: null },
    ]));
    const audit = await t.db.prisma.auditLog.findMany({ where: { caseId: c1.id, action: 'case.studied-in-meeting' } });
    expect(audit).toHaveLength(1);
    expect(await t.db.prisma.auditLog.count({ where: { entityType: 'Meeting', entityId: meeting.id } })).toBe(1);
  });

  it('R12: a quarter with a meeting is held, one without is a gap, in the overview', async () => {
    const o = await dutiesOverview(town.deps, { quarter: '2026Q3' });
    expect(o.meetings.quarters.map((q) => [q.quarter, q.status])).toEqual([
      ['2026Q1', 'GAP'], ['2026Q2', 'GAP'], ['2026Q3', 'HELD'],
    ]);
    expect(o.meetings.gaps).toEqual(['2026Q1', '2026Q2']);
    expect(o.pending.filter((p) => p.rule === 'R12').map((p) => p.missed)).toEqual([true, true]);
  });

  it.each([
    ['a non-office person', 'deputy', {}, 'FORBIDDEN'],
    ['a principal leader', 'secretary', {}, 'FORBIDDEN'],
    ['a meeting dated in the future', 'office', { date: '2026-08-21' }, 'VALIDATION'],
    ['a case that does not exist', 'office', { cases: [{ caseId: '00000000-0000-4000-8000-000000000000' }] }, 'NOT_FOUND'],
    ['no attendee', 'office', { attendees: [] }, 'VALIDATION'],
    ['an empty decision text', 'office', { decisions: '  ' }, 'VALIDATION'],
    ['a badly formed date', 'office', { date: '2026-02-30' }, 'VALIDATION'],
  ] as const)('R12: %s is refused and nothing is written', async (_label, who, over, code) => {
    const before = await dutyCounts(t);
    const err = await recordMeeting(town.deps, town.actor(town.people[who]), form(over)).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'DomainError', code });
    expect((err as Error).message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await dutyCounts(t)).toEqual(before);
  });

  it('R12: the same case listed twice is refused with a Chinese message', async () => {
    const { case: c } = await intakeCase(town.deps, town.actor(town.people.office), intakeForm());
    const before = await dutyCounts(t);
    await expect(recordMeeting(town.deps, town.actor(town.people.office), form({ cases: [{ caseId: c.id }, { caseId: c.id }] })))
      .rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('重复') });
    expect(await dutyCounts(t)).toEqual(before);
  });
});
