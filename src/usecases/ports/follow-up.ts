import type { Rating } from '../../domain/model.js';

/** R27: one call-back of a resolved case. */
export interface FollowUpRecord {
  id: string;
  caseId: string;
  officeRating: Rating;
  unitRating: Rating;
  note: string | null;
  recordedById: string | null;
  recordedAt: Date;
  reopened: boolean;
}

export interface FollowUpRepo {
  create(data: Omit<FollowUpRecord, 'id'>): Promise<FollowUpRecord>;
  forCase(caseId: string): Promise<FollowUpRecord[]>;
  /** Ids of 已办结 cases resolved at or before `resolvedBefore` with no follow-up since resolution. */
  awaitingFollowUp(resolvedBefore: Date): Promise<string[]>;
}
