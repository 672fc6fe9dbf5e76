import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { archiveCase } from '../../src/usecases/cases/archive-case.js';
import { answerReview } from '../../src/usecases/review/answer-review.js';
import { issueOpinion } from '../../src/usecases/review/issue-opinion.js';
import { requestReview } from '../../src/usecases/review/request-review.js';
import { freshPostgres, type TestDatabase } from '../support/database.js';
import { expectRefusedUnchanged } from '../support/refusal.js';
import { resolvedCase } from '../support/resolved-case.js';
import { buildTownship, type Township } from '../support/township.js';

// R26: 归档 against the linked clocks of 处理意见书 → 复查 → 复核, on the injected clock.

describe('R26: archiving a followed-up claim while the petitioner may still ask for review', () => {
  let t: TestDatabase;
  let town: Township;
  beforeAll(async () => {
    t = await freshPostgres();
    town = await buildTownship(t.db);
  });
  afterAll(() => t.drop());
  beforeEach(() => town.clock.set('2026-11-02T09:00:00+08:00'));

  const office = () => town.actor(town.people.office);
  const row = (id: string) => t.db.prisma.case.findUniqueOrThrow({ where: { id } });
  const snapshot = async () => ({
    audit: await t.db.prisma.auditLog.count(),
    cases: await t.db.prisma.case.findMany({ orderBy: { id: 'asc' } }),
    ownerships: await t.db.prisma.caseOwnership.findMany({ orderBy: { id: 'asc' } }),
  });

  /** A claim resolved, given its 处理意见书 on 2026-11-02 (复查 may be asked until 2026-12-02) and followed up. */
  async function followedUpClaim(title: string) {
    const c = await resolvedCase(t, town, { resolvedAt: '2026-11-02T08:00:00+08:00', title });
    await issueOpinion(town.deps, office(), { caseId: c.id });
    await t.db.prisma.case.update({ where: { id: c.id }, data: { status: 'FOLLOWED_UP', followedUpAt: new Date('2026-11-02T08:30:00+08:00') } });
    return c;
  }

  it('R26: refused while a 复查 waits for its answer, with the reason and the answer\'s due day; nothing changes', async () => {
    const c = await followedUpClaim('复查中归档');
    town.clock.set('2026-11-10T10:00:00+08:00');
    await requestReview(town.deps, office(), { caseId: c.id });
    town.clock.set('2026-11-12T10:00:00+08:00');
    const refused = /信访人已于2026-11-10请求复查，复查意见尚未作出（应于2026-12-10前作出），不能归档。请先登记复查意见，再归档。/;
    await expectRefusedUnchanged(snapshot, () => archiveCase(town.deps, office(), { caseId: c.id }), 'CONFLICT', refused);
    // A confirmation of an open window does not stand in for the answer.
    await expectRefusedUnchanged(snapshot, () => archiveCase(town.deps, office(), { caseId: c.id, confirmed: 'REVIEW_WINDOW' }), 'CONFLICT', refused);
    expect((await row(c.id)).status).toBe('FOLLOWED_UP');
  });

  it('R26: while the 复查 window is open, archiving asks first, saying until when, and changes nothing; confirmed, it archives', async () => {
    const c = await followedUpClaim('复查期内归档');
    town.clock.set('2026-11-20T10:00:00+08:00');
    const before = await snapshot();
    const asked = await archiveCase(town.deps, office(), { caseId: c.id });
    expect(asked).toMatchObject({ archived: false, question: { about: 'REVIEW_WINDOW', openUntil: '2026-12-02', question: expect.stringContaining('信访人在2026-12-02前仍可请求复查') } });
    expect(await snapshot()).toEqual(before);

    const done = await archiveCase(town.deps, office(), { caseId: c.id, confirmed: 'REVIEW_WINDOW' });
    expect(done).toMatchObject({ archived: true, case: { status: 'ARCHIVED' } });
    expect((await row(c.id)).archivedAt).toEqual(new Date('2026-11-20T10:00:00+08:00'));
    const audit = await t.db.prisma.auditLog.findFirstOrThrow({ where: { caseId: c.id, action: 'case.transition' }, orderBy: { seq: 'desc' } });
    expect(audit.reason).toBe('归档（信访人在2026-12-02前仍可请求复查，经确认）');
    // The petitioner may still ask, and is heard, on the archived case.
    town.clock.set('2026-11-25T10:00:00+08:00');
    await expect(requestReview(town.deps, office(), { caseId: c.id })).resolves.toMatchObject({ review: { kind: 'REVIEW', dueOn: '2026-12-25' } });
  });

  it('R26: a confirmation given before a 复查 request arrived archives nothing: the request is answered first', async () => {
    const c = await followedUpClaim('确认后来了复查');
    town.clock.set('2026-11-20T10:00:00+08:00');
    expect(await archiveCase(town.deps, office(), { caseId: c.id })).toMatchObject({ archived: false, question: { about: 'REVIEW_WINDOW' } });
    await requestReview(town.deps, office(), { caseId: c.id });
    await expectRefusedUnchanged(snapshot, () => archiveCase(town.deps, office(), { caseId: c.id, confirmed: 'REVIEW_WINDOW' }), 'CONFLICT', /复查意见尚未作出/);
    // Once answered, the 复核 window is the new question: the old confirmation does not answer it.
    town.clock.set('2026-11-23T10:00:00+08:00');
    await answerReview(town.deps, office(), { caseId: c.id, answer: '经复查，维持原处理意见' });
    const again = await archiveCase(town.deps, office(), { caseId: c.id, confirmed: 'REVIEW_WINDOW' });
    expect(again).toMatchObject({ archived: false, question: { about: 'RE_REVIEW_WINDOW', openUntil: '2026-12-23' } });
    expect(await archiveCase(town.deps, office(), { caseId: c.id, confirmed: 'RE_REVIEW_WINDOW' })).toMatchObject({ archived: true });
  });

  it('R26: after the 复查 window has closed unused, the case archives at once, without a question', async () => {
    const c = await followedUpClaim('复查期满归档');
    town.clock.set('2026-12-03T09:00:00+08:00');
    const done = await archiveCase(town.deps, office(), { caseId: c.id });
    expect(done).toMatchObject({ archived: true, case: { status: 'ARCHIVED' } });
    const audit = await t.db.prisma.auditLog.findFirstOrThrow({ where: { caseId: c.id, action: 'case.transition' }, orderBy: { seq: 'desc' } });
    expect(audit.reason).toBe('归档');
  });

  it('R26: a claim never given its 处理意见书 is archived only once the office confirms; a suggestion at once', async () => {
    const claim = await resolvedCase(t, town, { resolvedAt: '2026-11-02T08:00:00+08:00', title: '无意见书归档' });
    await t.db.prisma.case.update({ where: { id: claim.id }, data: { status: 'FOLLOWED_UP' } });
    expect(await archiveCase(town.deps, office(), { caseId: claim.id })).toMatchObject({ archived: false, question: { about: 'AWAITING_OPINION', openUntil: null } });
    expect(await archiveCase(town.deps, office(), { caseId: claim.id, confirmed: 'AWAITING_OPINION' })).toMatchObject({ archived: true });

    const suggestion = await resolvedCase(t, town, { resolvedAt: '2026-11-02T08:00:00+08:00', title: '建议归档', classification: 'SUGGESTION' });
    await t.db.prisma.case.update({ where: { id: suggestion.id }, data: { status: 'FOLLOWED_UP' } });
    expect(await archiveCase(town.deps, office(), { caseId: suggestion.id })).toMatchObject({ archived: true });
  });
});
