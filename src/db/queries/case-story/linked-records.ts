import type { PrismaClient } from '../../../generated/prisma/client.js';
import { fromDbDate, type LocalDate } from '../../../lib/local-date.js';
import type { VillageVisit } from '../../../usecases/ports/duties.js';

export interface MeetingFact {
  date: LocalDate;
  topic: string;
  decisions: string;
  /** What the meeting decided about this case. */
  decision: string | null;
  attendees: string[];
  recordedById: string;
  recordedAt: Date;
}

/** R15: the village visit that took the case. */
export type VisitFact = Omit<VillageVisit, 'id'>;

export interface ReceptionFact {
  leaderId: string;
  date: LocalDate;
  location: string | null;
}

export interface SentimentFact {
  reporterId: string;
  villageId: string;
  content: string;
  reportedAt: Date;
}

/** Where the case came from and where it was taken up: the 民情 report (R16), reception day (R14), village visit (R15), meetings (R12). */
export interface LinkedRecords {
  sentiment: SentimentFact | null;
  reception: ReceptionFact | null;
  visit: VisitFact | null;
  meetings: MeetingFact[];
}

export async function linkedRecords(prisma: PrismaClient, caseId: string): Promise<LinkedRecords> {
  const [links, sentiment, meetings] = await Promise.all([
    prisma.case.findUnique({
      where: { id: caseId },
      select: {
        receptionDay: { select: { leaderId: true, date: true, location: true } },
        visit: { select: { leaderId: true, villageId: true, date: true, peopleMet: true, note: true, recordedAt: true } },
      },
    }),
    prisma.sentimentReport.findUnique({ where: { caseId }, select: { reporterId: true, villageId: true, content: true, reportedAt: true } }),
    prisma.meetingCase.findMany({ where: { caseId }, include: { meeting: true }, orderBy: { meeting: { date: 'asc' } } }),
  ]);
  const r = links?.receptionDay;
  const v = links?.visit;
  return {
    sentiment,
    reception: r ? { ...r, date: fromDbDate(r.date) } : null,
    visit: v ? { ...v, date: fromDbDate(v.date) } : null,
    meetings: meetings.map(({ decision, meeting: m }) => ({
      date: fromDbDate(m.date), topic: m.topic, decisions: m.decisions, decision, attendees: m.attendees, recordedById: m.recordedById, recordedAt: m.recordedAt,
    })),
  };
}
