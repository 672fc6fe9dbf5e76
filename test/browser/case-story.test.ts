import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseRecord, Person } from '../../src/domain/model.js';
import { closeBrowserTest, consolePage, launchChromium, SHOTS } from '../support/browser.js';
import { caseWithEveryFact, STORY_PETITIONER, STORY_TRACES } from '../support/case-story.js';
import { startConsole, type ConsoleHarness } from '../support/console.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { buildTownship, type Township } from '../support/township.js';

// R5, R25, R24: the console's case page is the office's record of a case — every fact in order,
// in Chinese, and the audit log with every change before → after — masked for a reader who has not
// asked for full data.

/** What the timeline must tell, in this order (each the start of a fact's heading). */
const STORY = [
  '民情信息员报送民情信息（R16）', '登记为信访事项（民情采集）', '列入待包案（R1）', '补充信访人', '更正登记信息', '分类为「申诉求决」（R26）',
  '提出包案意见（R4）', '常委会退回包案意见', '提出包案意见（R4）', '常委会审定通过，包案生效', '报送进展【包案件】', '报送进展【包查办】',
  '申请延期至 2026-12-10（R10）', '批准延期，办结时限延至', '信访领导小组会议研究本案（2026-11-10，R12）', '孙副镇长下访青山村时受理（2026-11-11，R15）',
  '提出移交包案（R3）', '常委会审定移交，新包案领导接办', '孙副镇长的包案结束', '超过办结时限 2026-12-10，计为逾期（R11）',
  '进京非正常上访，发生于 2026-12-11', '发出非正常上访预警', '须提交书面检查', '周副书记确认非正常上访预警：已收到', '劝返：已劝返', '提交书面检查',
  '报送进展【包落实】', '报送进展【保稳定】', '办结（R6）', '生成上报材料，报县信访部门（R5）', '出具处理意见书（R26）', '信访人请求复查', '作出复查意见',
  '信访人请求复核', '作出复核意见', '回访信访人（R27）', '周副书记的包案结束', '归档',
];

/** Latin letters left once case numbers (XF-2026-0001) and rule names (R26) are taken out: English codes. */
const englishIn = (text: string) => text.replace(/XF-\d{4}-\d{4}/g, '').replace(/\bR\d{1,2}\b/g, '').match(/[A-Za-z_]{2,}/g) ?? [];

describe('the case page tells the case\'s story, in a browser (Playwright + chromium)', () => {
  let t: TestDatabase;
  let town: Township;
  let c: ConsoleHarness;
  let browser: Browser;
  let k: CaseRecord;

  beforeAll(async () => {
    t = await freshDatabase('postgres');
    town = await buildTownship(t.db, '2026-11-02T08:00:00+08:00');
    k = await caseWithEveryFact(town);
    town.clock.set('2026-12-28T09:00:00+08:00');
    c = await startConsole(t, town);
    browser = await launchChromium();
  }, 180_000);
  afterAll(() => closeBrowserTest(browser, c, t));

  const signedIn = (person: Person) => consolePage(browser, c.base, t.db, person, town.clock.now());

  const headings = (page: Page) => page.locator('ol.story > li > .head').allInnerTexts();

  it('R5/R25: every fact in order, in Chinese — sections, timeline and audit log — masked for the office until it asks (R24)', async () => {
    const page = await signedIn(town.people.office);
    await page.goto(`${c.base}/console/cases/${k.id}`);
    const main = await page.locator('main').innerText();
    for (const section of ['信访人', '反映内容', '办结情况', '案件经过', '审计记录']) expect(main).toContain(section);
    for (const fact of ['呈送', '交办', '反馈', '上报']) expect(await page.locator('dl.facts dt', { hasText: fact }).count(), fact).toBe(1);

    const told = await headings(page);
    let from = 0;
    for (const fact of STORY) {
      const at = told.findIndex((h, i) => i >= from && h.includes(fact));
      expect(at, `「${fact}」 after 「${STORY[STORY.indexOf(fact) - 1] ?? ''}」 in:\n${told.join('\n')}`).toBeGreaterThanOrEqual(0);
      from = at + 1;
    }
    const story = await page.locator('ol.story').innerText();
    for (const detail of ['对信访办的评价：满意', '对责任单位的评价：基本满意', '回访记录：郑*杰表示基本满意，希望加强管护', '劝返人员：周副书记、吴志强',
      '退回理由：办结时限过短，请按疑难复杂事项安排', '答复意见：维持原处理意见', '审批意见：同意延期，已电话告知信访人', '对本案的决定：由水利站牵头，11月底前答复郑*杰',
      '劝返责任领导：周副书记', '深刻检查']) {
      expect(story, detail).toContain(detail);
    }

    const audit = await page.locator('table.audit').innerText();
    for (const words of ['工作台', '飞书', '钉钉', '沙盒', '系统', '状态：登记 → 待包案', '难易程度：一般（15个工作日） → 重点疑难复杂（2个月）', '类别：（空） → 农田水利',
      '姓名：郑*杰', '电话：139****5678', '包案领导：孙副镇长', '责任单位：司法所', '办结时限：2026-12-01 → 2026-12-10', '状态：已回访 → 已归档']) {
      expect(audit, words).toContain(words);
    }
    expect(audit).not.toContain('context=');
    expect(englishIn(main)).toEqual([]);
    for (const trace of STORY_TRACES) expect(main, trace).not.toContain(trace);
    await page.screenshot({ path: join(SHOTS, 'case-story-office-masked.png'), fullPage: true });
    await page.close();
  }, 120_000);

  it('R24: asked for, the full data shows in the story and in the log before → after (the view audited)', async () => {
    const page = await signedIn(town.people.office);
    await page.goto(`${c.base}/console/cases/${k.id}`);
    const views = await t.db.prisma.auditLog.count({ where: { action: 'case.view_personal_data', caseId: k.id } });
    await page.getByRole('link', { name: '显示完整信息' }).click();
    const story = await page.locator('ol.story').innerText();
    expect(story).toContain(`回访记录：${STORY_PETITIONER.name}表示基本满意`);
    expect(story).toContain(`现场查看渠道，${STORY_PETITIONER.name}（${STORY_PETITIONER.phone}）指认堵点`);
    const audit = await page.locator('table.audit').innerText();
    expect(audit).toContain(`电话：${STORY_PETITIONER.phone}`);
    expect(audit).toContain(`身份证号：${STORY_PETITIONER.idNumber}`);
    expect(audit).toContain('工作台查看完整信息');
    expect(await t.db.prisma.auditLog.count({ where: { action: 'case.view_personal_data', caseId: k.id } })).toBe(views + 1);
    await page.screenshot({ path: join(SHOTS, 'case-story-office-full.png'), fullPage: true });
    await page.close();
  }, 120_000);

  it('R24: a principal leader reads the same story masked, with no way to full data and no correction', async () => {
    const page = await signedIn(town.people.mayor);
    await page.goto(`${c.base}/console/cases/${k.id}`);
    const main = await page.locator('main').innerText();
    expect((await headings(page)).length).toBeGreaterThanOrEqual(STORY.length);
    for (const trace of STORY_TRACES) expect(main, trace).not.toContain(trace);
    expect(main).not.toContain('显示完整信息');
    expect(await page.getByRole('link', { name: '更正登记信息' }).count()).toBe(0);
    expect(await (await page.goto(`${c.base}/console/cases/${k.id}?full=1`))?.status()).toBe(403);
    await page.close();
  }, 120_000);
});
