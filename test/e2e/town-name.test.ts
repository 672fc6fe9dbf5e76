import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationCard } from '../../src/bot/support/notification-card.js';
import { weeklySummaryNotification } from '../../src/domain/reminders/weekly-summary.js';
import { reportUp } from '../../src/usecases/cases/report-up.js';
import { startConsole, type ConsoleHarness } from '../support/console.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { collectiveCase } from '../support/flows.js';
import { buildTownship, type Township } from '../support/township.js';
import { sheetRows } from '../support/workbook.js';

// The township's name is a run-time setting (系统管理 → 时限与提醒): every title that printed 「本镇」
// because the name could not be set prints it.

describe('the township\'s name (real PostgreSQL)', () => {
  let t: TestDatabase;
  let town: Township;
  let c: ConsoleHarness;
  let office: Awaited<ReturnType<ConsoleHarness['login']>>;
  const form = async (townName: string, who = office) => {
    const page = await (await c.get('/console/ledger', who.cookie)).text();
    return c.post('/console/admin/settings/town', { _csrf: who.csrf(page), townName }, who.cookie);
  };

  beforeAll(async () => {
    t = await freshDatabase('postgres');
    town = await buildTownship(t.db, '2026-11-24T10:00:00+08:00');
    c = await startConsole(t, town);
    await collectiveCase(town);
    office = await c.login(town.people.office);
  });
  afterAll(async () => {
    await c?.close();
    await t?.drop();
  });

  it('R25: unset, titles say 本镇; bad input is refused in Chinese and changes nothing; a principal leader may not set it', async () => {
    expect((await sheetRows(await c.get('/console/ledger.xlsx', office.cookie)))[0]![0]).toBe('本镇信访事项台账');
    for (const bad of ['<b>青山镇</b>', '镇', '青山镇\n信访办', 'x'.repeat(21)]) {
      const res = await form(bad);
      expect(res.status).toBe(302);
      expect(decodeURIComponent(res.headers.get('location')!)).toMatch(/error=.*乡镇名称/);
    }
    const mayor = await c.login(town.people.mayor);
    expect((await form('青山镇', mayor)).status).toBe(403);
    expect(await t.db.prisma.setting.findUnique({ where: { key: 'townName' } })).toBeNull();
    expect(await t.db.prisma.auditLog.count({ where: { action: 'settings.town_name' } })).toBe(0);
  });

  it('R25: the office sets it (audited: before and after); the exported workbooks\' titles, the console\'s pages and the cards print it', async () => {
    const res = await form(' 青山镇 ');
    expect(decodeURIComponent(res.headers.get('location')!)).toContain('已保存乡镇名称：青山镇');
    const entry = await t.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'settings.town_name' } });
    expect([entry.actorId, JSON.parse(String(entry.before)), JSON.parse(String(entry.after))]).toEqual([town.people.office.id, { townName: '本镇' }, { townName: '青山镇' }]);

    const ledger = await sheetRows(await c.get('/console/ledger.xlsx', office.cookie));
    expect(ledger[0]![0]).toBe('青山镇信访事项台账');
    expect(ledger.at(-1)![0]).toContain('制表单位：青山镇信访办');
    expect((await sheetRows(await c.get('/console/exports/assessment.xlsx?year=2026', office.cookie)))[0]![0]).toBe('青山镇2026年度信访工作考核表');
    expect((await sheetRows(await c.get('/console/exports/quarterly.xlsx?quarter=2026Q4', office.cookie)))[0]![0]).toBe('青山镇2026年第四季度信访工作报表');
    expect(await (await c.get('/console/ledger', office.cookie)).text()).toContain('青山镇信访办工作台');
    expect(await (await c.get('/console/admin/settings', office.cookie)).text()).toContain('value="青山镇"');

    const weekly = weeklySummaryNotification({ from: '2026-11-16', to: '2026-11-22', received: 1, resolved: 0, openNow: 1, overdueNow: 0, byVillage: [] }, [town.people.office.id]);
    expect((await notificationCard(town.deps.uow, town.deps.config, weekly, town.people.office.id)).title).toBe('青山镇信访工作周报');
    const [k] = await t.db.prisma.case.findMany({ take: 1 });
    const { summary } = await reportUp(town.deps, town.actor(town.people.office), { caseId: k!.id });
    expect(summary.split('\n')[0]).toBe(`【青山镇信访事项上报】${k!.number} ${k!.title}`);
  });
});
