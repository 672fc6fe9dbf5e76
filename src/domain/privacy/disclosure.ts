import { authorizeCase, authorizeGlobal, isAccused, isAssigned, readsEveryAccusation, type CaseAccessFacts } from '../authorization.js';
import type { Person } from '../model.js';

/**
 * Every way case data leaves the database. Chats on any platform (the sandbox too) are
 * GROUP_CHAT or DIRECT_CHAT by who can read them; the rest are named by what they are.
 */
export const OUTPUT_CHANNELS = [
  /** A card in a group: every member reads it, whoever clicked. */
  'GROUP_CHAT',
  /** A card to one person in a 1:1 chat. */
  'DIRECT_CHAT',
  /** A notification or reminder pushed to one recipient. */
  'NOTIFICATION',
  /** The console's page of one case. */
  'CONSOLE_PAGE',
  /** The console's ledger, searches and lists. */
  'CONSOLE_LIST',
  /** A spreadsheet downloaded from the console. */
  'EXPORT',
  /** R5 上报: material that leaves the township for the county. */
  'REPORT_UP',
  /** The weekly summary to the office and principal leaders. */
  'WEEKLY_SUMMARY',
  /** The copy of a sent message the platforms keep for retries. */
  'STORED_COPY',
  /** A log line. */
  'LOG',
] as const;
export type OutputChannel = (typeof OUTPUT_CHANNELS)[number];

export type PersonalData = 'FULL' | 'MASKED';

export type Disclosure = { visible: true; personalData: PersonalData } | { visible: false; reason: string };

/** Channels nobody reads as a person: the text is kept masked, never tied to a viewer. */
const READERLESS: ReadonlySet<OutputChannel> = new Set(['STORED_COPY', 'LOG']);
/** Channels where full personal data may be shown to one person who asked for it (audited by the caller). */
const PRIVATE: ReadonlySet<OutputChannel> = new Set(['DIRECT_CHAT', 'CONSOLE_PAGE']);

const masked: Disclosure = { visible: true, personalData: 'MASKED' };
const hidden = (reason: string): Disclosure => ({ visible: false, reason });

/**
 * R24/R26: an accusation, or a case that names someone as accused, is confidential: members of
 * a group cannot be told apart from the accused, so it is never shown there.
 */
export function isConfidential(c: Pick<CaseAccessFacts, 'classification' | 'accusedPersonId' | 'accusedUnitId'>): boolean {
  return c.classification === 'ACCUSATION' || c.accusedPersonId !== null || c.accusedUnitId !== null;
}

/** Said in a group instead of why: the reason itself (an accusation, someone in the group accused) must not be told there. */
/**
 * Whom a notification about a case may reach. The rules tell people who may not open the case
 * (R20: the leader in charge reads a dangerous letter; R18: village cadres go to the scene), so
 * this is wider than VIEW — but never the accused, and an accusation only its readers (R24/R26).
 */
export function mayBeTold(p: Person, c: CaseAccessFacts): boolean {
  if (!p.active || isAccused(p, c)) return false;
  return c.classification !== 'ACCUSATION' || readsEveryAccusation(p) || isAssigned(p, c);
}

export const GROUP_REFUSAL = '该事项不在群聊中显示，请在与机器人的单聊中查看';

/**
 * The one decision about showing a case: may `viewer` see it through `channel` at all, and is
 * personal data masked there. Full data only where one person reads it, when they asked for it
 * and are allowed it (R24); an accusation or a case that names the viewer as accused is hidden
 * from them everywhere (R24, R26), and confidential cases never go to a group.
 */
export function discloseCase(viewer: Person | null, c: CaseAccessFacts, channel: OutputChannel, opts: { full?: boolean } = {}): Disclosure {
  if (READERLESS.has(channel)) return masked;
  if (!viewer) return hidden('无法确定查看人');
  if (channel === 'NOTIFICATION') return mayBeTold(viewer, c) ? masked : hidden('依规回避：不向被反映人或无权知悉检举控告的人员发送');
  const view = authorizeCase(viewer, 'VIEW', c);
  if (!view.allowed) return hidden(view.reason);
  if (channel === 'GROUP_CHAT' && isConfidential(c)) return hidden(GROUP_REFUSAL);
  if (!opts.full) return masked;
  if (PRIVATE.has(channel) && authorizeCase(viewer, 'VIEW_PERSONAL_DATA', c).allowed) return { visible: true, personalData: 'FULL' };
  if (channel === 'EXPORT' && authorizeGlobal(viewer, 'LIST_PERSONAL_DATA').allowed && authorizeCase(viewer, 'VIEW_PERSONAL_DATA', c).allowed) {
    return { visible: true, personalData: 'FULL' };
  }
  return masked;
}

/**
 * For rows already within the viewer's case scope: whether a list shows them with full personal
 * data — only an office export that asked for it (the same answer discloseCase gives row by row).
 */
export function listPersonalData(viewer: Person, channel: OutputChannel, opts: { full?: boolean } = {}): PersonalData {
  return channel === 'EXPORT' && opts.full === true && authorizeGlobal(viewer, 'LIST_PERSONAL_DATA').allowed ? 'FULL' : 'MASKED';
}

/** Whether a search may match petitioners' names and numbers: only for who may list them. */
export const searchesPersonalData = (viewer: Person): boolean => authorizeGlobal(viewer, 'LIST_PERSONAL_DATA').allowed;
