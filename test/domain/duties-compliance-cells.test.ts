import { describe, expect, it } from 'vitest';
import { meetingCell, screeningCell, statementCell, visitCell, worstCell } from '../../src/domain/duties/compliance-cells.js';
import { quarterlyMeetingStatus } from '../../src/domain/duties/meetings.js';

const q3 = (meetingDates: string[], today: string) =>
  quarterlyMeetingStatus({ from: '2026Q3', to: '2026Q3', meetingDates, today }).quarters[0]!;

describe('compliance grid cells', () => {
  it('several duties in one cell: a gap wins, then missing, then not due; done only when all are done; none is NA', () => {
    expect(worstCell(['DONE', 'GAP', 'MISSING'])).toBe('GAP');
    expect(worstCell(['DONE', 'MISSING', 'NOT_DUE'])).toBe('MISSING');
    expect(worstCell(['DONE', 'NOT_DUE'])).toBe('NOT_DUE');
    expect(worstCell(['DONE', 'DONE'])).toBe('DONE');
    expect(worstCell([])).toBe('NA');
  });

  it('R15: a month without a visit is not due before the reminder day and missing from it', () => {
    const base = { leaderId: 'l', visitDates: [] };
    expect(visitCell({ ...base, status: 'MISSING', remind: false })).toBe('NOT_DUE');
    expect(visitCell({ ...base, status: 'MISSING', remind: true })).toBe('MISSING');
    expect(visitCell({ ...base, status: 'GAP', remind: false })).toBe('GAP');
    expect(visitCell({ ...base, status: 'VISITED', remind: false, visitDates: ['2026-09-03'] })).toBe('DONE');
    expect(visitCell({ ...base, status: 'NOT_STARTED', remind: false })).toBe('NOT_DUE');
  });

  it('R12: the meeting shows in its month; the quarter\'s last month carries a gap, or the meeting when its month is not shown', () => {
    const months = ['2026-07', '2026-08', '2026-09'];
    const held = q3(['2026-08-12'], '2026-10-10');
    expect(months.map((m) => meetingCell(m, held, months, '2026-10-10'))).toEqual(['NA', 'DONE', 'NA']);
    expect(meetingCell('2026-09', held, ['2026-09'], '2026-10-10')).toBe('DONE');
    const gap = q3([], '2026-10-10');
    expect(months.map((m) => meetingCell(m, gap, months, '2026-10-10'))).toEqual(['NA', 'NA', 'GAP']);
    // Reminders start two weeks before the quarter's end (09-16).
    expect(meetingCell('2026-09', q3([], '2026-09-15'), months, '2026-09-15')).toBe('NOT_DUE');
    expect(meetingCell('2026-09', q3([], '2026-09-16'), months, '2026-09-16')).toBe('MISSING');
    expect(months.map((m) => meetingCell(m, q3([], '2026-07-10'), months, '2026-07-10'))).toEqual(['NA', 'NOT_DUE', 'NOT_DUE']);
  });

  it('R13/R14: a statement is missing from three days before its due date and a gap after it', () => {
    const s = { dueOn: '2026-12-31', submittedAt: null };
    expect(statementCell(s, '2026-12-27')).toBe('NOT_DUE');
    expect(statementCell(s, '2026-12-28')).toBe('MISSING');
    expect(statementCell(s, '2026-12-31')).toBe('MISSING');
    expect(statementCell(s, '2027-01-01')).toBe('GAP');
    expect(statementCell({ ...s, submittedAt: new Date('2027-01-03T02:00:00Z') }, '2027-01-05')).toBe('DONE');
  });

  it('R17: a unit\'s screening report', () => {
    const u = { unitId: 'u', reported: false, isZero: null, late: false, overdue: false, remind: false, reminderKey: null };
    expect(screeningCell(u)).toBe('NOT_DUE');
    expect(screeningCell({ ...u, remind: true, reminderKey: 'k' })).toBe('MISSING');
    expect(screeningCell({ ...u, overdue: true })).toBe('GAP');
    expect(screeningCell({ ...u, reported: true, isZero: true })).toBe('DONE');
  });
});
