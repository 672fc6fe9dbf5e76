import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intakeCase } from '../../src/usecases/intake-case.js';
import { closeBrowserTest, launchChromium, SHOTS } from '../support/browser.js';
import { startConsole, type ConsoleHarness } from '../support/console.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { buildTownship, intakeForm, type Township } from '../support/township.js';

// The ways in and out a township walks through, in Debian's chromium: the landing page, the
// demo's person picker on the console login, and the office's unmasked export behind its confirmation.

describe('the console\'s doors in a browser (Playwright + chromium, real PostgreSQL)', () => {
  let t: TestDatabase;
  let town: Township;
  let c: ConsoleHarness;
  let browser: Browser;
  beforeAll(async () => {
    t = await freshDatabase('postgres');
    town = await buildTownship(t.db, '2026-11-24T10:00:00+08:00');
    c = await startConsole(t, town, { sandboxLogin: { loopbackOnly: true } }, { sandbox: { loopbackOnly: true } });
    await intakeCase(town.deps, town.actor(town.people.office), intakeForm({ title: '郑俊杰与邻居排水纠纷', petitioners: [{ name: '郑俊杰', phone: '13912345678' }] }));
    browser = await launchChromium();
  }, 120_000);
  afterAll(() => closeBrowserTest(browser, c, t));

  it('the landing page says what this is and leads to the console\'s login, where the demo\'s people are one click away; the click signs in (audited)', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // By a loopback name, as the browser on the demo's machine opens it.
    const base = c.base.replace('127.0.0.1', 'localhost');
    await page.goto(`${base}/`);
    expect(await page.locator('h1').innerText()).toBe('本镇信访包案助手');
    await page.screenshot({ path: join(SHOTS, 'landing.png') });
    await page.getByRole('link', { name: '登录信访办工作台' }).click();
    await page.waitForURL(/\/console\/login/);
    await page.screenshot({ path: join(SHOTS, 'console-login-picker.png'), fullPage: true });
    await page.getByRole('button', { name: /王丽华/ }).click();
    await page.waitForURL(/\/console\/ledger/);
    expect(new URL(page.url()).pathname).toBe('/console/ledger');
    expect(await page.locator('header.top').innerText()).toContain('王丽华');
    expect(await t.db.prisma.auditLog.count({ where: { action: 'console.login', actorId: town.people.office.id } })).toBe(1);
    await page.close();
  }, 120_000);

  it('R24: the office\'s full export is a labelled button, then a confirmation that says it is audited and the data leaves the system; it downloads only once confirmed', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const base = c.base.replace('127.0.0.1', 'localhost');
    await page.goto(`${base}/console/login`);
    await page.getByRole('button', { name: /王丽华/ }).click();
    await page.waitForURL(/\/console\/ledger/);
    await page.screenshot({ path: join(SHOTS, 'ledger-full-export-button.png') });
    await page.getByRole('link', { name: '导出完整信息（含身份证号、电话）' }).click();
    await page.waitForURL(/\/console\/ledger\/full-export/);
    expect(await page.locator('main').innerText()).toMatch(/记入审计日志[\s\S]*离开本系统/);
    await page.screenshot({ path: join(SHOTS, 'ledger-full-export-confirm.png') });
    // The box must be ticked: the browser does not send the form without it.
    await page.getByRole('button', { name: '确认导出完整信息' }).click();
    expect(await t.db.prisma.auditLog.count({ where: { action: 'ledger.export_personal_data' } })).toBe(0);
    await page.getByLabel('我已知悉以上要求，确认导出').check();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '确认导出完整信息' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^信访台账（含完整信息）-2026-11-24\.xlsx$/);
    expect(await t.db.prisma.auditLog.count({ where: { action: 'ledger.export_personal_data' } })).toBe(1);
    await page.close();
  }, 120_000);
});
