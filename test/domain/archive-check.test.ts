import { describe, expect, it } from 'vitest';
import { chineseOfficialCalendar } from '../../src/domain/calendar/official-calendar.js';
import { WorkingCalendar } from '../../src/domain/calendar/working-calendar.js';
import { DEFAULT_DEADLINE_POLICY } from '../../src/domain/deadlines/deadline-policy.js';
import { archiveCheck, type ArchiveConfirmation } from '../../src/domain/review/archive-check.js';
import { reviewClocks, type ReviewFacts } from '../../src/domain/review/review-clocks.js';
import type { LocalDate } from '../../src/lib/local-date.js';
import { refusal } from '../support/refusal.js';

const cal = new WorkingCalendar(chineseOfficialCalendar);

const claim = (over: Partial<ReviewFacts> = {}): ReviewFacts => ({ classification: 'CLAIM', opinionIssuedOn: '2026-11-02', review: null, reReview: null, ...over });
const pendingReview = { requestedOn: '2026-11-10', dueOn: '2026-12-10', answeredOn: null };
const answeredReview = { requestedOn: '2026-11-10', dueOn: '2026-12-10', answeredOn: '2026-11-20' };
const pendingReReview = { requestedOn: '2026-11-25', dueOn: '2026-12-25', answeredOn: null };
const answeredReReview = { requestedOn: '2026-11-25', dueOn: '2026-12-25', answeredOn: '2026-12-01' };

const check = (f: ReviewFacts, today: LocalDate, confirmed: ArchiveConfirmation | null = null) =>
  archiveCheck(f, reviewClocks(f, today, cal, DEFAULT_DEADLINE_POLICY), confirmed);


describe('R26: archiving a case against its 复查/复核 clocks', () => {
  it.each([
    ['复查 asked, not answered', claim({ review: pendingReview }), '2026-11-15', /信访人已于2026-11-10请求复查，复查意见尚未作出（应于2026-12-10前作出），不能归档。请先登记复查意见/],
    ['复查 answer overdue', claim({ review: pendingReview }), '2026-12-15', /请先登记复查意见/],
    ['复核 asked, not answered', claim({ review: answeredReview, reReview: pendingReReview }), '2026-11-30', /信访人已于2026-11-25请求复核，复核意见尚未作出（应于2026-12-25前作出）/],
  ] as const)('R26: refused while a request is pending — %s; a confirmation does not change that', (_what, facts, today, message) => {
    for (const confirmed of [null, 'REVIEW_WINDOW', 'RE_REVIEW_WINDOW'] as const) {
      const err = refusal(() => check(facts, today, confirmed));
      expect(err.code).toBe('CONFLICT');
      expect(err.message).toMatch(message);
    }
  });

  it('R26: while the 复查 window is open the office is asked first, told until when the petitioner may ask', () => {
    const r = check(claim(), '2026-11-20');
    expect(r).toEqual({
      kind: 'CONFIRM',
      question: {
        about: 'REVIEW_WINDOW',
        openUntil: '2026-12-02',
        question: '处理意见书于2026-11-02出具，信访人在2026-12-02前仍可请求复查。现在归档，信访人请求复查时仍须受理并在本案登记。确认归档吗？',
      },
    });
    // On the window's last day too.
    expect(check(claim(), '2026-12-02')).toMatchObject({ kind: 'CONFIRM', question: { about: 'REVIEW_WINDOW', openUntil: '2026-12-02' } });
  });

  it('R26: with the confirmation of the open window, it archives, and says what was confirmed', () => {
    expect(check(claim(), '2026-11-20', 'REVIEW_WINDOW')).toMatchObject({ kind: 'ARCHIVE', confirmed: { about: 'REVIEW_WINDOW', openUntil: '2026-12-02' } });
  });

  it('R26: a confirmation counts only for what was asked: after the 复查 answer the 复核 window asks again', () => {
    const f = claim({ review: answeredReview });
    expect(check(f, '2026-11-25', 'REVIEW_WINDOW')).toMatchObject({ kind: 'CONFIRM', question: { about: 'RE_REVIEW_WINDOW', openUntil: '2026-12-21' } });
    expect(check(f, '2026-11-25', 'REVIEW_WINDOW')).toMatchObject({ question: { question: expect.stringContaining('复查意见于2026-11-20作出，信访人在2026-12-21前仍可请求复核') } });
    expect(check(f, '2026-11-25', 'RE_REVIEW_WINDOW')).toMatchObject({ kind: 'ARCHIVE', confirmed: { about: 'RE_REVIEW_WINDOW' } });
  });

  it('R26: a handled claim without its 处理意见书 is archived only once the office confirms', () => {
    const f = claim({ opinionIssuedOn: null });
    expect(check(f, '2026-11-20')).toMatchObject({ kind: 'CONFIRM', question: { about: 'AWAITING_OPINION', openUntil: null, question: expect.stringContaining('尚未出具处理意见书') } });
    expect(check(f, '2026-11-20', 'AWAITING_OPINION')).toMatchObject({ kind: 'ARCHIVE' });
  });

  it.each([
    ['the 复查 window passed unused', claim(), '2026-12-03'],
    ['the 复核 window passed unused', claim({ review: answeredReview }), '2026-12-22'],
    ['复核 answered: nothing more may be asked', claim({ review: answeredReview, reReview: answeredReReview }), '2026-12-02'],
    ['a suggestion has no review clocks', claim({ classification: 'SUGGESTION', opinionIssuedOn: null }), '2026-11-20'],
    ['an unclassified case has none either', claim({ classification: null, opinionIssuedOn: null }), '2026-11-20'],
  ] as const)('R26: archives without a question when %s', (_what, facts, today) => {
    expect(check(facts, today)).toEqual({ kind: 'ARCHIVE', confirmed: null });
  });
});
