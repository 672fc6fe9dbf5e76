import type { AbnormalDestination } from '../../../domain/escalation/alert-kinds.js';
import type { PersuasionRecord } from '../../../usecases/ports/escalation.js';
import type { StatementKind } from '../../../domain/duties/statements.js';
import type { PrismaClient } from '../../../generated/prisma/client.js';
import { fromDbDate, type LocalDate } from '../../../lib/local-date.js';

/** R21 劝返: who organises it, and who went, when, with what outcome. */
export type PersuasionFact = Omit<PersuasionRecord, 'caseId' | 'alertId'>;

/** A written statement about the case (R21 书面检查, R13 说明): opened, and submitted with its text. */
export interface StatementFact {
  kind: StatementKind;
  authorId: string;
  dueOn: LocalDate | null;
  openedAt: Date;
  submittedAt: Date | null;
  content: string | null;
}

export interface AbnormalPetitionHistory {
  persuasions: PersuasionFact[];
  statements: StatementFact[];
}

/** R21 of one case: each abnormal petition with its persuasion (劝返) record, and the written statements it asked for. */
export async function abnormalPetitionHistory(prisma: PrismaClient, caseId: string): Promise<AbnormalPetitionHistory> {
  const [persuasions, statements] = await Promise.all([
    prisma.persuasion.findMany({ where: { caseId }, orderBy: { openedAt: 'asc' } }),
    prisma.writtenStatement.findMany({ where: { caseId }, orderBy: { openedAt: 'asc' } }),
  ]);
  return {
    persuasions: persuasions.map(({ caseId: _c, alertId: _a, ...p }) => ({ ...p, destination: p.destination as AbnormalDestination, occurredOn: fromDbDate(p.occurredOn) })),
    statements: statements.map((s) => ({ kind: s.kind, authorId: s.authorId, dueOn: s.dueOn ? fromDbDate(s.dueOn) : null, openedAt: s.openedAt, submittedAt: s.submittedAt, content: s.content })),
  };
}
