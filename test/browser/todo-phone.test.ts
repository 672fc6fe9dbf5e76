import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DbConfigSource } from '../../src/db/config-source.js';
import { prismaUnitOfWork } from '../../src/db/unit-of-work.js';
import { seedDemo } from '../../src/demo/seed-demo.js';
import { FixedClock } from '../../src/lib/clock.js';
import { TEST_AUDIT_KEY } from '../support/audit-key.js';
import { launchChromium, SHOTS } from '../support/browser.js';
import { freshPostgres, type TestDatabase } from '../support/database.js';
import { actAs, say, startSandboxServer, UI_WAIT_MS, type SandboxServer } from '../support/sandbox-browser.js';

// The 待办 of the office, a unit head and a cadre of the demo township as a phone shows them in the
// sandbox (390 × 844): urgency groups, each row saying why and when, one button, 另有 N 项 and 刷新.

const NOW = '2026-11-28T10:00:00+08:00';

describe('待办 on a phone, in the sandbox (Playwright + chromium, demo township)', () => {
  let t: TestDatabase;
  let sandbox: SandboxServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    t = await freshPostgres();
    await seedDemo(t.db, new FixedClock(new Date(NOW)), TEST_AUDIT_KEY);
    const clock = new FixedClock(new Date(NOW));
    sandbox = await startSandboxServer(t.db, { uow: prismaUnitOfWork(t.db.prisma, TEST_AUDIT_KEY), clock, config: new DbConfigSource(t.db.prisma, 0) }, clock);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await sandbox?.close();
    await t?.drop();
  });

  /** The person's 待办 card, once it has come in whole. */
  async function todoOf(name: string): Promise<Locator> {
    await actAs(page, name);
    const card = await say(page, '待办');
    await expect.poll(async () => (await card.textContent()) ?? '', { timeout: UI_WAIT_MS }).toMatch(/待办事项（\d+）[\s\S]*刷新/);
    await card.scrollIntoViewIfNeeded();
    return card;
  }

  it('the office\'s 待办: overdue first, then due soon, then the rest, capped with 另有 N 项 and 刷新; nothing spills past the screen\'s width', async () => {
    await page.goto(`${sandbox.base}/sandbox`);
    const card = await todoOf('吴晓燕');
    const text = (await card.textContent()) ?? '';
    expect(text).toMatch(/待办事项（\d+）/);
    expect(text.indexOf('已逾期')).toBeLessThan(text.indexOf('其他待办'));
    expect(text).toContain('另有');
    expect(text).toContain('刷新');
    expect(text).toContain('需领导包案');
    await card.screenshot({ path: join(SHOTS, 'todo-phone-office.png') });
    // What the phone shows first: the top of the card.
    await card.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: join(SHOTS, 'todo-phone-office-screen.png') });
    for (const [heading, name] of [['3 个工作日内到期', 'soon'], ['其他待办', 'later']] as const) {
      await card.getByText(heading).first().evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await page.screenshot({ path: join(SHOTS, `todo-phone-office-${name}.png`) });
    }
    // Readable on a phone: the card fits the viewport's width, no row runs off the side.
    const box = (await card.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    const overflow = await card.evaluate((el) => [...el.querySelectorAll('*')].filter((x) => x.getBoundingClientRect().right > el.ownerDocument.documentElement.clientWidth + 1).length);
    expect(overflow).toBe(0);
  }, 120_000);

  it('a unit head\'s and a cadre\'s 待办 read the same way', async () => {
    await (await todoOf('马建军')).screenshot({ path: join(SHOTS, 'todo-phone-unit-head.png') });
    await (await todoOf('邓超')).screenshot({ path: join(SHOTS, 'todo-phone-cadre.png') });
  }, 120_000);
});
