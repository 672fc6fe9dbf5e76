import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expireFollowUps } from '../../src/usecases/follow-up/expire-follow-ups.js';
import { recordFollowUp } from '../../src/usecases/follow-up/record-follow-up.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { expectRefusedUnchanged } from '../support/refusal.js';
import { resolvedCase } from '../support/resolved-case.js';
import { buildTownship, type Township } from '../support/township.js';

describe.each(['postgres', 'embedded'] as const)('R27 follow-up on %s', (kind) => {
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
    followUps: await t.db.prisma.followUp.findMany({ orderBy: { id: 'asc' } }),
    cases: await t.db.prisma.case.findMany({ orderBy: { id: 'asc' } }),
  });
  const expectRefused = (run: () => Promise<unknown>, code: string, message: RegExp) => expectRefusedUnchanged(snapshot, run, code, message);

  it('R27: the office records two ratings, for the office and for the unit; 已办结 → 已回访, audited', async () => {
    const c = await resolvedCase(t, town, { resolvedAt: '2026-11-02T10:00:00+08:00' });
    const { followUp, case: after, notifications } = await recordFollowUp(town.deps, office(), {
      caseId: c.id,
      officeRating: 'SATISFIED',
      unitRating: 'BASICALLY_SATISFIED',
      note: '电话回访',
    });
    expect(followUp).toMatchObject({ officeRating: 'SATISFIED', unitRating: 'BASICALLY_SATISFIED', reopened: false, recordedById: town.people.office.id });
    expect(after).toMatchObject({ status: 'FOLLOWED_UP', followedUpAt: town.clock.now(), reopenCount: 0 });
    expect(notifications).toEqual([]);
    const audit = await t.db.prisma.auditLog.findMany({ where: { caseId: c.id, action: { in: ['case.follow_up', 'case.transition'] } }, orderBy: { seq: 'asc' } });
    expect(audit.map((a) => [a.action, a.reason])).toEqual([
      ['case.follow_up', 'R27 回访：对信访办满意，对责任单位基本满意'],
      ['case.transition', 'R27 回访：对信访办满意，对责任单位基本满意'],
    ]);
  });

  it('R27: 不满意 may reopen the case: 已回访 → 办理中, reopenCount + 1, audited, the workers told', async () => {
    const c = await resolvedCase(t, town, { resolvedAt: '2026-11-02T10:00:00+08:00' });
    const { followUp, case: after, notifications } = await recordFollowUp(town.deps, office(), {
      caseId: c.id,
      officeRating: 'BASICALLY_SATISFIED',
      unitRating: 'UNSATISFIED',
      reopen: true,
      reopenReason: '补偿款仍未到位',
      reopenDueOn: '2026-11-30',
    });
    expect(followUp.reopened).toBe(true);
    expect(after).toMatchObject({ status: 'IN_PROGRESS', reopenCount: 1, resolvedAt: null, dueOn: '2026-11-30', dueRule: 'R27_REOPEN', resolution: '已协调解决' });
    const transitions = await t.db.prisma.auditLog.findMany({ where: { caseId: c.id, action: 'case.transition' }, orderBy: { seq: 'asc' } });
    expect(transitions.map((a) => JSON.parse(a.after!).status)).toEqual(['FOLLOWED_UP', 'IN_PROGRESS']);
    expect(transitions[1]!.reason).toBe('R27 回访不满意，重新办理：补偿款仍未到位');
    expect(notifications).toEqual([
      expect.objectContaining({
        kind: 'CASE_REOPENED',
        urgency: 'URGENT',
        recipientIds: expect.arrayContaining([town.people.deputy.id, town.people.cadre.id, town.people.unitHead.id]),
      }),
    ]);
  });

  it('R27: 不满意 without the reopen option only records the rating', async () => {
    const c = await resolvedCase(t, town, { resolvedAt: '2026-11-02T10:00:00+08:00' });
    const { case: after } = await recordFollowUp(town.deps, office(), { caseId: c.id, officeRating: 'UNSATISFIED', unitRating: 'UNSATISFIED' });
    expect(after).toMatchObject({ status: 'FOLLOWED_UP', reopenCount: 0 });
  });

  it('R27: refusals — reopen without 不满意, not resolved, twice, after the window, not the office, bad ratings — change nothing', async () => {
    const c = await resolvedCase(t, town, { resolvedAt: '2026-11-02T10:00:00+08:00' });
    const form = { caseId: c.id, officeRating: 'SATISFIED', unitRating: 'SATISFIED' };
    await expectRefused(() => recordFollowUp(town.deps, office(), { ...form, reopen: true }), 'VALIDATION', /只有信访人表示「不满意」时才能重新办理/);
    await expectRefused(() => recordFollowUp(town.deps, office(), { ...form, reopenReason: '想重办' }), 'VALIDATION', /未选择重新办理/);
    await expectRefused(() => recordFollowUp(town.deps, town.actor(town.people.cadre), form), 'FORBIDDEN', /信访办/);
    await expectRefused(() => recordFollowUp(town.deps, office(), { ...form, unitRating: 'NOT_RATED' }), 'VALIDATION', /对责任单位的评价.*满意 \/ 基本满意 \/ 不满意/);
    await expectRefused(() => recordFollowUp(town.deps, office(), { ...form, officeRating: '很好' }), 'VALIDATION', /对信访办的评价/);
    await expectRefused(() => recordFollowUp(town.deps, office(), { ...form, officeRating: 'UNSATISFIED', reopen: true, reopenDueOn: '2026-11-01' }), 'DEADLINE_IN_PAST', /不能早于今天/);
    town.clock.set('2026-12-03T09:00:00+08:00');
    await expectRefused(() => recordFollowUp(town.deps, office(), form), 'DEADLINE_IN_PAST', /回访期限（办结后30日，截至2026-12-02）已过/);
    town.clock.set('2026-11-10T09:00:00+08:00');
    await recordFollowUp(town.deps, office(), form);
    await expectRefused(() => recordFollowUp(town.deps, office(), form), 'INVALID_TRANSITION', /只有「已办结」的案件可以回访/);
  });

  it('R27: the expiry job records 逾期未评价 for both targets once the window has passed, and only once', async () => {
    await t.db.prisma.case.updateMany({ where: { status: 'RESOLVED' }, data: { status: 'ARCHIVED' } }); // earlier tests' leftovers
    const late = await resolvedCase(t, town, { resolvedAt: '2026-10-01T10:00:00+08:00' }); // window ends 2026-11-02
    const lastDay = await resolvedCase(t, town, { resolvedAt: '2026-10-11T10:00:00+08:00' }); // 2026-11-10: still open today
    const rated = await resolvedCase(t, town, { resolvedAt: '2026-10-20T10:00:00+08:00' });
    await recordFollowUp(town.deps, office(), { caseId: rated.id, officeRating: 'SATISFIED', unitRating: 'SATISFIED' });

    const first = await expireFollowUps(town.deps);
    expect(first.expiredCaseIds).toEqual([late.id]);
    const rows = await t.db.prisma.followUp.findMany({ where: { caseId: late.id } });
    expect(rows).toEqual([expect.objectContaining({ officeRating: 'NOT_RATED', unitRating: 'NOT_RATED', recordedById: null })]);
    expect(await t.db.prisma.case.findUniqueOrThrow({ where: { id: late.id } })).toMatchObject({ status: 'FOLLOWED_UP' });
    const audit = await t.db.prisma.auditLog.findMany({ where: { caseId: late.id, action: { in: ['case.follow_up', 'case.transition'] } } });
    expect(audit.every((a) => a.channel === 'SYSTEM' && a.actorId === null && a.reason === 'R27 回访期限已过，逾期未评价')).toBe(true);
    expect(await t.db.prisma.case.findUniqueOrThrow({ where: { id: lastDay.id } })).toMatchObject({ status: 'RESOLVED' });

    const before = await snapshot();
    expect((await expireFollowUps(town.deps)).expiredCaseIds).toEqual([]);
    expect(await snapshot()).toEqual(before);

    town.clock.set('2026-11-11T09:00:00+08:00');
    expect((await expireFollowUps(town.deps)).expiredCaseIds).toEqual([lastDay.id]);
  });

  it('R27: a reopened case resolved again gets a new window and a new follow-up', async () => {
    const c = await resolvedCase(t, town, { resolvedAt: '2026-11-02T10:00:00+08:00' });
    await recordFollowUp(town.deps, office(), { caseId: c.id, officeRating: 'UNSATISFIED', unitRating: 'UNSATISFIED', reopen: true });
    await t.db.prisma.case.update({ where: { id: c.id }, data: { status: 'RESOLVED', resolvedAt: new Date('2026-11-20T10:00:00+08:00') } });
    town.clock.set('2026-12-20T09:00:00+08:00'); // within 30 days of the second resolution
    expect((await expireFollowUps(town.deps)).expiredCaseIds).not.toContain(c.id);
    const { case: after } = await recordFollowUp(town.deps, office(), { caseId: c.id, officeRating: 'SATISFIED', unitRating: 'SATISFIED' });
    expect(after).toMatchObject({ status: 'FOLLOWED_UP', reopenCount: 1 });
    expect(await t.db.prisma.followUp.count({ where: { caseId: c.id } })).toBe(2);
  });
});
