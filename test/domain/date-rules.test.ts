import { describe, expect, it } from 'vitest';
import { chineseOfficialCalendar } from '../../src/domain/calendar/official-calendar.js';
import { WorkingCalendar } from '../../src/domain/calendar/working-calendar.js';
import { assertDate, dateProblem, pastFactRule, scheduledDayRule } from '../../src/domain/dates/date-rules.js';
import { DEFAULT_DEADLINE_POLICY } from '../../src/domain/deadlines/deadline-policy.js';
import { reopenDeadlineRule } from '../../src/domain/follow-up/reopen-deadline.js';

const calendar = new WorkingCalendar(chineseOfficialCalendar);
const message = (date: string, rule: Parameters<typeof dateProblem>[1]) => dateProblem(date, rule)?.message ?? null;

describe('dates checked against the rule they serve', () => {
  it('R14: a reception day is today or later, within a year, on a working day by the official calendar', () => {
    const rule = scheduledDayRule('接访日期', '2026-09-18', calendar);
    expect(message('2026-09-18', rule)).toBeNull();
    expect(message('2026-09-17', rule)).toBe('接访日期不能早于今天 2026-09-18');
    expect(message('2099-06-01', rule)).toBe('接访日期不能晚于一年后 2027-09-19');
    expect(message('2026-09-19', rule)).toBe('接访日期 2026-09-19（星期六）是休息日，请选择工作日，如 2026-09-20（星期日）');
  });

  it('R7: a make-up working Sunday (调休上班) is a working day; a weekday holiday is not', () => {
    const rule = scheduledDayRule('接访日期', '2026-09-18', calendar);
    expect(message('2026-09-20', rule)).toBeNull();
    expect(message('2026-10-01', rule)).toBe('接访日期 2026-10-01（星期四）是休息日，请选择工作日，如 2026-10-08（星期四）');
  });

  it('R7: a day added at run time as a holiday is a rest day for the check too', () => {
    const withOverride = new WorkingCalendar(chineseOfficialCalendar, new Map([['2027-01-04', false]]));
    expect(message('2027-01-04', scheduledDayRule('接访日期', '2026-12-08', withOverride))).toMatch(/2027-01-04（星期一）是休息日，请选择工作日，如 2027-01-05（星期二）/);
    expect(message('2027-01-04', scheduledDayRule('接访日期', '2026-12-08', calendar))).toBeNull();
  });

  it('a past fact is today at the latest and at most a year old; older records come from an import', () => {
    const rule = pastFactRule('会议日期', '2026-12-08');
    expect(message('2026-12-08', rule)).toBeNull();
    expect(message('2025-12-07', rule)).toBeNull();
    expect(message('2026-12-09', rule)).toBe('会议日期不能晚于今天 2026-12-08');
    expect(message('2025-12-06', rule)).toBe('会议日期不能早于一年前的 2025-12-07（更早的记录请由信访办导入）');
    expect(message('2026-12-05', rule)).toBeNull(); // a Saturday: facts happen on any day
  });

  it('a past fact may also have its own earliest date, the later bound wins', () => {
    const rule = pastFactRule('劝返时间', '2026-12-08', { date: '2026-12-01', why: '上访发生日期' });
    expect(message('2026-11-30', rule)).toBe('劝返时间不能早于上访发生日期 2026-12-01');
    expect(message('2026-12-01', rule)).toBeNull();
  });

  it('R27/R9: a reopened case\'s deadline lies between today and a fresh 60-day handling period, on a working day', () => {
    const rule = reopenDeadlineRule('2026-12-07', calendar, DEFAULT_DEADLINE_POLICY);
    expect(message('2099-01-01', rule)).toBe('重新办理时限不能晚于法定办理期限 2027-02-05（自重新办理之日起60日，R9）');
    expect(message('2027-02-05', rule)).toBeNull();
    expect(message('2026-12-06', rule)).toBe('重新办理时限不能早于今天 2026-12-07');
    expect(message('2026-12-12', rule)).toMatch(/星期六）是休息日，请选择工作日，如 2026-12-14（星期一）/);
  });

  it('a refused deadline says whether it is past or beyond its limit; other dates are bad input', () => {
    const rule = reopenDeadlineRule('2026-12-07', calendar, DEFAULT_DEADLINE_POLICY);
    expect(() => assertDate('2026-12-01', rule)).toThrow(expect.objectContaining({ code: 'DEADLINE_IN_PAST', message: '输入有误：重新办理时限不能早于今天 2026-12-07' }));
    expect(() => assertDate('2099-01-01', rule)).toThrow(expect.objectContaining({ code: 'DEADLINE_BEYOND_LIMIT' }));
    expect(() => assertDate('2026-12-12', rule)).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    expect(() => assertDate('2099-01-01', pastFactRule('发生日期', '2026-12-07'))).toThrow(expect.objectContaining({ code: 'VALIDATION', message: '输入有误：发生日期不能晚于今天 2026-12-07' }));
  });
});
