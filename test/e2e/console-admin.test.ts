import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intakeCase } from '../../src/usecases/intake-case.js';
import { adminForms, adminSession, adminSnapshot, POLICY_FORM } from '../support/admin-console.js';
import { startConsole, type ConsoleHarness } from '../support/console.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { buildTownship, intakeForm, type Township } from '../support/township.js';

const PAGES = [
  ['/console/admin', '最近的管理操作'],
  ['/console/admin/people', '新增人员'],
  ['/console/admin/units', '联系村领导'],
  ['/console/admin/calendar', '自定义日期'],
  ['/console/admin/keywords', '扬言自杀'],
  ['/console/admin/assessment', '基础分'],
  ['/console/admin/settings', '一般事项办结'],
] as const;

describe('the console administration pages (real PostgreSQL, through HTTP)', () => {
  let t: TestDatabase;
  let town: Township;
  let c: ConsoleHarness;
  let office: { cookie: string; csrf: string };
  let keywordId: string;

  /** Every admin form with valid fields: each would change something if it were let through. */
  const adminPosts = (): [string, Record<string, string>][] => {
    const cadre = town.people.cadre.id;
    return [
      ['/console/admin/people', { name: '新来的', roles: 'CADRE' }],
      [`/console/admin/people/${cadre}`, { name: '吴志强', roles: 'UNIT_HEAD', unitId: town.units.justice }],
      [`/console/admin/people/${cadre}/active`, { active: '0' }],
      [`/console/admin/people/${cadre}/identities`, { platform: 'LARK', openId: 'ou_other' }],
      [`/console/admin/people/${cadre}/identities/unlink`, { platform: 'LARK' }],
      [`/console/admin/people/${town.people.stationed.id}/villages`, { villageId: town.villages.b, relation: 'STATIONED' }],
      [`/console/admin/people/${town.people.villageCadre.id}/villages/unlink`, { villageId: town.villages.a, relation: 'CADRE' }],
      ['/console/admin/units', { name: '综治办', kind: 'DEPARTMENT' }],
      [`/console/admin/units/${town.units.justice}`, { name: '司法所（改）', kind: 'DEPARTMENT' }],
      ['/console/admin/areas', { name: '西片区' }],
      [`/console/admin/areas/${town.areaId}`, { name: '东片区（改）' }],
      ['/console/admin/villages', { name: '新村', areaId: town.areaId }],
      [`/console/admin/villages/${town.villages.b}`, { name: '河口社区', areaId: town.areaId }],
      ['/console/admin/calendar', { date: '2027-01-01', isWorkingDay: '0', note: '元旦' }],
      ['/console/admin/calendar/remove', { date: '2026-12-31' }],
      ['/console/admin/keywords', { category: 'TROUBLE', pattern: '闹访' }],
      [`/console/admin/keywords/${keywordId}/active`, { active: '0' }],
      ['/console/admin/assessment', { code: 'CASE_OVERDUE', label: '信访事项逾期未办结（每件）', points: '-3', active: '1' }],
      ['/console/admin/settings/deadlines', { ...POLICY_FORM, generalWorkingDays: '20' }],
      ['/console/admin/settings/reminders', { workingHoursStart: '07:00', workingHoursEnd: '22:00', alertRepeatMinutes: '5', alertClimbMinutes: '20' }],
    ];
  };

  const snapshot = () => adminSnapshot(t);
  const { submit, refused } = adminForms(() => ({ c, t, session: office }));

  const lastAudit = (action: string) => t.db.prisma.auditLog.findFirstOrThrow({ where: { action }, orderBy: { seq: 'desc' } });
  const expectAudited = async (action: string, entityId: string) => {
    const entry = await lastAudit(action);
    expect(entry).toMatchObject({ actorId: town.people.office.id, channel: 'CONSOLE', entityId });
    return entry;
  };

  beforeAll(async () => {
    t = await freshDatabase('postgres');
    town = await buildTownship(t.db, '2026-11-24T10:00:00+08:00');
    c = await startConsole(t, town);
    // Something for the unlink and remove forms to act on, should they be let through.
    await t.db.prisma.platformIdentity.create({ data: { personId: town.people.cadre.id, platform: 'LARK', openId: 'ou_cadre' } });
    await t.db.prisma.calendarOverride.create({ data: { date: new Date('2026-12-31T00:00:00Z'), isWorkingDay: false, note: '本地调整' } });
    keywordId = (await t.db.prisma.keywordRule.findFirstOrThrow({ where: { pattern: '自杀' } })).id;
    office = await adminSession(c, town.people.office);
  });
  afterAll(async () => {
    await c?.close();
    await t?.drop();
  });

  it('every administration page opens for the office, with the links between them', async () => {
    for (const [path, text] of PAGES) {
      const res = await c.get(path, office.cookie);
      expect(res.status, path).toBe(200);
      const page = await res.text();
      expect(page, path).toContain(text);
      expect(page, path).toContain('href="/console/admin/people"');
    }
    const people = await (await c.get('/console/admin/people', office.cookie)).text();
    expect(people).toContain('王丽华');
    expect(people).toContain('13800000007');
    expect(people).toContain('常委会审批人、镇领导');
    expect(people).toContain('飞书：ou_cadre');
    const person = await c.get(`/console/admin/people/${town.people.cadre.id}`, office.cookie);
    expect(person.status).toBe(200);
    expect(await person.text()).toContain('人员：吴志强');
    expect((await c.get('/console/admin/people/not-a-person', office.cookie)).status).toBe(404);
  });

  it('a principal leader reads the console but opens no administration page and every admin form is refused (403), changing nothing', async () => {
    const mayor = await c.login(town.people.mayor);
    const figures = await c.get('/console/figures', mayor.cookie);
    expect(figures.status).toBe(200);
    const csrf = mayor.csrf(await figures.text());
    for (const [path] of PAGES) expect((await c.get(path, mayor.cookie)).status, path).toBe(403);
    const before = await snapshot();
    for (const [path, fields] of adminPosts()) {
      const res = await c.post(path, { ...fields, _csrf: csrf }, mayor.cookie);
      expect(res.status, path).toBe(403);
      expect(await res.text(), path).toContain('信访办');
    }
    expect(await snapshot()).toEqual(before);
  });

  it('every admin form without the session\'s CSRF token, or with another one, is refused (403), changing nothing', async () => {
    const other = await c.login(town.people.office);
    const otherCsrf = other.csrf(await (await c.get('/console/admin', other.cookie)).text());
    expect(otherCsrf).not.toBe(office.csrf);
    const before = await snapshot();
    for (const [path, fields] of adminPosts()) {
      expect((await c.post(path, fields, office.cookie)).status, path).toBe(403);
      expect((await c.post(path, { ...fields, _csrf: otherCsrf }, office.cookie)).status, path).toBe(403);
      expect((await c.post(path, { ...fields, _csrf: office.csrf }, office.cookie, { origin: 'https://evil.example' })).status, path).toBe(403);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('people: the office adds a person, edits roles and unit, links and unlinks a Lark account, deactivates; each audited', async () => {
    const added = await submit('/console/admin/people', { name: '刘新', jobTitle: '综治干部', mobile: '13900000099', email: 'Liu@Example.cn', unitId: town.units.police, roles: 'CADRE' });
    expect(added.location).toMatch(/^\/console\/admin\/people\?ok=/);
    expect(added.page).toContain('已新增人员：刘新');
    const liu = await t.db.prisma.person.findUniqueOrThrow({ where: { mobile: '13900000099' } });
    expect(liu).toMatchObject({ name: '刘新', title: '综治干部', email: 'liu@example.cn', unitId: town.units.police, roles: ['CADRE'], active: true });
    await expectAudited('person.create', liu.id);

    const page = `/console/admin/people/${liu.id}`;
    const edited = await submit(page, { name: '刘新', jobTitle: '', mobile: '13900000099', email: '', unitId: town.units.justice, roles: 'UNIT_HEAD' });
    expect(edited.location.startsWith(`${page}?ok=`)).toBe(true);
    expect(edited.page).toContain('已保存刘新的信息');
    expect(await t.db.prisma.person.findUniqueOrThrow({ where: { id: liu.id } })).toMatchObject({ title: null, email: null, unitId: town.units.justice, roles: ['UNIT_HEAD'] });
    const update = await expectAudited('person.update', liu.id);
    expect(JSON.parse(update.before!)).toMatchObject({ roles: ['CADRE'], unitId: town.units.police });

    const linked = await submit(`${page}/identities`, { platform: 'LARK', openId: 'ou_liuxin', userId: '' });
    expect(linked.page).toContain('已绑定飞书账号');
    expect(linked.page).toContain('ou_liuxin');
    expect(await t.db.prisma.platformIdentity.findFirstOrThrow({ where: { personId: liu.id } })).toMatchObject({ platform: 'LARK', openId: 'ou_liuxin', userId: null });
    await expectAudited('PLATFORM_IDENTITY_LINKED', liu.id);
    // A user_id typed later keeps the open_id already known.
    await submit(`${page}/identities`, { platform: 'LARK', openId: '', userId: 'liuxin01' });
    expect(await t.db.prisma.platformIdentity.findFirstOrThrow({ where: { personId: liu.id } })).toMatchObject({ openId: 'ou_liuxin', userId: 'liuxin01' });

    const unlinked = await submit(`${page}/identities/unlink`, { platform: 'LARK' });
    expect(unlinked.page).toContain('已解除飞书账号绑定');
    expect(await t.db.prisma.platformIdentity.count({ where: { personId: liu.id } })).toBe(0);
    expect(JSON.parse((await expectAudited('PLATFORM_IDENTITY_UNLINKED', liu.id)).before!)).toMatchObject({ platform: 'LARK', openId: 'ou_liuxin' });

    const off = await submit(`${page}/active`, { active: '0' });
    expect(off.page).toContain('已停用刘新的账号');
    expect((await t.db.prisma.person.findUniqueOrThrow({ where: { id: liu.id } })).active).toBe(false);
    await expectAudited('person.deactivate', liu.id);
    expect(await (await c.get('/console/admin/people', office.cookie)).text()).toMatch(/<tr class="inactive"><td>刘新<\/td>/);
  });

  it('people: an empty name, a taken mobile, an account linked to someone else, or locking oneself out is refused in Chinese, changing nothing', async () => {
    const cadre = town.people.cadre;
    await refused('/console/admin/people', { name: '  ', roles: 'CADRE' }, '姓名：不能为空');
    await refused('/console/admin/people', { name: '张三', roles: 'CADRE', mobile: '1380000' }, '手机号应为11位数字');
    await refused('/console/admin/people', { name: '张三' }, '请至少选择一个角色');
    await refused('/console/admin/people', { name: '张三', roles: 'CADRE', mobile: '13800000008' }, '手机号 13800000008 已登记给郑晓红');
    await refused(`/console/admin/people/${town.people.cadre2.id}/identities`, { platform: 'LARK', openId: 'ou_cadre' }, '该飞书账号已绑定给吴志强');
    await refused(`/console/admin/people/${cadre.id}/identities`, { platform: 'LARK', openId: 'abc' }, '飞书 open_id 以 ou_ 开头');
    await refused(`/console/admin/people/${cadre.id}/identities`, { platform: 'LARK', openId: '', userId: '' }, '请填写 open_id 或 user_id');
    await refused(`/console/admin/people/${town.people.office.id}/active`, { active: '0' }, '不能停用您自己的账号');
    await refused(`/console/admin/people/${town.people.office.id}`, { name: '王丽华', roles: 'CADRE' }, '不能取消您自己的信访办或系统管理员角色');
  });

  it('R18/R16: a stationed cadre is linked to a village from the page and then goes to its major events; the role must match; unlinking takes it back', async () => {
    const stationed = town.people.stationed;
    const page = `/console/admin/people/${stationed.id}`;
    const linked = await submit(`${page}/villages`, { villageId: town.villages.b, relation: 'STATIONED' });
    expect(linked.page).toContain('已添加联系村');
    expect(linked.page).toContain('河口村');
    await expectAudited('person.village_link', stationed.id);
    const { raiseMajorEvent } = await import('../../src/usecases/escalation/raise-major-event.js');
    const { alert } = await raiseMajorEvent(town.deps, town.actor(town.people.office), { villageId: town.villages.b, eventKind: 'MASS_INCIDENT', detail: '村民聚集' });
    const recipients = await t.db.prisma.alertRecipient.findMany({ where: { alertId: alert.id } });
    expect(recipients.map((r) => r.personId)).toContain(stationed.id);
    await t.db.prisma.alert.update({ where: { id: alert.id }, data: { status: 'CLOSED' } });

    await refused(`/console/admin/people/${town.people.cadre.id}/villages`, { villageId: town.villages.b, relation: 'COLLECTOR' }, '没有「民情信息员」角色');
    const gone = await submit(`${page}/villages/unlink`, { villageId: town.villages.b, relation: 'STATIONED' });
    expect(gone.page).toContain('已解除联系村');
    expect(await t.db.prisma.personVillage.count({ where: { personId: stationed.id, villageId: town.villages.b } })).toBe(0);
    await expectAudited('person.village_unlink', stationed.id);
  });

  it('R15: units, areas and villages are added and edited; a village\'s linked leader must be a town leader and then owes it a monthly visit', async () => {
    const area = await submit('/console/admin/areas', { name: '西片区', areaLeaderId: town.people.areaLeader.id });
    expect(area.page).toContain('已新增片区：西片区');
    const west = await t.db.prisma.area.findUniqueOrThrow({ where: { name: '西片区' } });
    expect(west.leaderId).toBe(town.people.areaLeader.id);
    await expectAudited('area.create', west.id);

    await refused('/console/admin/villages', { name: '石桥村', areaId: west.id, linkedLeaderId: town.people.cadre2.id }, '联系村领导须为镇党政领导');
    await refused('/console/admin/villages', { name: '石桥村', areaId: '' }, '片区：请选择');
    await refused('/console/admin/villages', { name: '青山村', areaId: west.id }, '村「青山村」已存在');
    const village = await submit('/console/admin/villages', { name: '石桥村', areaId: west.id, linkedLeaderId: town.people.deputy2.id });
    expect(village.page).toContain('已新增村：石桥村');
    const shiqiao = await t.db.prisma.village.findUniqueOrThrow({ where: { name: '石桥村' } });
    expect(shiqiao).toMatchObject({ areaId: west.id, linkedLeaderId: town.people.deputy2.id });
    await expectAudited('village.create', shiqiao.id);
    const obligations = await town.deps.uow.read((repos) => repos.visits.obligations());
    expect(obligations.find((o) => o.leaderId === town.people.deputy2.id)?.villageIds).toEqual([shiqiao.id]);

    const committee = await submit('/console/admin/units', { name: '石桥村委会', kind: 'VILLAGE_COMMITTEE', villageId: shiqiao.id, headId: '', leaderInChargeId: town.people.deputy2.id });
    expect(committee.page).toContain('已新增单位：石桥村委会');
    const unit = await t.db.prisma.unit.findUniqueOrThrow({ where: { name: '石桥村委会' } });
    expect(unit).toMatchObject({ kind: 'VILLAGE_COMMITTEE', villageId: shiqiao.id, leaderInChargeId: town.people.deputy2.id });
    await expectAudited('unit.create', unit.id);
    await refused('/console/admin/units', { name: '石桥村二委', kind: 'VILLAGE_COMMITTEE', villageId: shiqiao.id }, '石桥村已有村委会「石桥村委会」');
    await refused('/console/admin/units', { name: '第二信访办', kind: 'OFFICE' }, '已有信访办单位「镇信访办」');
    await refused(`/console/admin/units/${town.units.justice}`, { name: '派出所', kind: 'DEPARTMENT' }, '单位「派出所」已存在');
    await refused(`/console/admin/units/${town.units.justice}`, { name: '司法所', kind: 'DEPARTMENT', leaderInChargeId: town.people.cadre.id }, '分管领导须为镇党政领导');

    const renamed = await submit(`/console/admin/units/${town.units.justice}`, { name: '镇司法所', kind: 'DEPARTMENT', headId: town.people.unitHead.id, leaderInChargeId: town.people.deputy.id });
    expect(renamed.page).toContain('已保存单位：镇司法所');
    expect(JSON.parse((await expectAudited('unit.update', town.units.justice)).before!)).toMatchObject({ name: '司法所' });
    const moved = await submit(`/console/admin/villages/${town.villages.b}`, { name: '河口村', areaId: west.id, linkedLeaderId: town.people.deputy.id });
    expect(moved.page).toContain('已保存村：河口村');
    expect(await t.db.prisma.village.findUniqueOrThrow({ where: { id: town.villages.b } })).toMatchObject({ areaId: west.id, linkedLeaderId: town.people.deputy.id });
    await expectAudited('village.update', town.villages.b);
  });

  // chinese-days 1.5.7 (package-lock) knows the schedules up to 2026: 2027 is the year the office must add.
  it('R7: the calendar page says which years are built in; a 2027 holiday added there counts at once, running deadlines included, and can be removed', async () => {
    // A month on (the session of November has expired by then, and is swept at the next login): cases running into 2027.
    const loginAsOffice = async () => {
      office = await adminSession(c, town.people.office);
    };
    town.clock.set('2026-12-24T10:00:00+08:00');
    try {
      await loginAsOffice();
      await calendarPageFlow();
    } finally {
      town.clock.set('2026-11-24T10:00:00+08:00');
      await loginAsOffice();
    }
  });

  const calendarPageFlow = async () => {
    const { case: running } = await intakeCase(town.deps, town.actor(town.people.office), intakeForm());
    expect(running.dueOn).toBe('2027-01-15'); // 15 working days, 2026-12-31 off here (本地调整)
    expect(await (await c.get('/console/admin/calendar?year=2026', office.cookie)).text()).toContain('系统已内置 2026 年国务院办公厅公布的放假安排');
    const before = await (await c.get('/console/admin/calendar?year=2027', office.cookie)).text();
    expect(before).toContain('系统尚未内置 2027 年的放假安排');
    expect((await town.deps.config.calendar()).isWorkingDay('2027-01-01')).toBe(true);

    const set = await submit('/console/admin/calendar', { date: '2027-01-01', isWorkingDay: '0', note: '2027年元旦' });
    expect(set.location).toMatch(/^\/console\/admin\/calendar\?year=2027&ok=/);
    expect(set.page).toContain('已将 2027-01-01 设为放假');
    expect(set.page).toContain('2027年元旦');
    expect(set.page).toContain('件在办案件的办理时限随之调整');
    expect(set.page).toContain(`${running.number}（2027-01-15 → 2027-01-18）`);
    expect((await t.db.prisma.case.findUniqueOrThrow({ where: { id: running.id } })).dueOn).toEqual(new Date('2027-01-18T00:00:00Z'));
    expect((await town.deps.config.calendar()).isWorkingDay('2027-01-01')).toBe(false);
    expect(JSON.parse((await expectAudited('settings.calendar_override', '2027-01-01')).after!)).toEqual({ date: '2027-01-01', isWorkingDay: false, note: '2027年元旦' });

    await refused('/console/admin/calendar', { date: '2027-02-30', isWorkingDay: '0' }, '日期格式应为 YYYY-MM-DD');
    await refused('/console/admin/calendar', { date: '2027-02-06' }, '请选择“上班”或“放假”');
    await refused('/console/admin/calendar', { date: '2027-02-14', until: '2027-02-06', isWorkingDay: '0' }, '结束日期不能早于开始日期');


    const removed = await submit('/console/admin/calendar/remove', { date: '2027-01-01' });
    expect(removed.page).toContain('已删除 2027-01-01 的自定义设置');
    expect(removed.page).toContain(`${running.number}（2027-01-18 → 2027-01-15）`);
    expect((await town.deps.config.calendar()).isWorkingDay('2027-01-01')).toBe(true);
    await expectAudited('settings.calendar_override_removed', '2027-01-01');
    await refused('/console/admin/calendar/remove', { date: '2027-01-01' }, '2027-01-01 没有自定义的日历设置');
  };

  it('R20: a keyword rule added on the page flags the next letter; a broken regex is refused; a rule is switched off, not deleted', async () => {
    const content = '不解决的话我们就到县政府门口讨说法。';
    const flags = async () => (await intakeCase(town.deps, town.actor(town.people.office), intakeForm({ source: 'LETTER', content }))).case.dangerFlags;
    expect(await flags()).toEqual([]);
    await refused('/console/admin/keywords', { category: 'TROUBLE', pattern: '(县|市)政府门口(', isRegex: '1' }, '正则表达式格式不正确');
    await refused('/console/admin/keywords', { category: 'TROUBLE', pattern: '   ' }, '关键词不能为空');
    const added = await submit('/console/admin/keywords', { category: 'TROUBLE', pattern: '(县|市)政府门口', isRegex: '1' });
    expect(added.page).toContain('已新增扬言滋事关键词「(县|市)政府门口」');
    const rule = await t.db.prisma.keywordRule.findFirstOrThrow({ where: { pattern: '(县|市)政府门口' } });
    expect(rule).toMatchObject({ category: 'TROUBLE', isRegex: true, active: true });
    await expectAudited('settings.keyword_add', rule.id);
    expect(await flags()).toEqual(['TROUBLE']);

    const off = await submit(`/console/admin/keywords/${rule.id}/active`, { active: '0' });
    expect(off.page).toContain('已停用关键词「(县|市)政府门口」');
    expect((await t.db.prisma.keywordRule.findUniqueOrThrow({ where: { id: rule.id } })).active).toBe(false);
    await expectAudited('settings.keyword_disable', rule.id);
    expect(await flags()).toEqual([]);
  });

  it('R20: a pattern open to ReDoS is refused on the page; an unsafe rule stored earlier is marked, with what intake does with it', async () => {
    await refused('/console/admin/keywords', { category: 'TROUBLE', pattern: '(a+)+b', isRegex: '1' }, '重复里又套着重复');
    await refused('/console/admin/keywords', { category: 'TROUBLE', pattern: '(a|aa)*c', isRegex: '1' }, '开头相同的选项');
    const nested = await t.db.prisma.keywordRule.create({ data: { category: 'MURDER', pattern: '(砍+)+死', isRegex: true } });
    const lookahead = await t.db.prisma.keywordRule.create({ data: { category: 'EXPLOSION', pattern: '(?=放)放炮仗', isRegex: true } });
    try {
      const page = await (await c.get('/console/admin/keywords', office.cookie)).text();
      expect(page).toContain('有 2 条启用中的规则按现在的检查不能保存');
      expect(page).toContain('登记时按不回溯的方式匹配，不会卡住系统');
      expect(page).toContain('登记时已跳过此规则');
    } finally {
      await t.db.prisma.keywordRule.updateMany({ where: { id: { in: [nested.id, lookahead.id] } }, data: { active: false } });
    }
    expect(await (await c.get('/console/admin/keywords', office.cookie)).text()).not.toContain('按现在的检查不能保存');
  });

  it('R20: a rule that would flag every petition (.*, a|) or ordinary ones (的, 上访) is refused on the page; one stored earlier is marked as left out', async () => {
    await refused('/console/admin/keywords', { category: 'TROUBLE', pattern: '.*', isRegex: '1' }, '这条规则连空白内容也能匹配（如 .*、a|、()），会把每一件信访都标记为异常信件');
    await refused('/console/admin/keywords', { category: 'BEIJING_COLLECTIVE', pattern: '进京|', isRegex: '1' }, '连空白内容也能匹配');
    await refused('/console/admin/keywords', { category: 'TROUBLE', pattern: '的' }, '这条规则会把普通的信访内容（如「反映我家承包地被占用的问题，请求镇政府帮助解决。」）也标记为异常信件，请写得更具体');
    await refused('/console/admin/keywords', { category: 'BEIJING_COLLECTIVE', pattern: '上访' }, '也标记为异常信件，请写得更具体');
    const stored = await t.db.prisma.keywordRule.create({ data: { category: 'TROUBLE', pattern: '()', isRegex: true } });
    town.deps.config.invalidate();
    try {
      const page = await (await c.get('/console/admin/keywords', office.cookie)).text();
      expect(page).toContain('有 1 条启用中的规则按现在的检查不能保存');
      expect(page).toContain('会把每一件信访都标记为异常信件（登记时已跳过此规则）');
      const { case: quiet } = await intakeCase(town.deps, town.actor(town.people.office), intakeForm({ source: 'LETTER', content: '反映宅基地纠纷，请求调解。' }));
      expect(quiet.dangerFlags).toEqual([]);
    } finally {
      await t.db.prisma.keywordRule.update({ where: { id: stored.id }, data: { active: false } });
      town.deps.config.invalidate();
    }
    await refused(`/console/admin/keywords/${stored.id}/active`, { active: '1' }, '不能启用：这条规则连空白内容也能匹配');
  });

  it('R23: the office changes a deduction\'s points; a positive deduction or disabling the base score is refused', async () => {
    await refused('/console/admin/assessment', { code: 'CASE_OVERDUE', label: '信访事项逾期未办结（每件）', points: '5', active: '1' }, '扣分项分值应在 -100 到 0 之间');
    await refused('/console/admin/assessment', { code: 'BASE_SCORE', label: '基础分', points: '100', active: '0' }, '基础分不能停用');
    await refused('/console/admin/assessment', { code: 'CASE_OVERDUE', label: '', points: '-1', active: '1' }, '名称：不能为空');
    const saved = await submit('/console/admin/assessment', { code: 'CASE_OVERDUE', label: '信访事项逾期未办结（每件）', points: '-1.5', active: '1' });
    expect(saved.page).toContain('已保存考核项目「信访事项逾期未办结（每件）」：-1.5 分');
    expect(Number((await t.db.prisma.assessmentRule.findUniqueOrThrow({ where: { code: 'CASE_OVERDUE' } })).points)).toBe(-1.5);
    const entry = await expectAudited('assessment.rule.update', 'CASE_OVERDUE');
    expect(JSON.parse(entry.before!)).toMatchObject({ points: -1 });
    expect(saved.page).toContain('value="-1.5"');
  });

  it('R9: deadline limits and reminder hours are saved from the settings page; 25:00 or a blank limit is refused', async () => {
    await refused('/console/admin/settings/reminders', { workingHoursStart: '25:00', workingHoursEnd: '21:00', alertRepeatMinutes: '10', alertClimbMinutes: '30' }, '推送开始时间：时间格式应为 HH:MM');
    await refused('/console/admin/settings/reminders', { workingHoursStart: '22:00', workingHoursEnd: '21:00', alertRepeatMinutes: '10', alertClimbMinutes: '30' }, '推送时段的开始时间须早于结束时间');
    await refused('/console/admin/settings/deadlines', { ...POLICY_FORM, generalWorkingDays: '' }, '一般事项时限');
    await refused('/console/admin/settings/deadlines', { ...POLICY_FORM, counting: 'WHATEVER' }, '计日方式');

    const reminders = await submit('/console/admin/settings/reminders', { workingHoursStart: '07:30', workingHoursEnd: '21:00', alertRepeatMinutes: '5', alertClimbMinutes: '20' });
    expect(reminders.page).toContain('已保存提醒设置');
    expect(reminders.page).toContain('value="07:30"');
    expect(await town.deps.config.reminderSettings()).toEqual({ workingHoursStart: '07:30', workingHoursEnd: '21:00', alertRepeatMinutes: 5, alertClimbMinutes: 20 });
    await expectAudited('settings.reminders', 'reminderSettings');

    const policy = await submit('/console/admin/settings/deadlines', { ...POLICY_FORM, generalWorkingDays: '20' });
    expect(policy.page).toContain('已保存办理时限');
    expect((await town.deps.config.deadlinePolicy()).generalWorkingDays).toBe(20);
    expect(JSON.parse((await expectAudited('settings.deadline_policy', 'deadlinePolicy')).after!)).toMatchObject({ generalWorkingDays: 20, counting: 'CIVIL_CODE' });
  });

  it('the flash message is escaped, and the admin home lists the changes made, in Chinese', async () => {
    const page = await (await c.get(`/console/admin/keywords?error=${encodeURIComponent('<script>alert(1)</script>')}`, office.cookie)).text();
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).not.toContain('<script>alert(1)');
    const home = await (await c.get('/console/admin', office.cookie)).text();
    for (const label of ['新增人员', '绑定平台账号', '新增村', '修改考核分值', '修改办理时限']) expect(home).toContain(label);
  });

  it('R7: a holiday of several days is entered in one go on the calendar page; an empty 至 is one day', async () => {
    const festival = await submit('/console/admin/calendar', { date: '2027-02-06', until: '2027-02-14', isWorkingDay: '0', note: '2027年春节' });
    expect(festival.page).toContain('已将 2027-02-06 至 2027-02-14（9 天）设为放假');
    const single = await submit('/console/admin/calendar', { date: '2027-02-20', until: '', isWorkingDay: '1', note: '春节调休' });
    expect(single.page).toContain('已将 2027-02-20 设为上班');
    const february = await t.db.prisma.calendarOverride.findMany({ where: { date: { gte: new Date('2027-02-01T00:00:00Z'), lte: new Date('2027-02-28T00:00:00Z') } }, orderBy: { date: 'asc' } });
    expect(february.map((o) => [o.date.toISOString().slice(0, 10), o.isWorkingDay])).toEqual([
      ...['06', '07', '08', '09', '10', '11', '12', '13', '14'].map((d) => [`2027-02-${d}`, false]),
      ['2027-02-20', true],
    ]);
    const page = await (await c.get('/console/admin/calendar?year=2027', office.cookie)).text();
    expect(page).toContain('删除这段日期的自定义设置');
    const removed = await submit('/console/admin/calendar/remove', { date: '2027-02-01', until: '2027-02-28' });
    expect(removed.page).toContain('已删除 2027-02-06 至 2027-02-20 的 10 天自定义设置');
    expect(await t.db.prisma.calendarOverride.count({ where: { date: { gte: new Date('2027-02-01T00:00:00Z'), lte: new Date('2027-02-28T00:00:00Z') } } })).toBe(0);
  });
});
