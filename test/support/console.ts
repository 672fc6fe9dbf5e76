import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { dbLoginLinks } from '../../src/db/console-login-links.js';
import { dbConsoleSessions } from '../../src/db/console-sessions.js';
import { createHttpApp, type HttpDeps } from '../../src/http/app.js';
import { consoleRouter } from '../../src/http/console/router.js';
import type { ConsoleDeps } from '../../src/http/console/context.js';
import type { Person } from '../../src/domain/model.js';
import { captureLogger } from './capture-logger.js';
import type { TestDatabase } from './database.js';
import type { Township } from './township.js';

export interface ConsoleHarness {
  base: string;
  /** Logs `person` in through a one-time link; the session cookie and the page's CSRF token. */
  login(person: Person): Promise<{ cookie: string; csrf: (html: string) => string }>;
  get(path: string, cookie?: string): Promise<Response>;
  post(path: string, fields: Record<string, string>, cookie?: string, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
  /** What the console logged (warnings and errors). */
  logLines: Record<string, unknown>[];
}

/** The office console as main.ts mounts it, on a real database, with the town's clock. */
export async function startConsole(t: TestDatabase, town: Township, extra: Partial<ConsoleDeps> = {}, http: Pick<HttpDeps, 'trustProxy' | 'sandbox'> = {}): Promise<ConsoleHarness> {
  const { logger, lines } = captureLogger('warn');
  const links = dbLoginLinks(t.db.prisma);
  const router = consoleRouter({
    prisma: t.db.prisma, deps: town.deps, logger, links,
    sessions: dbConsoleSessions(t.db.prisma), publicDir: join(process.cwd(), 'public', 'console'),
    ...extra,
  });
  const server: Server = createHttpApp({ db: t.db, logger, routers: [router], ...http }).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const get = (path: string, cookie?: string) => fetch(`${base}${path}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });
  return {
    base,
    get,
    post: (path, fields, cookie, headers = {}) =>
      fetch(`${base}${path}`, {
        method: 'POST', redirect: 'manual', body: new URLSearchParams(fields).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}), ...headers },
      }),
    async login(person) {
      const token = await links.issue(person.id, town.clock.now());
      const res = await get(`/console/login/link?token=${token}`);
      if (res.status !== 302) throw new Error(`login failed: ${res.status}`);
      const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
      return { cookie, csrf: (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]! };
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
    logLines: lines,
  };
}

/**
 * Starts a platform's web login at the console (GET /console/login/<path>): the platform's
 * authorize URL it redirects to, the state that URL carries, and the cookie that must come back.
 */
export async function startWebLogin(c: ConsoleHarness, path: 'lark' | 'dingtalk', next = '/console/figures'): Promise<{ url: URL; state: string; cookie: string }> {
  const res = await c.get(`/console/login/${path}?next=${encodeURIComponent(next)}`);
  if (res.status !== 302) throw new Error(`/console/login/${path} answered ${res.status}`);
  const url = new URL(res.headers.get('location')!);
  return { url, state: url.searchParams.get('state') ?? '', cookie: res.headers.get('set-cookie')!.split(';')[0]! };
}

/** The session cookie a login answer set ("xf_console=…"). */
export function sessionCookieOf(res: Response): string {
  const cookie = (res.headers.get('set-cookie') ?? '').split(', ').find((x) => x.startsWith('xf_console='));
  if (!cookie) throw new Error('no session cookie was set');
  return cookie.split(';')[0]!;
}
