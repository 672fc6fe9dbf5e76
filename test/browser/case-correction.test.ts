import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../src/domain/model.js';
import { convertSentimentToCase } from '../../src/usecases/duties/convert-sentiment-to-case.js';
import { reportSentiment } from '../../src/usecases/duties/report-sentiment.js';
import { closeBrowserTest, consolePage, launchChromium, SHOTS } from '../support/browser.js';
import { startConsole, type ConsoleHarness } from '../support/console.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { buildTownship, type Township } from '../support/township.js';

// R16 → R24/R25/R7 in a browser: a case converted from a 民情 report that named nobody says so on
// its page; the office completes its petitioner and corrects its registration at the console —
// refused input comes back in Chinese having changed nothing, the deadline's change is told, and
// the audit log shows each change before → after, masked.

describe('the office completes and corrects a case at the console, in a browser (Playwright + chromium)', () => {
  let t: TestDatabase;
  let town: Township;
  let c: ConsoleHarness;
  let browser: Browser;
  let k: CaseRecord;
  let page: Page;

  beforeAll(async () => {
    t = await freshDatabase('postgres');
    town = await buildTownship(t.db, '2026-11-02T10:00:00+08:00');
    const { report } = await reportSentiment(town.deps, town.actor(town.people.collector), { villageId: town.villages.a, content: '三组村民反映灌溉渠堵塞，影响春耕。' });
    k = (await convertSentimentToCase(town.deps, town.actor(town.people.office), { reportId: report.id })).case;
    c = await startConsole(t, town);
    browser = await launchChromium();
    page = await consolePage(browser, c.base, t.db, town.people.office, town.clock.now());
  }, 120_000);
  afterAll(() => closeBrowserTest(browser, c, t));

  const counts = async () => ({ petitioners: await t.db.prisma.petitioner.count({ where: { caseId: k.id } }), audit: await t.db.prisma.auditLog.count({ where: { caseId: k.id, action: { not: 'case.view_personal_data' } } }) });

  it('R16: the converted case says its petitioner is to be completed; a bad ID number comes back in Chinese and changes nothing; a good one completes it', async () => {
    await page.goto(`${c.base}/console/cases/${k.id}`);
    expect(await page.getByRole('alert').innerText()).toContain('本案由民情信息转办，尚未登记信访人');
    await page.getByRole('link', { name: '补充信访人' }).click();
    expect(page.url()).toBe(`${c.base}/console/cases/${k.id}/correct`);
    await page.screenshot({ path: join(SHOTS, 'case-correction-pending.png'), fullPage: true });

    const before = await counts();
    const add = page.locator('form[action$="/petitioners"]');
    await add.locator('input[name=name]').fill('钱小军');
    await add.locator('input[name=phone]').fill('13700001234');
    await add.locator('input[name=idNumber]').fill('110101199003074515');
    await add.getByRole('button', { name: '添加' }).click();
    expect(await page.getByRole('alert').first().innerText()).toContain('身份证号不正确（18位，校验位有误）');
    expect(await counts()).toEqual(before);
    await page.screenshot({ path: join(SHOTS, 'case-correction-refused.png') });

    await add.locator('input[name=name]').fill('钱小军');
    await add.locator('input[name=phone]').fill('13700001234');
    await add.locator('input[name=idNumber]').fill('110101199003074514');
    await add.getByRole('button', { name: '添加' }).click();
    expect(page.url()).toContain(`/console/cases/${k.id}?ok=`);
    expect(await page.getByRole('status').innerText()).toBe('已添加信访人');
    const main = await page.locator('main').innerText();
    expect(main).not.toContain('尚未登记信访人');
    expect(main).toContain('钱*军');
    expect(main).not.toMatch(/钱小军|13700001234|110101199003074514/);
  }, 120_000);

  it('R7/R25: a corrected source recomputes the deadline and says so; the audit log shows source and petitioner before → after, masked', async () => {
    await page.getByRole('link', { name: '更正登记信息' }).click();
    await page.locator('select[name=source]').selectOption('VISIT');
    // Blanks pass the browser's own check; the use case refuses them.
    await page.locator('input[name=title]').fill('   ');
    await page.getByRole('button', { name: '保存更正' }).click();
    expect(await page.getByRole('alert').first().innerText()).toBe('输入有误：标题：不能为空');
    expect(await t.db.prisma.case.findUniqueOrThrow({ where: { id: k.id } })).toMatchObject({ source: 'SENTIMENT', title: k.title });

    await page.locator('select[name=source]').selectOption('VISIT');
    await page.locator('input[name=reason]').first().fill('经核实系来访');
    await page.getByRole('button', { name: '保存更正' }).click();
    const told = await page.getByRole('status').innerText();
    expect(told).toBe('已更正来源；办结时限由 2027-01-01 调整为 2026-11-23（一般事项工作日时限（R7））');
    const audit = await page.locator('table.audit').innerText();
    expect(audit).toContain('来源：民情采集 → 来访');
    expect(audit).toContain('办结时限：2027-01-01 → 2026-11-23');
    expect(audit).toContain('姓名：钱*军');
    expect(audit).toContain('电话：137****1234');
    expect(audit).toContain('信访人待补充：是 → 否');
    expect(audit).toContain('工作台更正登记信息时查看');
    const story = await page.locator('ol.story').innerText();
    expect(story).toContain('更正登记信息');
    expect(story).toContain('说明：经核实系来访');
    await page.screenshot({ path: join(SHOTS, 'case-correction-done.png'), fullPage: true });
  }, 120_000);
});
