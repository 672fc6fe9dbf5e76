import type { PushRecord } from '../../usecases/ports/pushes.js';

/**
 * The scheduler's queues as a web process sees them: the notifications of a click, recorded in
 * the outbox, go to the delivery workers (one rate limit for every process); a new alert gets its
 * first check at once instead of at the next reconcile.
 */
export interface PushQueue {
  deliver(pushes: readonly PushRecord[]): Promise<void>;
  watchAlerts(alertIds: readonly string[]): Promise<void>;
  /** The cases' deadlines may have moved or ended: their reminder jobs follow at once. */
  refreshCases(caseIds: readonly string[]): Promise<void>;
}
