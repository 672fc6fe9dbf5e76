import type { Notification } from '../../domain/notifications.js';

/** One push to one person, as the outbox records it before anything is delivered. */
export interface NewPush {
  /** The duty, its due time and the recipient: the same key is never pushed twice. */
  key: string;
  personId: string;
  notification: Notification;
  /** When it may go out (inside working hours unless urgent). */
  dueAt: Date;
}

export type PushStatus = 'PENDING' | 'SENT' | 'FAILED' | 'CANCELLED';

export interface PushRecord extends NewPush {
  id: string;
  status: PushStatus;
  attempts: number;
  lastError: string | null;
  sentAt: Date | null;
}

/** The outbox (issue #4): the database says what must be pushed; workers only deliver it. */
export interface PushRepo {
  /** Records the pushes whose key is new; returns those it recorded (a known key is left as it is). */
  record(pushes: readonly NewPush[]): Promise<PushRecord[]>;
  /** The push, while it still holds its notification: null when unknown, or delivered (or given up) and its content dropped (R24). */
  get(id: string): Promise<PushRecord | null>;
  /** Whether a push of this key (notification key | person) was recorded already. */
  recorded(key: string): Promise<boolean>;
  /** Pending pushes in due order, after the given id (paging for the reconciler). */
  pending(limit: number, afterId?: string): Promise<PushRecord[]>;
  /** PENDING → SENT, dropping the notification at once when asked (a retention of 0 days); false when it was not pending any more (another worker sent it). */
  markSent(id: string, at: Date, attempts: number, dropPayload?: boolean): Promise<boolean>;
  /** PENDING → CANCELLED: the rules forbid telling this recipient (R24/R26); `reason` says why, without personal data. */
  markWithheld(id: string, reason: string): Promise<void>;
  /** Notes a failed attempt; `final` gives up (FAILED), otherwise it stays PENDING for a retry. */
  markAttemptFailed(id: string, error: string, attempts: number, final: boolean): Promise<void>;
}
