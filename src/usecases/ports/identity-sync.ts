import type { Person } from '../../domain/model.js';
import type { PlatformIds, PlatformName } from './platform.js';

/** The people a platform directory can be asked about. */
export interface PeopleRepo {
  /** Active people with a mobile or an email, by name. */
  reachable(): Promise<Person[]>;
}

/** One person a platform found by mobile or email. */
export interface ContactMatch {
  mobile?: string;
  email?: string;
  ids: PlatformIds;
}

/** A chat platform's employee directory (Lark: contact.user.batchGetId). */
export interface ContactDirectory {
  platform: PlatformName;
  /** The id sends address a person by, which makes them linked (Lark: openId, the default; DingTalk: userId). */
  keyId?: 'openId' | 'userId';
  /** The accounts found; contacts it does not know are simply absent. */
  lookup(contacts: { mobiles: string[]; emails: string[] }): Promise<ContactMatch[]>;
}
