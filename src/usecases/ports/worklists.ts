import type { Extension, OwnershipProposal } from '../../domain/model.js';
import type { CaseScope } from '../../domain/privacy/case-scope.js';
import type { CaseTodoFacts } from '../../domain/worklist/case-todos.js';
import type { WrittenStatement } from './duties.js';
import type { AlertRecord, PersuasionRecord } from './escalation.js';

// What waits for someone (the chat's 待办) and the lists forms offer, read in one place.

export interface OpenCaseRef {
  id: string;
  number: string;
  title: string;
}

/** A case's 待办 facts and its title (shown masked). */
export type CaseTodoRecord = CaseTodoFacts & { title: string };

export interface WorklistRepo {
  /** R4: proposals still awaiting the standing committee, oldest first. */
  pendingProposals(limit: number): Promise<OwnershipProposal[]>;
  /** R10: extension requests still awaiting the leading group, oldest first. */
  pendingExtensions(limit: number): Promise<Extension[]>;
  /** R18/R20/R21: open alerts on which the person has not reached the stage required of them. */
  alertsAwaiting(personId: string): Promise<AlertRecord[]>;
  /** R21: persuasions the leader must still organise (not yet ended with a return). */
  openPersuasions(leaderId: string): Promise<PersuasionRecord[]>;
  /** R13/R14/R21: opened written statements the person has not submitted, earliest due first. */
  openStatements(authorId: string): Promise<WrittenStatement[]>;
  /**
   * The cases still in someone's hands within the viewer's scope (R24): open, resolved awaiting
   * the call-back (R27), handled claims without their written opinion or with a review pending (R26).
   */
  caseTodoFacts(scope: CaseScope, limit: number): Promise<CaseTodoRecord[]>;
  /** R12: open cases with an owner leader, the ones a leading-group meeting studies, by number. */
  openOwnedCases(limit: number): Promise<OpenCaseRef[]>;
}
