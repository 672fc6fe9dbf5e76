import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseRecord, Person } from '../../src/domain/model.js';
import { assignCase } from '../../src/usecases/cases/assign-case.js';
import { acknowledgeAlert } from '../../src/usecases/escalation/acknowledge-alert.js';
import { checkAlert } from '../../src/usecases/escalation/check-alert.js';
import { raiseMajorEvent } from '../../src/usecases/escalation/raise-major-event.js';
import { recordAccountabilityFacts } from '../../src/usecases/escalation/record-accountability-facts.js';
import { intakeCase } from '../../src/usecases/intake-case.js';
import { classifyCase } from '../../src/usecases/review/classify-case.js';
import { closeBrowserTest, consolePage, launchChromium, SHOTS } from '../support/browser.js';
import { startConsole, type ConsoleHarness } from '../support/console.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { ownedCase } from '../support/flows.js';
import { buildTownship, intakeForm, type Township } from '../support/township.js';
import { sheetRows } from '../support/workbook.js';

// R22 问责记录 in Debian's chromium: the facts per person and unit with their evidence, for the
// office and the principal leaders, filtered, linked to their cases, scoped and masked as the
// ledger is, and exported to Excel.

describe('the R22 accountability page (Playwright + chromium, real PostgreSQL)', () => {
  let t: TestDatabase;
  let town: Township;
  let c: ConsoleHarness;
  let browser: Browser;
  let reopened: CaseRecord;
  let accusation: CaseRecord;
  let named: CaseRecord;

  beforeAll(async () => {
    t = await freshDatabase('postgres');
    town = await buildTownship(t.db, '2026-11-02T09:00:00+08:00');
    c = await startConsole(t, town);
    const p = town.people;
    const office = town.actor(p.office);
    // A major event nobody answers in time: the climb at 30 minutes keeps who had not.
    const { alert } = await raiseMajorEvent(town.deps, office, { villageId: town.villages.a, eventKind: 'LARGE_COLLECTIVE_VISIT', detail: '三十余人集体赴县上访' });
    await acknowledgeAlert(town.deps, town.actor(p.areaLeader), { alertId: alert.id, stage: 'ON_THE_WAY' });
    await acknowledgeAlert(town.deps, town.actor(p.deputy), { alertId: alert.id, stage: 'RECEIVED' });
    town.clock.advance(30 * 60_000);
    await checkAlert(town.deps, { alertId: alert.id });
    // Two owned cases overdue, one of them reopened for the same issue.
    await ownedCase(town, { title: '林地权属争议' });
    reopened = await ownedCase(town, { title: '灌溉用水纠纷' });
    await t.db.prisma.case.update({ where: { id: reopened.id }, data: { reopenCount: 1 } });
    // An accusation naming the mayor, handled by discipline inspection, reopened too: facts about it never reach the mayor.
    accusation = (await intakeCase(town.deps, office, intakeForm({ title: '检举违规审批', petitioners: [{ name: '高立新', phone: '13700001111' }] }))).case;
    await classifyCase(town.deps, office, { caseId: accusation.id, classification: 'ACCUSATION', accusedPersonId: p.mayor.id });
    await assignCase(town.deps, office, { caseId: accusation.id, unitId: town.units.discipline, responsiblePersonId: p.discipline.id });
    await t.db.prisma.case.update({ where: { id: accusation.id }, data: { reopenCount: 1 } });
    town.clock.set('2026-12-10T09:00:00+08:00');
    await recordAccountabilityFacts(town.deps);
    // A fact whose words name a petitioner (as a note on evidence might): shown masked.
    named = (await intakeCase(town.deps, office, intakeForm({ title: '宅基地纠纷', petitioners: [{ name: '郑俊杰', phone: '13912345678' }] }))).case;
    await town.deps.uow.run((repos) =>
      repos.accountability.record({ sourceKey: `TEST:${named.id}`, kind: 'WRONG_ACTION', reason: 'REOPENED', personId: p.cadre2.id, unitId: null, caseId: named.id, alertId: null, detail: `案件${named.number}（郑俊杰，13912345678）因同一问题第1次重新办理` }, town.clock.now()),
    );
    browser = await launchChromium();
  }, 180_000);
  afterAll(() => closeBrowserTest(browser, c, t));

  const signedIn = (person: Person) => consolePage(browser, c.base, t.db, person, town.clock.now(), 1000);

  it('R22: the office reads the year\'s facts per person and unit, with their evidence and links to the cases; the words are masked (R24)', async () => {
    const page = await signedIn(town.people.office);
    await page.goto(`${c.base}/console/ledger`);
    await page.getByRole('link', { name: '问责记录' }).click();
    expect(page.url()).toContain('/console/accountability');
    const tallies = await page.locator('table.tallies').innerText();
    for (const who of ['卫村支书', '褚驻村', '陈片长', '周副书记', '孙副镇长', '吴志强', '司法所', '韩纪检', '镇纪委']) expect(tallies).toContain(who);
    const facts = await page.locator('table.facts').innerText();
    expect(facts).toContain('预警升级时仍未确认');
    expect(facts).toContain(`2026年逾期案件2件`);
    expect(facts).toContain('郑*杰，139****5678');
    expect(facts).not.toMatch(/郑俊杰|13912345678/);
    await page.screenshot({ path: join(SHOTS, 'accountability-office.png'), fullPage: true });
    // Each fact links to its cases.
    await page.locator('table.facts').getByRole('link', { name: reopened.number }).first().click();
    expect(page.url()).toContain(`/console/cases/${reopened.id}`);
    await page.close();
  }, 120_000);

  it('R22: filtered by unit (its own facts and its people\'s), person, kind and year', async () => {
    const page = await signedIn(town.people.office);
    await page.goto(`${c.base}/console/accountability`);
    await page.locator('select[name=unitId]').selectOption({ label: '司法所' });
    await page.getByRole('button', { name: '筛选' }).click();
    const byUnit = await page.locator('table.tallies').innerText();
    expect(byUnit).toContain('司法所');
    expect(byUnit).toContain('吴志强');
    expect(byUnit).not.toContain('卫村支书');
    await page.goto(`${c.base}/console/accountability?kind=INACTION`);
    const inaction = await page.locator('table.facts').innerText();
    expect(inaction).toContain('不作为');
    expect(inaction).not.toMatch(/慢作为|乱作为/);
    await page.goto(`${c.base}/console/accountability?personId=${town.people.areaLeader.id}`);
    expect(await page.locator('table.facts tbody tr').count()).toBe(1);
    await page.goto(`${c.base}/console/accountability?year=2025`);
    expect(await page.locator('main').innerText()).toContain('没有符合条件的问责事实');
    // A malformed filter is ignored, not an error.
    expect((await page.goto(`${c.base}/console/accountability?kind=NOPE&unitId=x&year=abc`))?.status()).toBe(200);
    await page.close();
  }, 120_000);

  it('R22/R24/R26: scoped as the ledger is — the mayor the accusation names sees no fact about it; the secretary does; an approver has no such page', async () => {
    const mayor = await signedIn(town.people.mayor);
    await mayor.goto(`${c.base}/console/accountability`);
    expect(await mayor.locator('main').innerText()).not.toContain(accusation.number);
    const seen = `${await mayor.locator('table.tallies').innerText()}\n${await mayor.locator('table.facts').innerText()}`;
    expect(seen).not.toContain('韩纪检');
    expect(seen).toContain('孙副镇长');
    await mayor.screenshot({ path: join(SHOTS, 'accountability-accused-mayor.png'), fullPage: true });
    await mayor.close();
    const secretary = await signedIn(town.people.secretary);
    await secretary.goto(`${c.base}/console/accountability`);
    expect(await secretary.locator('table.facts').innerText()).toContain(accusation.number);
    await secretary.close();
    const approver = await signedIn(town.people.approver);
    await approver.goto(`${c.base}/console/ledger`);
    expect(await approver.getByRole('link', { name: '问责记录' }).count()).toBe(0);
    expect((await approver.goto(`${c.base}/console/accountability`))?.status()).toBe(403);
    expect(await approver.locator('body').innerText()).toContain('问责事实仅信访办和主要领导可查看');
    await approver.close();
  }, 120_000);

  it('R22: the filtered facts export to Excel — the tally and every fact with its evidence, masked, scoped to the reader', async () => {
    const { cookie } = await c.login(town.people.mayor);
    const summary = await sheetRows(await c.get('/console/accountability.xlsx?year=2026', cookie));
    expect(summary[0]![0]).toBe('本镇2026年度问责事实记录');
    expect(summary.flat().join('|')).toContain('孙副镇长');
    const res = await c.get('/console/accountability.xlsx?year=2026', cookie);
    const detail = await sheetRows(res, 2);
    expect(detail[2]).toEqual(['序号', '记录日期', '人员或单位', '所属单位', '类型', '情形', '事实与依据', '相关案件']);
    const text = detail.flat().join('|');
    expect(text).toContain('郑*杰，139****5678');
    expect(text).not.toMatch(/郑俊杰|13912345678|韩纪检/);
    expect(text).not.toContain(accusation.number);
  });
});
