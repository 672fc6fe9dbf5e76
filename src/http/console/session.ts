import { createHash, timingSafeEqual } from 'node:crypto';

/** A live console session, found by its cookie. */
export interface ConsoleSession {
  personId: string;
  /** The token every form of this session carries (CSRF). */
  csrf: string;
}

/**
 * Console sessions kept on the server (db/console-sessions.ts): the cookie carries a random
 * token and the database only its hash, so logging out, or a change of the person's roles or
 * active state, ends a session at once on every web process.
 */
export interface ConsoleSessions {
  /** Starts a session of the person; the token for the cookie. */
  start(personId: string, now: Date): Promise<string>;
  /** The session of a cookie's token, if it is live (then it counts as used now); else null. */
  find(token: string | undefined, now: Date): Promise<ConsoleSession | null>;
  /** Ends the session of a cookie's token. */
  end(token: string): Promise<void>;
}

export const SESSION_COOKIE = 'xf_console';
/** However active, a session ends this long after login. */
export const SESSION_HOURS = 12;
/** A session not used for this long has ended. */
export const SESSION_IDLE_MINUTES = 120;

/** The token of the session's forms: derived from the cookie's secret token, so nobody without the cookie can know it. */
export function csrfTokenOf(cookieToken: string): string {
  return createHash('sha256').update(`csrf\n${cookieToken}`).digest('base64url');
}

export function csrfMatches(session: ConsoleSession, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(session.csrf);
  return a.length === b.length && timingSafeEqual(a, b);
}
