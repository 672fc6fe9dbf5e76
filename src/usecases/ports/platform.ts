import type { Person } from '../../domain/model.js';

export type PlatformName = 'LARK' | 'DINGTALK' | 'SANDBOX';

export interface PlatformIds {
  openId?: string | null;
  userId?: string | null;
  unionId?: string | null;
}

/** Who a platform user is among the township's people, and how to reach a person there. */
export interface IdentityRepo {
  /** The active or inactive person behind any of the ids, or null when unknown. */
  personOf(platform: PlatformName, ids: PlatformIds): Promise<Person | null>;
  idsOf(personId: string, platform: PlatformName): Promise<PlatformIds | null>;
  /** Links (or re-links) a person to a platform account; false when the account belongs to someone else. */
  link(personId: string, platform: PlatformName, ids: PlatformIds): Promise<boolean>;
  /** Removes the person's account on the platform; the ids it had, or null when there was none. */
  unlink(personId: string, platform: PlatformName): Promise<PlatformIds | null>;
  /** Every linked account, for the office's list of people. */
  all(): Promise<LinkedAccount[]>;
}

export interface LinkedAccount extends PlatformIds {
  personId: string;
  platform: PlatformName;
}

/** Platform events already handled: claiming is part of the transaction of the event's effect. */
export interface ProcessedEventRepo {
  /** True the first time, false for a duplicate or a replay. */
  claim(platform: PlatformName, eventId: string, at: Date): Promise<boolean>;
}
