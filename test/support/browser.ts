import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { dbLoginLinks } from '../../src/db/console-login-links.js';
import type { Person } from '../../src/domain/model.js';
import type { ConsoleHarness } from './console.js';
import type { TestDatabase } from './database.js';
import type { Township } from './township.js';

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

/** A new page of the console, signed in as `person` through a one-time link. */
export async function signedInPage(browser: Browser, console: ConsoleHarness, t: TestDatabase, town: Township, person: Person): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const token = await dbLoginLinks(t.db.prisma).issue(person.id, town.clock.now());
  await page.goto(`${console.base}/console/login/link?token=${token}`);
  return page;
}
