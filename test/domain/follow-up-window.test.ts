import { describe, expect, it } from 'vitest';
import { chineseOfficialCalendar } from '../../src/domain/calendar/official-calendar.js';
import { WorkingCalendar } from '../../src/domain/calendar/working-calendar.js';
import { DEFAULT_DEADLINE_POLICY, deadlinePolicySchema } from '../../src/domain/deadlines/deadline-policy.js';
import {
  assertCanRecordFollowUp, assertCanReopen, followUpExpired, followUpWindowEnd, RATING_LABELS,
} from '../../src/domain/follow-up/follow-up.js';

const cal = new WorkingCalendar(chineseOfficialCalendar);
const policy = DEFAULT_DEADLINE_POLICY;
const at = (s: string) => new Date(s);

describe('R27 follow-up window', () => {
  it('R27: the ratings are 满意 / 基本满意 / 不满意, or 逾期未评价 when the window passes', () => {
    expect(Object.values(RATING_LABELS)).toEqual(['满意', '基本满意', '不满意', '逾期未评价']);
  });

  it.each([
    ['30 days after resolution (Beijing date)', '2026-11-02T23:30:00+08:00', {}, '2026-12-02'],
    ['resolved late at night UTC is still the Beijing day', '2026-11-02T17:00:00Z', {}, '2026-12-03'],
    ['a window ending on a Sunday ends on Monday', '2026-11-06T10:00:00+08:00', {}, '2026-12-07'],
    ['a configurable window', '2026-11-02T10:00:00+08:00', { followUpWindowDays: 15 }, '2026-11-17'],
  ] as const)('R27: window end — %s', (_what, resolvedAt, override, expected) => {
    expect(followUpWindowEnd(at(resolvedAt), cal, deadlinePolicySchema.parse(override))).toBe(expected);
  });

  const resolved = { status: 'RESOLVED' as const, resolvedAt: at('2026-11-02T10:00:00+08:00') };

  it.each([
    ['a resolved case within the window', resolved, '2026-12-02', null],
    ['a resolved case after the window', resolved, '2026-12-03', /回访期限.*已过.*逾期未评价/],
    ['a case in progress', { status: 'IN_PROGRESS' as const, resolvedAt: null }, '2026-11-05', /只有「已办结」/],
    ['a case already followed up', { ...resolved, status: 'FOLLOWED_UP' as const }, '2026-11-05', /只有「已办结」/],
  ] as const)('R27: recording a follow-up for %s', (_what, facts, today, refusal) => {
    const run = () => assertCanRecordFollowUp(facts, today, cal, policy);
    if (refusal) expect(run).toThrow(refusal);
    else expect(run).not.toThrow();
  });

  it.each([
    ['SATISFIED', 'UNSATISFIED', true],
    ['UNSATISFIED', 'BASICALLY_SATISFIED', true],
    ['BASICALLY_SATISFIED', 'SATISFIED', false],
  ] as const)('R27: reopening with office %s and unit %s allowed: %s', (office, unit, allowed) => {
    const run = () => assertCanReopen(office, unit);
    if (allowed) expect(run).not.toThrow();
    else expect(run).toThrow(/只有信访人表示「不满意」/);
  });

  it.each([
    ['window passed, never rated', { ...resolved, lastFollowUpAt: null }, '2026-12-03', true],
    ['window not yet passed', { ...resolved, lastFollowUpAt: null }, '2026-12-02', false],
    ['rated after the resolution', { ...resolved, lastFollowUpAt: at('2026-11-10T10:00:00+08:00') }, '2026-12-03', false],
    ['rated only before a later resolution (reopened, resolved again)', { ...resolved, lastFollowUpAt: at('2026-10-01T10:00:00+08:00') }, '2026-12-03', true],
    ['no longer resolved', { ...resolved, status: 'FOLLOWED_UP' as const, lastFollowUpAt: null }, '2026-12-03', false],
  ] as const)('R27: expiry — %s', (_what, facts, today, expired) => {
    expect(followUpExpired(facts, today, cal, policy)).toBe(expired);
  });
});
