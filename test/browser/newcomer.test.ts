import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium, SHOTS } from '../support/browser.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dispatcher } from '../../src/bot/dispatcher.js';
import { dbLoginLinks } from '../../src/db/console-login-links.js';
import { dbConsoleSessions } from '../../src/db/console-sessions.js';
import { consoleRouter } from '../../src/http/console/router.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { actAs as actAsIn, say as sayIn, startSandboxServer, UI_WAIT_MS, type SandboxServer } from '../support/sandbox-browser.js';
import { buildTownship, type Township } from '../support/township.js';

// A newcomer's path through the real pages in Debian's chromium (installed by .ci/run): the
// sandbox chat and the office console, over the real bot and a real PostgreSQL.

const CLEAR_TOASTS = "document.querySelectorAll('#toasts .toast').forEach((x) => x.remove())";

describe('a newcomer sees it all work, in a browser (Playwright + chromium)', () => {
  let t: TestDatabase;
  let town: Township;
  let sandbox: SandboxServer;
  let base: string;
  let browser: Browser;
  let page: Page;
  let bot: Dispatcher;
  beforeAll(async () => {
    t = await freshDatabase('postgres');
    town = await buildTownship(t.db, '2026-11-24T10:00:00+08:00');
    sandbox = await startSandboxServer(t.db, town.deps, town.clock, (logger) => [consoleRouter({
      prisma: t.db.prisma, deps: town.deps, logger, links: dbLoginLinks(t.db.prisma),
      sessions: dbConsoleSessions(t.db.prisma), publicDir: join(process.cwd(), 'public', 'console'),
    })]);
    ({ base, bot } = sandbox);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await sandbox?.close();
    await t?.drop();
  });

  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false });

  const actAs = (name: string) => actAsIn(page, name);
  const say = (text: string) => sayIn(page, text);

  /** The toast a click or submit answered with. */
  async function toast(): Promise<string> {
    const t = page.locator('#toasts .toast').last();
    await t.waitFor({ timeout: UI_WAIT_MS });
    return (await t.textContent()) ?? '';
  }

  /** Clicks a card's button and waits for the answer; confirms when the button asks. */
  async function click(card: Locator, label: string): Promise<string> {
    await page.evaluate(CLEAR_TOASTS);
    await card.locator('button', { hasText: label }).first().click();
    const dialog = page.locator('#confirm[open]');
    if (await dialog.isVisible().catch(() => false)) await dialog.locator('button[value=ok]').click();
    const text = await toast();
    await bot.idle();
    return text;
  }

  async function submit(card: Locator, fields: Record<string, string>): Promise<string> {
    for (const [name, value] of Object.entries(fields)) {
      const input = card.locator(`[name="${name}"]`);
      if ((await input.evaluate((el) => el.tagName)) === 'SELECT') await input.selectOption(value);
      else await input.fill(value);
    }
    await page.evaluate(CLEAR_TOASTS);
    await card.locator('button[type=submit]').click();
    const text = await toast();
    await bot.idle();
    return text;
  }

  /** The newest bot card in the open chat whose text contains `text`. */
  const cardWith = (text: string) => page.locator('#messages .msg-bot', { hasText: text }).last();

  it('R1, R4, R6: a village cadre files a case in the sandbox, the office proposes the owner, a leader approves, the responsible cadre reports and resolves', async () => {
    await page.goto(`${base}/sandbox`);
    await shot('01-sandbox');
    const p = town.people;

    await actAs(p.villageCadre.name);
    const form = await say('登记');
    await shot('02-intake-form');
    const filed = await submit(form, {
      title: '青山村三组征地补偿款分配不公', content: '村民反映补偿款分配未开会讨论，外嫁女未列入名单。', source: 'VISIT',
      villageId: town.villages.a, petitionerName: '张大明', petitionerPhone: '13812345678', headcount: '12',
    });
    expect(filed).toMatch(/已登记 XF-2026-\d{4}/);
    const number = /XF-2026-\d{4}/.exec(filed)![0];

    await actAs(p.office.name);
    const caseCard = await say(`案件 ${number}`);
    expect(await caseCard.textContent()).toContain('张*明');
    expect(await click(caseCard, '提出包案意见')).toContain('');
    const ownership = cardWith('责任要求');
    await shot('03-ownership-form');
    expect(await submit(ownership, {
      leaderId: p.deputy.id, unitId: town.units.justice, responsiblePersonId: p.cadre.id,
      requirements: '一个月内组织测量确权，做好双方稳控工作', deadline: '2026-12-21', reportingCadence: 'WEEKLY',
    })).toContain('包案意见已提交');

    await actAs(p.approver.name);
    const approval = cardWith(number);
    await approval.waitFor();
    await shot('04-approval');
    expect(await click(approval, '同意')).toContain('包案已生效');

    await actAs(p.cadre.name);
    for (const [tag, content, stability] of [['INVESTIGATION', '已现场测量，核实分配名单', ''], ['IMPLEMENTATION', '已召开村民代表会议重新核定', ''], ['STABILITY', '双方情绪稳定', 'STABLE']] as const) {
      const card = await say(`案件 ${number}`);
      await click(card, '报送进展');
      expect(await submit(cardWith('进展类别'), { tag, content, ...(stability ? { stability } : {}) })).toContain('已');
    }
    const before = await say(`案件 ${number}`);
    await click(before, '办结');
    await shot('05-resolve-form');
    expect(await submit(cardWith('办结情况'), { resolution: '已重新核定名单并发放补偿款，双方签字认可。' })).toContain('办结');
    const c = await t.db.prisma.case.findFirstOrThrow({ where: { number } });
    expect(c.status).toBe('RESOLVED');
  }, 300_000);

  it('R24/R25: the office sees the case in the console ledger, opens it, and exports the ledger to Excel with the case in it', async () => {
    const token = await dbLoginLinks(t.db.prisma).issue(town.people.office.id, town.clock.now());
    await page.goto(`${base}/console/login/link?token=${token}`);
    await expect.poll(() => page.url()).toContain('/console/ledger');
    const row = page.locator('table.ledger tbody tr', { hasText: '青山村三组征地补偿款分配不公' });
    await row.waitFor();
    expect(await row.textContent()).toContain('已办结');
    await shot('06-console-ledger');
    await row.locator('a').first().click();
    await page.waitForURL(/\/console\/cases\//);
    expect(await page.textContent('body')).toContain('审计记录');
    await shot('07-console-case');
    await page.goto(`${base}/console/figures`);
    await shot('08-console-figures');
    await page.goto(`${base}/console/ledger`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=导出 Excel')]);
    const file = join(SHOTS, 'ledger.xlsx');
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const texts: string[] = [];
    wb.worksheets[0]!.eachRow((r) => texts.push((r.values as unknown[]).join('|')));
    expect(texts[0]).toContain('信访事项台账');
    const caseRow = texts.find((x) => x.includes('青山村三组征地补偿款分配不公'))!;
    expect(caseRow).toContain('已办结');
    expect(caseRow).toContain('张*明');
  }, 300_000);
});
