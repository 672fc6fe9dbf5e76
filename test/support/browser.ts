import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { dbLoginLinks } from '../../src/db/console-login-links.js';
import type { PrismaClient } from '../../src/generated/prisma/client.js';

/** Debian's chromium (installed by .ci/run), headless, without the background traffic this network refuses. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where browser tests keep their screenshots for review. */
export const SHOTS = join(process.cwd(), 'reports', 'screenshots');

export async function launchChromium(): Promise<Browser> {
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A new page signed in to the console at `base` as `person`, through a one-time link issued at `now`. */
export async function consolePage(browser: Browser, base: string, db: { prisma: PrismaClient }, person: { id: string }, now: Date, height = 900): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height } });
  await page.goto(`${base}/console/login/link?token=${await dbLoginLinks(db.prisma).issue(person.id, now)}`);
  return page;
}

/** Closes what a console browser test opened: the browser, then the console, then its database. */
export async function closeBrowserTest(browser: Browser | undefined, c: { close(): Promise<void> } | undefined, t: { drop(): Promise<void> } | undefined): Promise<void> {
  await browser?.close();
  await c?.close();
  await t?.drop();
}
