import { describe, expect, it } from 'vitest';
import { chineseOfficialCalendar } from '../../src/domain/calendar/official-calendar.js';
import { WorkingCalendar } from '../../src/domain/calendar/working-calendar.js';
import { caseDeadline, type DeadlineFacts } from '../../src/domain/deadlines/case-deadlines.js';
import { correctedDeadline, type StoredDeadline } from '../../src/domain/deadlines/corrected-deadline.js';
import { DEFAULT_DEADLINE_POLICY } from '../../src/domain/deadlines/deadline-policy.js';
import { rescopedReasons } from '../../src/domain/intake/ownership-scope.js';

const cal = new WorkingCalendar(chineseOfficialCalendar);
const facts = (over: Partial<DeadlineFacts> = {}): DeadlineFacts => ({ source: 'VISIT', complexity: 'GENERAL', receivedOn: '2026-11-02', ...over });
const next = (over: Partial<DeadlineFacts> = {}) => caseDeadline(facts(over), cal, DEFAULT_DEADLINE_POLICY);
const stored = (over: Partial<StoredDeadline> = {}): StoredDeadline => ({ status: 'REGISTERED', dueOn: '2026-11-23', dueRule: 'R7_GENERAL', overdueOn: null, ...over });

describe('what a corrected registration does to the deadline (R7–R11)', () => {
  it('R7: an open case takes the deadline of its corrected complexity, and the note says from what to what by which rule', () => {
    expect(correctedDeadline(stored(), next({ complexity: 'SIMPLE' }), '2026-11-02')).toEqual({
      moved: true, from: '2026-11-23', dueOn: '2026-11-02', dueRule: 'R7_SIMPLE', note: '办结时限由 2026-11-23 调整为 2026-11-02（简单事项当日办结（R7））',
    });
  });

  it('R11: a new deadline that has already passed is taken, and the note says the case will count as overdue', () => {
    expect(correctedDeadline(stored(), next({ complexity: 'SIMPLE' }), '2026-11-05').note).toBe('办结时限由 2026-11-23 调整为 2026-11-02（简单事项当日办结（R7）），新时限已过，案件将计为逾期（R11）');
  });

  it('R8: an owned case keeps the approval\'s date whatever its complexity', () => {
    const owned = stored({ status: 'IN_PROGRESS', dueOn: '2026-11-30', dueRule: 'R8_OWNERSHIP' });
    expect(correctedDeadline(owned, next({ complexity: 'SIMPLE', ownershipDeadline: '2026-11-30' }), '2026-11-10'))
      .toEqual({ moved: false, dueOn: '2026-11-30', dueRule: 'R8_OWNERSHIP', note: '办结时限 2026-11-30 不变（包案审定时限（R8））' });
  });

  it('R27: a reopening date set by hand is not computed again', () => {
    const reopened = stored({ status: 'IN_PROGRESS', dueOn: '2026-12-20', dueRule: 'R27_REOPEN' });
    expect(correctedDeadline(reopened, next({ complexity: 'SIMPLE' }), '2026-12-01')).toMatchObject({ moved: false, dueOn: '2026-12-20', dueRule: 'R27_REOPEN' });
  });

  it.each([
    ['R11: a deadline that has passed', stored(), '2026-11-24', /已过，逾期事实已记录（R11）/],
    ['R11: a case marked overdue', stored({ overdueOn: '2026-11-24' }), '2026-11-20', /已过，逾期事实已记录（R11）/],
    ['a closed case', stored({ status: 'RESOLVED' }), '2026-11-10', /案件已办结/],
  ] as const)('%s does not move by a correction: refused with the reason', (_label, c, today, reason) => {
    expect(() => correctedDeadline(c, next({ complexity: 'SIMPLE' }), today)).toThrow(reason);
    // What does not move the date is not refused.
    expect(correctedDeadline(c, next({ complexity: 'GENERAL' }), today)).toMatchObject({ moved: false });
  });
});

describe('R1 after a corrected source or headcount', () => {
  it('R1: 5 people or more is collective; fewer is not; the flags set at intake stay', () => {
    expect(rescopedReasons(['SUDDEN'], { source: 'VISIT', headcount: 12 })).toEqual(['COLLECTIVE', 'SUDDEN']);
    expect(rescopedReasons(['COLLECTIVE', 'BEIJING', 'LEADING_GROUP'], { source: 'VISIT', headcount: 2 })).toEqual(['BEIJING', 'LEADING_GROUP']);
  });

  it('R1: an important case is named as from a reception day, or not, by its corrected source', () => {
    expect(rescopedReasons(['IMPORTANT'], { source: 'RECEPTION_DAY', headcount: 1 })).toEqual(['RECEPTION_DAY_IMPORTANT']);
    expect(rescopedReasons(['RECEPTION_DAY_IMPORTANT'], { source: 'LETTER', headcount: 1 })).toEqual(['IMPORTANT']);
  });
});
