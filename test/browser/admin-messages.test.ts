import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowserTest, consolePage, launchChromium, SHOTS } from '../support/browser.js';
import { startConsole, type ConsoleHarness } from '../support/console.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { buildTownship, type Township } from '../support/township.js';

// Issue 15 item 7 in a browser: the administration pages answer a bad submit in plain Chinese —
// a limit by its range, a danger rule that would flag every petition by why — and change nothing.

describe('administration pages refuse bad input in plain Chinese, in a browser (Playwright + chromium)', () => {
  let t: TestDatabase;
  let town: Township;
  let c: ConsoleHarness;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    t = await freshDatabase('postgres');
    town = await buildTownship(t.db, '2026-11-24T10:00:00+08:00');
    c = await startConsole(t, town);
    browser = await launchChromium();
    page = await consolePage(browser, c.base, t.db, town.people.office, town.clock.now());
  }, 120_000);
  afterAll(() => closeBrowserTest(browser, c, t));

  it('R20: 「.*」 typed as a regex is refused with why, and the rule list stays as it was', async () => {
    const rules = await t.db.prisma.keywordRule.count();
    await page.goto(`${c.base}/console/admin/keywords`);
    expect(await page.locator('.card .note').first().innerText()).toContain('能匹配空白内容（如 .*）或普通信访内容');
    await page.locator('select[name=category]').selectOption({ label: '扬言滋事' });
    await page.locator('input[name=pattern]').fill('.*');
    await page.locator('input[name=isRegex]').check();
    await page.getByRole('button', { name: '新增' }).click();
    expect(await page.getByRole('alert').first().innerText()).toBe('输入有误：这条规则连空白内容也能匹配（如 .*、a|、()），会把每一件信访都标记为异常信件');
    expect(await t.db.prisma.keywordRule.count()).toBe(rules);
    await page.screenshot({ path: join(SHOTS, 'admin-keywords-refused.png'), fullPage: true });
  });

  it('R9: a limit of 0 days is answered with its range, under the field\'s name', async () => {
    await page.goto(`${c.base}/console/admin/settings`);
    await page.locator('input[name=generalWorkingDays]').fill('0');
    await page.getByRole('button', { name: '保存办理时限' }).click();
    expect(await page.getByRole('alert').first().innerText()).toBe('输入有误：一般事项时限：应为 1 到 90 之间的整数');
    expect(await t.db.prisma.setting.count({ where: { key: 'deadlinePolicy' } })).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'admin-settings-refused.png') });
  });
});
