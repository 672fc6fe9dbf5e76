import { describe, expect, it } from 'vitest';
import { deadlineBadge } from '../../cards/deadline-badge.js';
import { chineseOfficialCalendar } from '../../src/domain/calendar/official-calendar.js';
import { WorkingCalendar } from '../../src/domain/calendar/working-calendar.js';
import { overdueFacts } from '../../src/domain/deadlines/overdue.js';

const cal = new WorkingCalendar(chineseOfficialCalendar);
const badge = (due: string, today: string, resolvedOn: string | null = null) =>
  deadlineBadge(due, overdueFacts(due, resolvedOn, today, cal), resolvedOn !== null);

describe('deadline badge of cards (R7, R11)', () => {
  it('R11: overdue is red and counts calendar days', () => {
    expect(badge('2026-11-20', '2026-11-28')).toEqual({ text: '2026-11-20（已逾期 8 天）', colour: 'red' });
  });

  it('R7: within 3 working days is orange, counted in working days across the weekend', () => {
    // Fri 11-27 → Mon 11-30 (1), Tue 12-01 (2), Wed 12-02 (3)
    expect(badge('2026-12-02', '2026-11-27')).toEqual({ text: '2026-12-02（还剩 3 个工作日）', colour: 'orange' });
    expect(badge('2026-11-27', '2026-11-27')).toEqual({ text: '2026-11-27（今天到期）', colour: 'orange' });
  });

  it('R7: further away is green; National Day does not count as working days', () => {
    expect(badge('2026-10-09', '2026-09-30')).toEqual({ text: '2026-10-09（还剩 2 个工作日）', colour: 'orange' });
    expect(badge('2026-12-15', '2026-11-27')).toMatchObject({ colour: 'green' });
  });

  it('R11: a case closed late keeps saying so', () => {
    expect(badge('2026-11-20', '2026-12-10', '2026-11-25')).toEqual({ text: '2026-11-20（逾期 5 天办结）', colour: 'grey' });
    expect(badge('2026-11-20', '2026-12-10', '2026-11-19')).toEqual({ text: '2026-11-20（按期办结）', colour: 'grey' });
  });
});
