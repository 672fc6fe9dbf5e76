import { addDays, quarterRange, type LocalDate } from '../../lib/local-date.js';
import { quartersBetween } from './periods.js';

/**
 * R12: the leading group studies major difficult cases at least once a quarter.
 * HELD — a meeting was recorded in the quarter; DUE — the quarter is running and has none yet
 * (it is still possible until its last day); GAP — the quarter ended without one;
 * NOT_STARTED — the quarter lies after `today`.
 */
export type QuarterMeetingStatus = 'HELD' | 'DUE' | 'GAP' | 'NOT_STARTED';

export interface QuarterMeetings {
  quarter: string;
  start: LocalDate;
  end: LocalDate;
  status: QuarterMeetingStatus;
  meetingDates: LocalDate[];
  /** The office is reminded from `remindFrom` until a meeting is recorded. */
  remindFrom: LocalDate;
  remind: boolean;
}

export interface MeetingOverview {
  quarters: QuarterMeetings[];
  gaps: string[];
  /** The quarter that contains `today`, when it is in the range. */
  current: QuarterMeetings | null;
}

/** Days before the quarter's end from which a missing meeting is reminded. */
export const DEFAULT_MEETING_REMINDER_LEAD_DAYS = 14;

export function quarterlyMeetingStatus(input: {
  from: string;
  to: string;
  meetingDates: readonly LocalDate[];
  today: LocalDate;
  reminderLeadDays?: number;
}): MeetingOverview {
  const lead = input.reminderLeadDays ?? DEFAULT_MEETING_REMINDER_LEAD_DAYS;
  const quarters = quartersBetween(input.from, input.to).map((quarter): QuarterMeetings => {
    const { start, end } = quarterRange(quarter);
    // A meeting dated after today cannot have been held yet.
    const meetingDates = input.meetingDates.filter((d) => d >= start && d <= end && d <= input.today).sort();
    const remindFrom = addDays(end, -lead) < start ? start : addDays(end, -lead);
    let status: QuarterMeetingStatus;
    if (meetingDates.length > 0) status = 'HELD';
    else if (start > input.today) status = 'NOT_STARTED';
    else if (end < input.today) status = 'GAP';
    else status = 'DUE';
    return { quarter, start, end, status, meetingDates, remindFrom, remind: status === 'DUE' && input.today >= remindFrom };
  });
  return {
    quarters,
    gaps: quarters.filter((q) => q.status === 'GAP').map((q) => q.quarter),
    current: quarters.find((q) => q.start <= input.today && input.today <= q.end) ?? null,
  };
}
