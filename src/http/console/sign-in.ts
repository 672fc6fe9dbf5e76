import type { Context } from 'koa';
import type { Person } from '../../domain/model.js';
import { recordConsoleLogin, type CONSOLE_LOGIN_METHODS } from '../../usecases/audit/record-console-login.js';
import type { ConsoleDeps } from './context.js';
import { setConsoleCookie } from './cookies.js';
import { SESSION_COOKIE, SESSION_HOURS } from './session.js';

/** Same-site paths only after login: never an open redirect. */
export function nextPath(raw: unknown): string {
  return typeof raw === 'string' && raw.startsWith('/console') && !raw.startsWith('//') ? raw : '/console/ledger';
}

/** Starts a console session for `person`, whichever way they came in; the sign-in is audited (R25). */
export async function signIn(ctx: Context, c: ConsoleDeps, person: Person, method: (typeof CONSOLE_LOGIN_METHODS)[number]): Promise<void> {
  const token = await c.sessions.start(person.id, c.deps.clock.now());
  setConsoleCookie(ctx, c, SESSION_COOKIE, token, { path: '/console', maxAge: SESSION_HOURS * 3_600_000 });
  await recordConsoleLogin(c.deps, person, { method });
  c.logger.info({ personId: person.id, method }, 'console login');
}
