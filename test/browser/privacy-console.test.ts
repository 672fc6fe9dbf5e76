import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseRecord, Person } from '../../src/domain/model.js';
import { intakeCase } from '../../src/usecases/intake-case.js';
import { classifyCase } from '../../src/usecases/review/classify-case.js';
import { closeBrowserTest, consolePage, launchChromium, SHOTS } from '../support/browser.js';
import { startConsole, type ConsoleHarness } from '../support/console.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { buildTownship, intakeForm, type Township } from '../support/township.js';

// R24/R26 as a reader of the console sees it, in Debian's chromium: titles and petitioners masked
// in the ledger and on the case page, full data only on request (and audited), and an
// accusation naming the reader absent from their ledger and refused as a page.

describe('the console keeps petitioners private, in a browser (Playwright + chromium)', () => {
  let t: TestDatabase;
  let town: Township;
  let c: ConsoleHarness;
  let browser: Browser;
  let k: CaseRecord;
  let x: CaseRecord;

  beforeAll(async () => {
    t = await freshDatabase('postgres');
    town = await buildTownship(t.db, '2026-11-24T10:00:00+08:00');
    c = await startConsole(t, town);
    const office = town.actor(town.people.office);
    k = (await intakeCase(town.deps, office, intakeForm({ title: '郑俊杰与邻居排水纠纷', content: '郑俊杰（电话13912345678）反映邻居排水。', petitioners: [{ name: '郑俊杰', phone: '13912345678', idNumber: '110101199003074514', address: '青山村三组12号' }] }))).case;
    x = (await intakeCase(town.deps, office, intakeForm({ title: '检举镇长违规审批', petitioners: [{ name: '高立新', phone: '13700001111' }] }))).case;
    await classifyCase(town.deps, office, { caseId: x.id, classification: 'ACCUSATION', accusedPersonId: town.people.mayor.id });
    browser = await launchChromium();
  }, 120_000);
  afterAll(() => closeBrowserTest(browser, c, t));

  const signedIn = (person: Person) => consolePage(browser, c.base, t.db, person, town.clock.now());

  it('R24: the office sees the ledger and the case page masked, and the full data only when it asks — the view is audited', async () => {
    const page = await signedIn(town.people.office);
    await page.goto(`${c.base}/console/ledger`);
    const ledger = await page.locator('table.ledger').innerText();
    expect(ledger).toContain('郑*杰与邻居排水纠纷');
    expect(ledger).not.toMatch(/郑俊杰|13912345678/);
    await page.screenshot({ path: join(SHOTS, 'privacy-ledger-office.png') });
    await page.getByRole('link', { name: k.number }).click();
    const masked = await page.locator('main').innerText();
    expect(masked).toContain('郑*杰');
    expect(masked).not.toMatch(/郑俊杰|13912345678|110101199003074514|三组12号/);
    await page.getByRole('link', { name: '显示完整信息' }).click();
    expect(await page.locator('main').innerText()).toMatch(/郑俊杰[\s\S]*13912345678/);
    await page.screenshot({ path: join(SHOTS, 'privacy-case-full.png') });
    expect(await t.db.prisma.auditLog.count({ where: { action: 'case.view_personal_data', caseId: k.id } })).toBe(1);
    await page.close();
  }, 120_000);

  it('R24/R26: a principal leader an accusation names finds it nowhere in the ledger, and its page is refused; the other principal leader sees it masked', async () => {
    const accused = await signedIn(town.people.mayor);
    await accused.goto(`${c.base}/console/ledger`);
    expect(await accused.locator('body').innerText()).not.toContain(x.number);
    await accused.screenshot({ path: join(SHOTS, 'privacy-ledger-accused.png') });
    const refused = await accused.goto(`${c.base}/console/cases/${x.id}`);
    expect(refused?.status()).toBe(403);
    expect(await accused.locator('body').innerText()).toContain('依规回避');
    await accused.close();

    const other = await signedIn(town.people.secretary);
    await other.goto(`${c.base}/console/ledger`);
    const ledger = await other.locator('table.ledger').innerText();
    expect(ledger).toContain(x.number);
    expect(ledger).not.toContain('高立新');
    await other.close();
  }, 120_000);
});
