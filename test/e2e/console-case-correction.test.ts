import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../src/domain/model.js';
import { convertSentimentToCase } from '../../src/usecases/duties/convert-sentiment-to-case.js';
import { reportSentiment } from '../../src/usecases/duties/report-sentiment.js';
import { intakeCase } from '../../src/usecases/intake-case.js';
import { startConsole, type ConsoleHarness } from '../support/console.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { buildTownship, intakeForm, type Township } from '../support/township.js';

// The office corrects a case's registration and its petitioners at the console (R7, R16, R24, R25).

describe('correcting a case at the console (real PostgreSQL)', () => {
  let t: TestDatabase;
  let town: Township;
  let c: ConsoleHarness;
  let cookie: string;
  let csrf: string;
  let k: CaseRecord;
  const refreshed: string[][] = [];
  const notified: string[] = [];

  beforeAll(async () => {
    t = await freshDatabase('postgres');
    town = await buildTownship(t.db, '2026-11-02T10:00:00+08:00');
    c = await startConsole(t, town, {
      refreshCases: async (ids) => void refreshed.push([...ids]),
      notify: async (ns) => void notified.push(...ns.map((n) => n.kind)),
    });
    k = (await intakeCase(town.deps, town.actor(town.people.office), intakeForm())).case;
    const login = await c.login(town.people.office);
    cookie = login.cookie;
    csrf = login.csrf(await (await c.get(`/console/cases/${k.id}/correct`, cookie)).text());
  });
  afterAll(async () => {
    await c?.close();
    await t?.drop();
  });

  const form = (changes: Record<string, string> = {}) => ({
    _csrf: csrf, title: k.title, content: k.content, source: k.source, complexity: k.complexity, category: '', villageId: '', headcount: String(k.headcount), reason: '', ...changes,
  });
  const flashOf = (res: Response) => {
    const to = new URL(res.headers.get('location')!, c.base);
    return { path: to.pathname, ok: to.searchParams.get('ok'), error: to.searchParams.get('error') };
  };
  const row = () => t.db.prisma.case.findUniqueOrThrow({ where: { id: k.id }, omit: { updatedAt: true } });

  it('R24: the correction page shows the recorded data in full for the office to correct, and the view is audited', async () => {
    const before = await t.db.prisma.auditLog.count({ where: { action: 'case.view_personal_data', caseId: k.id } });
    const res = await c.get(`/console/cases/${k.id}/correct`, cookie);
    expect(res.status).toBe(200);
    const page = await res.text();
    for (const text of ['更正登记信息', '张大明', '13812345678', '110101199003074514', '来源', '难易程度', '添加信访人']) expect(page).toContain(text);
    const views = await t.db.prisma.auditLog.findMany({ where: { action: 'case.view_personal_data', caseId: k.id }, orderBy: { seq: 'asc' } });
    expect(views).toHaveLength(before + 1);
    expect(views.at(-1)).toMatchObject({ reason: '工作台更正登记信息时查看', channel: 'CONSOLE' });
  });

  it('R7: a corrected complexity moves the deadline; the office is told how, on the case page; the reminders follow', async () => {
    const res = await c.post(`/console/cases/${k.id}/correct`, form({ complexity: 'SIMPLE', reason: '当场答复' }), cookie);
    expect(res.status).toBe(302);
    expect(flashOf(res)).toEqual({ path: `/console/cases/${k.id}`, ok: '已更正难易程度；办结时限由 2026-11-23 调整为 2026-11-02（简单事项当日办结（R7））', error: null });
    expect(await row()).toMatchObject({ complexity: 'SIMPLE', dueOn: new Date('2026-11-02T00:00:00Z'), dueRule: 'R7_SIMPLE' });
    expect(refreshed).toEqual([[k.id]]);
    const page = await (await c.get(flashOf(res).path + `?ok=${encodeURIComponent(flashOf(res).ok!)}`, cookie)).text();
    expect(page).toContain('办结时限由 2026-11-23 调整为 2026-11-02');
    k = { ...k, complexity: 'SIMPLE' };
  });

  it('bad input comes back to the form with its reason in Chinese and changes nothing', async () => {
    const before = { case: await row(), audit: await t.db.prisma.auditLog.count() };
    for (const [changes, message] of [
      [{ title: ' ' }, '标题：不能为空'],
      [{ headcount: '0' }, '人数'],
      [{ source: 'NOWHERE' }, '来源'],
    ] as const) {
      const res = await c.post(`/console/cases/${k.id}/correct`, form(changes), cookie);
      expect(flashOf(res)).toMatchObject({ path: `/console/cases/${k.id}/correct`, ok: null, error: expect.stringContaining(message) });
    }
    const [p] = await t.db.prisma.petitioner.findMany({ where: { caseId: k.id } });
    const bad = await c.post(`/console/cases/${k.id}/petitioners/${p!.id}`, { _csrf: csrf, name: '张大明', phone: '1234', idNumber: '', address: '' }, cookie);
    expect(flashOf(bad).error).toBe('输入有误：电话号码格式不正确');
    const badId = await c.post(`/console/cases/${k.id}/petitioners`, { _csrf: csrf, name: '李四', idNumber: '110101199003074515' }, cookie);
    expect(flashOf(badId).error).toContain('身份证号不正确');
    expect({ case: await row(), audit: await t.db.prisma.auditLog.count() }).toEqual(before);
    // The form page shows the reason it came back with.
    const back = await (await c.get(`/console/cases/${k.id}/correct?error=${encodeURIComponent(flashOf(bad).error!)}`, cookie)).text();
    expect(back).toContain('电话号码格式不正确');
  });

  it('R25: a petitioner corrected at the console is audited before → after, the old row kept', async () => {
    const [p] = await t.db.prisma.petitioner.findMany({ where: { caseId: k.id, supersededAt: null } });
    const res = await c.post(`/console/cases/${k.id}/petitioners/${p!.id}`, { _csrf: csrf, name: '张大明', phone: '13912345678', idNumber: '110101199003074514', address: '', reason: '电话号码变更' }, cookie);
    expect(flashOf(res)).toMatchObject({ path: `/console/cases/${k.id}`, ok: '已更正信访人信息' });
    const entry = await t.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'petitioner.correct', caseId: k.id } });
    expect({ before: JSON.parse(entry.before!), after: JSON.parse(entry.after!), reason: entry.reason, channel: entry.channel }).toMatchObject({
      before: { phone: '13812345678', address: '青山村三组12号' }, after: { phone: '13912345678', address: null }, reason: '电话号码变更', channel: 'CONSOLE',
    });
    expect(await t.db.prisma.petitioner.count({ where: { caseId: k.id } })).toBe(2);
  });

  it('R16: a case converted from a report that named nobody says so on its page; the office completes it there', async () => {
    const { report } = await reportSentiment(town.deps, town.actor(town.people.collector), { villageId: town.villages.a, content: '三组村民反映灌溉渠堵塞。' });
    const { case: s } = await convertSentimentToCase(town.deps, town.actor(town.people.office), { reportId: report.id });
    const page = await (await c.get(`/console/cases/${s.id}`, cookie)).text();
    expect(page).toContain('尚未登记信访人');
    expect(page).toContain(`/console/cases/${s.id}/correct`);
    expect(page).not.toMatch(/待\*/);
    const res = await c.post(`/console/cases/${s.id}/petitioners`, { _csrf: csrf, name: '钱小军', phone: '13700001234', idNumber: '', address: '青山村三组' }, cookie);
    expect(flashOf(res)).toMatchObject({ ok: '已添加信访人' });
    expect(await t.db.prisma.case.findUniqueOrThrow({ where: { id: s.id } })).toMatchObject({ petitionersPending: false });
    expect(await (await c.get(`/console/cases/${s.id}`, cookie)).text()).not.toContain('尚未登记信访人');
  });

  it('R24: only the office corrects: a principal leader gets 403 on the page and on a submit, and nothing changes', async () => {
    const leader = await c.login(town.people.secretary);
    expect((await c.get(`/console/cases/${k.id}/correct`, leader.cookie)).status).toBe(403);
    const leaderCsrf = leader.csrf(await (await c.get(`/console/cases/${k.id}`, leader.cookie)).text());
    const before = await row();
    const res = await c.post(`/console/cases/${k.id}/correct`, { ...form({ title: '领导改的标题' }), _csrf: leaderCsrf }, leader.cookie);
    expect(res.status).toBe(403);
    expect(await row()).toEqual(before);
    expect(await (await c.get(`/console/cases/${k.id}`, leader.cookie)).text()).not.toContain('/correct');
  });
});
