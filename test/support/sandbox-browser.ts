import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type Router from '@koa/router';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { createBot } from '../../src/bot/create-bot.js';
import type { Dispatcher } from '../../src/bot/dispatcher.js';
import type { MessagingPort } from '../../src/bot/messaging-port.js';
import type { Database } from '../../src/db/database.js';
import { prismaReadModel } from '../../src/db/read-model.js';
import { sandboxMessageStore } from '../../src/db/repos/sandbox-message-repo.js';
import { createHttpApp } from '../../src/http/app.js';
import type { Clock } from '../../src/lib/clock.js';
import type { Logger } from '../../src/lib/logger.js';
import { createSandboxPlatform } from '../../src/platforms/sandbox/index.js';
import type { Deps } from '../../src/usecases/ports.js';
import type { PlatformName } from '../../src/usecases/ports/platform.js';
import { captureLogger } from './capture-logger.js';

/** Generous: the suite runs many files at once on two cores. */
export const UI_WAIT_MS = 45_000;

export interface SandboxServer {
  base: string;
  bot: Dispatcher;
  logger: Logger;
  close(): Promise<void>;
}

/** The sandbox chat over the real bot and database, on a local port; `routers` adds others (the console). */
export async function startSandboxServer(db: Database, deps: Deps, clock: Clock, routers: (logger: Logger) => Router[] = () => []): Promise<SandboxServer> {
  const { logger } = captureLogger('warn');
  let bot: Dispatcher | undefined;
  const sandbox = createSandboxPlatform({ uow: deps.uow, dispatch: (e) => bot!.dispatch(e), clock, logger, publicDir: join(process.cwd(), 'public', 'sandbox'), loopbackOnly: true, store: sandboxMessageStore(db.prisma) });
  await sandbox.start();
  const messengers = new Map<PlatformName, MessagingPort>([['SANDBOX', sandbox.messenger]]);
  bot = createBot({ deps, clock, read: prismaReadModel(db.prisma), messengers, logger });
  const server: Server = createHttpApp({ db, logger, routers: [sandbox.router, ...routers(logger)] }).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    bot,
    logger,
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}

/** Acts as the person whose name the persona list starts with, in their 1:1 chat with the bot. */
export async function actAs(page: Page, name: string): Promise<void> {
  // The persona list is fetched after the page loads: wait for it.
  const valueOf = () => page.$$eval('#person option', (os, n) => os.find((o) => (o.textContent ?? '').startsWith(n))?.getAttribute('value') ?? null, name);
  await expect.poll(valueOf, { timeout: UI_WAIT_MS, message: name }).toBeTruthy();
  const value = await valueOf();
  await page.selectOption('#person', value!);
  await page.locator('#conversations button', { hasText: '单聊' }).click();
}

/** Sends text and returns the bot's card that answers it: the first bot message after ours (notifications may arrive too). */
export async function say(page: Page, text: string): Promise<Locator> {
  const mine = () => page.locator('#messages .msg-mine', { hasText: text });
  const before = await mine().count();
  await page.fill('#text', text);
  await page.press('#text', 'Enter');
  await expect.poll(() => mine().count(), { timeout: UI_WAIT_MS }).toBeGreaterThan(before);
  const answer = mine().last().locator('xpath=following-sibling::*[contains(@class, "msg-bot")][1]');
  await answer.waitFor({ timeout: UI_WAIT_MS });
  return answer;
}
