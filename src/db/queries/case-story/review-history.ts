import type { PrismaClient } from '../../../generated/prisma/client.js';
import { fromDbDate, type LocalDate } from '../../../lib/local-date.js';

export interface ReviewFact {
  kind: 'REVIEW' | 'RE_REVIEW';
  requestedAt: Date;
  dueOn: LocalDate;
  answeredAt: Date | null;
  answer: string | null;
  recordedById: string;
}

/** R26 处理意见书: when it was issued and its summary, as the log recorded it (the case keeps only the date). */
export interface OpinionFact {
  issuedAt: Date;
  summary: string | null;
  recordedAt: Date;
  recordedById: string | null;
}

export interface ReviewHistory {
  opinion: OpinionFact | null;
  /** 复查, then 复核. */
  reviews: ReviewFact[];
}

/** R26 of one case: the written opinion, and the 复查 and 复核 requested and answered. */
export async function reviewHistory(prisma: PrismaClient, caseId: string): Promise<ReviewHistory> {
  const [reviews, opinion] = await Promise.all([
    prisma.caseReview.findMany({ where: { caseId }, orderBy: { requestedAt: 'asc' } }),
    prisma.auditLog.findFirst({ where: { caseId, action: 'case.opinion' }, orderBy: { seq: 'desc' }, select: { at: true, actorId: true, after: true } }),
  ]);
  return {
    opinion: opinion && opinionOf(opinion),
    reviews: reviews.map((r) => ({ kind: r.kind, requestedAt: r.requestedAt, dueOn: fromDbDate(r.dueOn), answeredAt: r.answeredAt, answer: r.answer, recordedById: r.recordedById })),
  };
}

function opinionOf(row: { at: Date; actorId: string | null; after: string | null }): OpinionFact {
  const after = (row.after ? JSON.parse(row.after) : {}) as { opinionIssuedAt?: string; summary?: string | null };
  return { issuedAt: after.opinionIssuedAt ? new Date(after.opinionIssuedAt) : row.at, summary: after.summary ?? null, recordedAt: row.at, recordedById: row.actorId };
}
