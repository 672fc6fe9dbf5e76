import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsole, type ConsoleHarness } from '../support/console.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { collectiveCase } from '../support/flows.js';
import { resolvedCase } from '../support/resolved-case.js';
import { buildTownship, type Township } from '../support/township.js';

describe('the office console pages (real PostgreSQL)', () => {
  let t: TestDatabase;
  let town: Township;
  let c: ConsoleHarness;
  let cookie: string;
  beforeAll(async () => {
    t = await freshDatabase('postgres');
    town = await buildTownship(t.db, '2026-11-24T10:00:00+08:00');
    c = await startConsole(t, town);
    await collectiveCase(town, { villageId: town.villages.a });
    const late = await resolvedCase(t, town, { resolvedAt: '2026-11-10T10:00:00+08:00', dueOn: '2026-11-05', title: '逾期办结的案件' });
    // R11: resolving after the deadline keeps the mark (as the resolve use case records it).
    await t.db.prisma.case.update({ where: { id: late.id }, data: { overdueOn: new Date('2026-11-06T00:00:00Z') } });
    ({ cookie } = await c.login(town.people.office));
  });
  afterAll(async () => {
    await c?.close();
    await t?.drop();
  });

  it('R11/R12/R15: the figures page draws the year by status, source, month and village, the overdue trend, and the duty grid', async () => {
    const res = await c.get('/console/figures?year=2026', cookie);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page.match(/<svg/g)?.length).toBe(6);
    for (const title of ['2026年案件状态', '2026年案件来源', '2026年每月收件', '逾期案件走势', '2026年各村（社区）案件', '定期工作落实情况']) expect(page).toContain(title);
    expect(page).toContain('逾期办结 1');
    expect(page).toContain('青山村');
    // A year that is not a number, or in the future, shows this year.
    expect(await (await c.get('/console/figures?year=abc', cookie)).text()).toContain('2026年案件状态');
    expect(await (await c.get('/console/figures?year=2099', cookie)).text()).toContain('2026年案件状态');
  });
});
