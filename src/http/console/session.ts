import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface ConsoleSession {
  personId: string;
  /** Expiry, ms since epoch. */
  expiresAt: number;
  /** Random per login: the CSRF token is derived from it. */
  nonce: string;
}

export const SESSION_COOKIE = 'xf_console';
export const SESSION_HOURS = 12;

/**
 * Stateless console sessions: the cookie carries the session and its HMAC, so every web process
 * (with the same secret from the database) accepts it. Nothing in it is secret, only unforgeable.
 */
export class SessionCodec {
  constructor(private readonly secret: string) {}

  issue(personId: string, now: Date): { cookie: string; session: ConsoleSession } {
    const session = { personId, expiresAt: now.getTime() + SESSION_HOURS * 3_600_000, nonce: randomBytes(12).toString('base64url') };
    const payload = Buffer.from(JSON.stringify(session)).toString('base64url');
    return { cookie: `${payload}.${this.sign(payload)}`, session };
  }

  read(cookie: string | undefined, now: Date): ConsoleSession | null {
    if (!cookie) return null;
    const [payload, sig] = cookie.split('.');
    if (!payload || !sig || !same(sig, this.sign(payload))) return null;
    try {
      const s = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as ConsoleSession;
      if (typeof s.personId !== 'string' || typeof s.expiresAt !== 'number' || typeof s.nonce !== 'string') return null;
      return s.expiresAt > now.getTime() ? s : null;
    } catch {
      return null;
    }
  }

  /** The token every form of this session carries (CSRF). */
  csrfToken(session: ConsoleSession): string {
    return this.sign(`csrf:${session.personId}:${session.nonce}`);
  }

  checkCsrf(session: ConsoleSession, token: unknown): boolean {
    return typeof token === 'string' && same(token, this.csrfToken(session));
  }

  private sign(text: string): string {
    return createHmac('sha256', this.secret).update(text).digest('base64url');
  }
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
