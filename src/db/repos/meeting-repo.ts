import { fromDbDate, toDbDate } from '../../lib/local-date.js';
import type { Meeting, MeetingRepo } from '../../usecases/ports/duties.js';
import type { Tx } from './tx.js';

type Row = { id: string; date: Date; topic: string; decisions: string; attendees: string[]; recordedById: string; recordedAt: Date; cases: { caseId: string; decision: string | null }[] };

const toMeeting = (r: Row): Meeting => ({
  ...r,
  date: fromDbDate(r.date),
  cases: r.cases.map((c) => ({ caseId: c.caseId, decision: c.decision })),
});

const withCases = { cases: { select: { caseId: true, decision: true }, orderBy: { caseId: 'asc' } } } as const;

export function meetingRepo(tx: Tx): MeetingRepo {
  return {
    async create({ cases, date, ...data }) {
      const row = await tx.meeting.create({
        data: { ...data, date: toDbDate(date), cases: { create: cases.map((c) => ({ caseId: c.caseId, decision: c.decision })) } },
        include: withCases,
      });
      return toMeeting(row);
    },
    async between(from, to) {
      const rows = await tx.meeting.findMany({
        where: { date: { gte: toDbDate(from), lte: toDbDate(to) } },
        include: withCases,
        orderBy: [{ date: 'asc' }, { recordedAt: 'asc' }],
      });
      return rows.map(toMeeting);
    },
  };
}
