import type { Extension } from '../../../domain/model.js';
import type { PrismaClient } from '../../../generated/prisma/client.js';
import { abnormalPetitionHistory, type AbnormalPetitionHistory } from './abnormal-petition-history.js';
import { alertHistory, type AlertFact } from './alert-history.js';
import { extensionHistory } from './extension-history.js';
import { followUpHistory, type FollowUpFact } from './follow-up-history.js';
import { linkedRecords, type LinkedRecords } from './linked-records.js';
import { ownershipHistory, type OwnershipHistory } from './ownership-history.js';
import { reviewHistory, type ReviewHistory } from './review-history.js';

/** Everything recorded about one case beyond its own row and progress, section by section, raw (the reader's page redacts). */
export interface CaseStory {
  ownership: OwnershipHistory;
  extensions: Extension[];
  review: ReviewHistory;
  followUps: FollowUpFact[];
  abnormal: AbnormalPetitionHistory;
  alerts: AlertFact[];
  linked: LinkedRecords;
}

/** One read per section; call it only for a case the reader may see (viewCase first). */
export async function caseStory(prisma: PrismaClient, caseId: string): Promise<CaseStory> {
  const [ownership, extensions, review, followUps, abnormal, alerts, linked] = await Promise.all([
    ownershipHistory(prisma, caseId),
    extensionHistory(prisma, caseId),
    reviewHistory(prisma, caseId),
    followUpHistory(prisma, caseId),
    abnormalPetitionHistory(prisma, caseId),
    alertHistory(prisma, caseId),
    linkedRecords(prisma, caseId),
  ]);
  return { ownership, extensions, review, followUps, abnormal, alerts, linked };
}
