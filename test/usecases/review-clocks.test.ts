import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEADLINE_POLICY_KEY } from '../../src/domain/deadlines/deadline-policy.js';
import { answerReReview } from '../../src/usecases/review/answer-re-review.js';
import { answerReview } from '../../src/usecases/review/answer-review.js';
import { issueOpinion } from '../../src/usecases/review/issue-opinion.js';
import { requestReReview } from '../../src/usecases/review/request-re-review.js';
import { requestReview } from '../../src/usecases/review/request-review.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { expectRefusedUnchanged } from '../support/refusal.js';
import { resolvedCase } from '../support/resolved-case.js';
import { buildTownship, type Township } from '../support/township.js';

describe.each(['postgres', 'embedded'] as const)('R26 处理意见书, 复查 and 复核 on %s', (kind) => {
  let t: TestDatabase;
  let town: Township;
  beforeAll(async () => {
    t = await freshDatabase(kind);
    town = await buildTownship(t.db);
  });
  afterAll(() => t.drop());
  beforeEach(() => town.clock.set('2026-11-02T09:00:00+08:00'));

  const office = () => town.actor(town.people.office);
  const snapshot = async () => ({
    audit: await t.db.prisma.auditLog.count(),
    reviews: await t.db.prisma.caseReview.findMany({ orderBy: { id: 'asc' } }),
    cases: await t.db.prisma.case.findMany({ orderBy: { id: 'asc' } }),
  });
  const expectRefused = (run: () => Promise<unknown>, code: string, message: RegExp) => expectRefusedUnchanged(snapshot, run, code, message);
  const claimWithOpinion = async () => {
    const c = await resolvedCase(t, town, { resolvedAt: '2026-11-02T08:00:00+08:00' });
    await issueOpinion(town.deps, office(), { caseId: c.id });
    return c;
  };

  it('R26: a handled 申诉求决 case gets its 处理意见书 once; the 复查 window runs 30 days from it; the status does not change', async () => {
    const c = await resolvedCase(t, town, { resolvedAt: '2026-11-02T08:00:00+08:00' });
    const { case: issued, clocks } = await issueOpinion(town.deps, office(), { caseId: c.id, summary: '维持原处理' });
    expect(issued.opinionIssuedAt?.toISOString()).toBe(new Date('2026-11-02T09:00:00+08:00').toISOString());
    expect(issued.status).toBe('RESOLVED');
    expect(clocks).toMatchObject({ stage: 'REVIEW_WINDOW', reviewRequestBy: '2026-12-02' });
    const audit = await t.db.prisma.auditLog.findFirstOrThrow({ where: { caseId: c.id, action: 'case.opinion' } });
    expect(JSON.parse(audit.after!)).toMatchObject({ summary: '维持原处理' });
    await expectRefused(() => issueOpinion(town.deps, office(), { caseId: c.id }), 'ALREADY_DONE', /已于2026-11-02出具处理意见书/);
  });

  it('R26: no 处理意见书 for a suggestion, an unhandled case, or by anyone but the office', async () => {
    const suggestion = await resolvedCase(t, town, { resolvedAt: '2026-11-02T08:00:00+08:00', classification: 'SUGGESTION' });
    await expectRefused(() => issueOpinion(town.deps, office(), { caseId: suggestion.id }), 'CONFLICT', /只有「申诉求决」/);
    const open = await resolvedCase(t, town, { resolvedAt: '2026-11-02T08:00:00+08:00' });
    await t.db.prisma.case.update({ where: { id: open.id }, data: { status: 'IN_PROGRESS', resolvedAt: null } });
    await expectRefused(() => issueOpinion(town.deps, office(), { caseId: open.id }), 'CONFLICT', /办结后才能出具/);
    const claim = await resolvedCase(t, town, { resolvedAt: '2026-11-02T08:00:00+08:00' });
    await expectRefused(() => issueOpinion(town.deps, town.actor(town.people.deputy), { caseId: claim.id }), 'FORBIDDEN', /信访办/);
    await expectRefused(() => issueOpinion(town.deps, office(), { caseId: claim.id, issuedAt: '2026-11-01T09:00:00+08:00' }), 'VALIDATION', /不能早于办结日期/);
    await expectRefused(() => issueOpinion(town.deps, office(), { caseId: claim.id, issuedAt: '2026-12-01T09:00:00+08:00' }), 'VALIDATION', /不能晚于现在/);
  });

  it('R26: 复查 within 30 days creates the REVIEW, its answer due 30 days after the request; workers are told; status unchanged', async () => {
    const c = await claimWithOpinion();
    town.clock.set('2026-11-10T10:00:00+08:00');
    const { review, clocks, notifications } = await requestReview(town.deps, office(), { caseId: c.id, note: '信访人来信请求复查' });
    expect(review).toMatchObject({ kind: 'REVIEW', dueOn: '2026-12-10', answeredAt: null, recordedById: town.people.office.id });
    expect(clocks).toMatchObject({ stage: 'REVIEW_PENDING', reviewAnswerBy: '2026-12-10', answerOverdue: false });
    expect(notifications).toEqual([
      expect.objectContaining({ kind: 'REVIEW_REQUESTED', recipientIds: expect.arrayContaining([town.people.deputy.id, town.people.cadre.id, town.people.unitHead.id]) }),
    ]);
    const row = await t.db.prisma.case.findUniqueOrThrow({ where: { id: c.id } });
    expect(row.status).toBe('RESOLVED');
    const audit = await t.db.prisma.auditLog.findFirstOrThrow({ where: { caseId: c.id, action: 'case.review.request' } });
    expect(audit).toMatchObject({ entityType: 'CaseReview', entityId: review.id, reason: '信访人来信请求复查' });
    await expectRefused(() => requestReview(town.deps, office(), { caseId: c.id }), 'ALREADY_DONE', /正在复查中/);
  });

  it('R26: 复查 asked on the 31st day is refused with the last day named, and nothing changes', async () => {
    const c = await claimWithOpinion();
    town.clock.set('2026-12-03T10:00:00+08:00');
    await expectRefused(() => requestReview(town.deps, office(), { caseId: c.id }), 'DEADLINE_IN_PAST', /30日内提出（截至2026-12-02），已逾期，不予受理/);
    // A request that arrived in time but is recorded late counts from its arrival.
    const { review } = await requestReview(town.deps, office(), { caseId: c.id, requestedAt: '2026-12-01T16:00:00+08:00' });
    expect(review.dueOn).toBe('2026-12-31');
  });

  it('R26: 复核 only after the 复查 answer and within 30 days of it; a late answer is flagged', async () => {
    const c = await claimWithOpinion();
    await expectRefused(() => requestReReview(town.deps, office(), { caseId: c.id }), 'CONFLICT', /未经复查/);
    town.clock.set('2026-11-10T10:00:00+08:00');
    await requestReview(town.deps, office(), { caseId: c.id });
    await expectRefused(() => requestReReview(town.deps, office(), { caseId: c.id }), 'CONFLICT', /复查意见尚未作出/);
    town.clock.set('2026-12-11T10:00:00+08:00');
    const answered = await answerReview(town.deps, office(), { caseId: c.id, answer: '维持原处理意见' });
    expect(answered.late).toBe(true);
    expect(answered.clocks).toMatchObject({ stage: 'RE_REVIEW_WINDOW', reReviewRequestBy: '2027-01-11' });
    const audit = await t.db.prisma.auditLog.findFirstOrThrow({ where: { caseId: c.id, action: 'case.review.answer' } });
    expect(audit.reason).toMatch(/逾期作出（应于2026-12-10前）/);
    await expectRefused(() => answerReview(town.deps, office(), { caseId: c.id, answer: '再答一次' }), 'ALREADY_DONE', /复查意见已于2026-12-11作出/);
    town.clock.set('2026-12-20T10:00:00+08:00');
    const { review, clocks } = await requestReReview(town.deps, office(), { caseId: c.id });
    expect(review).toMatchObject({ kind: 'RE_REVIEW', dueOn: '2027-01-19' });
    expect(clocks.stage).toBe('RE_REVIEW_PENDING');
    expect(await t.db.prisma.case.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({ status: 'RESOLVED' });
  });

  it('R26: 复核 after 复核 is refused', async () => {
    const c = await claimWithOpinion();
    town.clock.set('2026-11-10T10:00:00+08:00');
    await requestReview(town.deps, office(), { caseId: c.id });
    town.clock.set('2026-11-20T10:00:00+08:00');
    await answerReview(town.deps, office(), { caseId: c.id, answer: '维持' });
    town.clock.set('2026-11-25T10:00:00+08:00');
    await requestReReview(town.deps, office(), { caseId: c.id });
    await expectRefused(() => requestReReview(town.deps, office(), { caseId: c.id }), 'ALREADY_DONE', /正在复核中/);
    town.clock.set('2026-12-01T10:00:00+08:00');
    const { clocks, late } = await answerReReview(town.deps, office(), { caseId: c.id, answer: '维持复查意见' });
    expect({ stage: clocks.stage, late }).toEqual({ stage: 'CONCLUDED', late: false });
    town.clock.set('2026-12-05T10:00:00+08:00');
    const message = /复核意见已作出。信访人对复核意见不服，仍以同一事实和理由提出的，依照《信访工作条例》不再受理/;
    await expectRefused(() => requestReReview(town.deps, office(), { caseId: c.id }), 'ALREADY_DONE', message);
    await expectRefused(() => requestReview(town.deps, office(), { caseId: c.id }), 'ALREADY_DONE', message);
    expect(await t.db.prisma.caseReview.count({ where: { caseId: c.id } })).toBe(2);
  });

  it('R26: only the office records reviews; bad input is refused in Chinese', async () => {
    const c = await claimWithOpinion();
    await expectRefused(() => requestReview(town.deps, town.actor(town.people.cadre), { caseId: c.id }), 'FORBIDDEN', /信访办/);
    await expectRefused(() => requestReview(town.deps, office(), { caseId: c.id, requestedAt: 'gestern' }), 'VALIDATION', /请求时间/);
    await expectRefused(() => requestReview(town.deps, office(), { caseId: c.id, requestedAt: '2026-12-01T00:00:00+08:00' }), 'VALIDATION', /请求时间不能晚于现在/);
    await expectRefused(() => answerReview(town.deps, office(), { caseId: c.id, answer: '' }), 'VALIDATION', /答复意见/);
    await expectRefused(() => answerReview(town.deps, office(), { caseId: c.id, answer: '无请求' }), 'NOT_FOUND', /没有复查请求/);
  });

  it('R26: the clocks follow the configured limits (a province with 15 days)', async () => {
    await t.db.prisma.setting.create({ data: { key: DEADLINE_POLICY_KEY, value: { reviewRequestDays: 15, reviewAnswerDays: 20 } } });
    town.deps.config.invalidate(); // the settings screen does this; the test clock went back in time
    try {
      const c = await claimWithOpinion();
      town.clock.set('2026-11-18T10:00:00+08:00');
      await expectRefused(() => requestReview(town.deps, office(), { caseId: c.id }), 'DEADLINE_IN_PAST', /15日内提出（截至2026-11-17）/);
      town.clock.set('2026-11-17T10:00:00+08:00');
      const { review } = await requestReview(town.deps, office(), { caseId: c.id });
      expect(review.dueOn).toBe('2026-12-07');
    } finally {
      await t.db.prisma.setting.delete({ where: { key: DEADLINE_POLICY_KEY } });
      town.deps.config.invalidate();
    }
  });
});
