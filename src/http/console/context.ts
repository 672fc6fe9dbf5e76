import type { Context } from 'koa';
import type { Person } from '../../domain/model.js';
import type { Notification } from '../../domain/notifications.js';
import type { Logger } from '../../lib/logger.js';
import type { PrismaClient } from '../../generated/prisma/client.js';
import type { Deps } from '../../usecases/ports.js';
import type { PlatformUserRef } from '../../bot/inbound.js';
import type { LoginLinks } from './login-links.js';
import type { ConsoleSession, ConsoleSessions } from './session.js';
import type { PageContext } from './layout.js';
import type { SandboxAccess } from '../sandbox-access.js';

/** A platform's OAuth authorization code flow, as the login page uses it (Lark's and DingTalk's web logins). */
export interface WebLogin {
  authorizeUrl(redirectUri: string, state: string): string;
  userOf(code: string, redirectUri: string): Promise<PlatformUserRef>;
}

export interface ConsoleDeps {
  prisma: PrismaClient;
  deps: Deps;
  logger: Logger;
  sessions: ConsoleSessions;
  links: LoginLinks;
  /** public/console: the stylesheet. */
  publicDir: string;
  /** 使用飞书登录, when Lark is configured. */
  larkLogin?: WebLogin;
  /** 使用钉钉登录, when DingTalk is configured. */
  dingtalkLogin?: WebLogin;
  /** Where users reach the console (PUBLIC_URL); default: the request's own origin. An https one makes every cookie Secure. */
  publicUrl?: string;
  /** On the embedded demo with the sandbox on: the login page offers the demo people, by the sandbox's own rules. */
  sandboxLogin?: SandboxAccess;
  /** With the scheduler's queues: cases whose deadline an edit moved get their reminder jobs at once. */
  refreshCases?: (caseIds: readonly string[]) => Promise<void>;
  /** Delivers what a use case says someone must be told (the bot's notifier); without it nothing is sent. */
  notify?: (notifications: readonly Notification[]) => Promise<void>;
}

/** What the auth middleware leaves for the pages. */
export interface ConsoleState {
  viewer: Person;
  session: ConsoleSession;
  csrf: string;
  /** The township's name of the moment (a run-time setting), for titles. */
  townName: string;
  /** Fields of a POSTed form (urlencoded), already CSRF-checked. */
  form: URLSearchParams;
}

export function state(ctx: Context): ConsoleState {
  return ctx.state as ConsoleState;
}

export function pageContext(ctx: Context, section: PageContext['section']): PageContext {
  const s = state(ctx);
  return { viewer: s.viewer, csrf: s.csrf, townName: s.townName, section };
}
