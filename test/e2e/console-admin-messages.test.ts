import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DANGER_CATEGORY_LABELS } from '../../src/domain/intake/danger-keywords.js';
import { ROLES } from '../../src/domain/model.js';
import { UNIT_KINDS, VILLAGE_RELATIONS } from '../../src/domain/organisation.js';
import { adminForms, adminSession, POLICY_FORM } from '../support/admin-console.js';
import { startConsole, type ConsoleHarness } from '../support/console.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { buildTownship, type Township } from '../support/township.js';

// Issue 15 item 7: every administration form refuses bad input in plain Chinese — the field's
// name as the page shows it, a choice by its Chinese name, a number by its range — and changes nothing.

const CODES = [...Object.keys(DANGER_CATEGORY_LABELS), ...ROLES, ...UNIT_KINDS, ...VILLAGE_RELATIONS, 'CIVIL_CODE', 'INCLUSIVE', 'LARK', 'DINGTALK'];

/** What zod says by itself, a type name, a stored code or a field's key: none of it reaches the page. */
function expectPlainChinese(flash: string) {
  expect(flash).toMatch(/^输入有误：/);
  expect(flash).not.toMatch(/期望|无效输入|无效选项|数值过[大小]|未知的键|expected|invalid|undefined|NaN|number|string|boolean/i);
  expect(flash, 'a field key before ：').not.toMatch(/\b[a-z][A-Za-z]*：/);
  for (const code of CODES) expect(flash).not.toContain(code);
}

const REMINDER_FORM = { workingHoursStart: '08:00', workingHoursEnd: '21:00', alertRepeatMinutes: '10', alertClimbMinutes: '30' };

describe('the administration forms refuse bad input in plain Chinese (real PostgreSQL, through HTTP)', () => {
  let t: TestDatabase;
  let town: Township;
  let c: ConsoleHarness;
  let office: { cookie: string; csrf: string };
  const { refused } = adminForms(() => ({ c, t, session: office }));
  /** Refused with `reason`, nothing changed, and no English or code on the page. */
  const refusedPlainly = async (path: string, fields: Record<string, string>, reason: string) => expectPlainChinese(await refused(path, fields, reason));

  beforeAll(async () => {
    t = await freshDatabase('postgres');
    town = await buildTownship(t.db, '2026-11-24T10:00:00+08:00');
    c = await startConsole(t, town);
    office = await adminSession(c, town.people.office);
  });
  afterAll(async () => {
    await c?.close();
    await t?.drop();
  });

  it('R9: 时限与提醒 — a limit out of range, a fraction or blank is named with its range; an unknown counting rule lists the rules by name', async () => {
    const deadlines = '/console/admin/settings/deadlines';
    await refusedPlainly(deadlines, { ...POLICY_FORM, generalWorkingDays: '0' }, '一般事项时限：应为 1 到 90 之间的整数');
    await refusedPlainly(deadlines, { ...POLICY_FORM, generalWorkingDays: '2.5' }, '一般事项时限：应为 1 到 90 之间的整数');
    await refusedPlainly(deadlines, { ...POLICY_FORM, generalWorkingDays: '' }, '一般事项时限：应为 1 到 90 之间的整数');
    await refusedPlainly(deadlines, { ...POLICY_FORM, complexMonths: '13' }, '疑难复杂事项时限：应为 1 到 12 之间的整数');
    await refusedPlainly(deadlines, { ...POLICY_FORM, maxExtensionDays: '-1' }, '最长延期：应为 0 到 365 之间的整数');
    await refusedPlainly(deadlines, { ...POLICY_FORM, counting: 'WHATEVER' }, '计日方式：应为以下之一：「民法典：起算日不计入，期限末日遇休息日顺延至下一个工作日」、「起算日计为第1天」');
    await refusedPlainly(deadlines, { ...POLICY_FORM, counting: '' }, '计日方式：请选择');
    // Every problem of one submit is listed, each with its field.
    await refusedPlainly(deadlines, { ...POLICY_FORM, handlingDays: '400', objectionWorkingDays: '31' }, '异议时限：应为 1 到 30 之间的整数；办理时限：应为 1 到 365 之间的整数');

    const reminders = '/console/admin/settings/reminders';
    await refusedPlainly(reminders, { ...REMINDER_FORM, alertRepeatMinutes: '0' }, '预警重复提醒间隔：应为 1 到 240 之间的整数');
    await refusedPlainly(reminders, { ...REMINDER_FORM, alertClimbMinutes: '' }, '预警升级间隔：应为 1 到 1440 之间的整数');
    await refusedPlainly(reminders, { ...REMINDER_FORM, workingHoursEnd: '9点' }, '推送结束时间：时间格式应为 HH:MM（如 08:00）');
    await refusedPlainly('/console/admin/settings/town', { townName: '镇' }, '乡镇名称至少 2 个字');
  });

  it('R7: 工作日历 — the end of a run of days is 结束日期, not its key; a missing choice or a long note is said so', async () => {
    await refusedPlainly('/console/admin/calendar', { date: '2027-02-06', until: '2027-13-01', isWorkingDay: '0' }, '结束日期：日期格式应为 YYYY-MM-DD');
    await refusedPlainly('/console/admin/calendar', { date: '2027-02-06', until: '2027-03-20', isWorkingDay: '0' }, '结束日期：一次最多设置连续 31 天');
    await refusedPlainly('/console/admin/calendar', { date: '2027-02-06', isWorkingDay: '0', note: '春'.repeat(101) }, '备注：不能超过100个字');
    await refusedPlainly('/console/admin/calendar', { date: '', isWorkingDay: '0' }, '日期格式应为 YYYY-MM-DD');
    await refusedPlainly('/console/admin/calendar/remove', { date: '2027-02-14', until: '2027-02-06' }, '结束日期不能早于开始日期');
  });

  it('R20: 异常信件关键词 — a category not chosen, or one that is not on the list, is answered with the categories by name', async () => {
    await refusedPlainly('/console/admin/keywords', { category: '', pattern: '闹访' }, '类别：请选择');
    await refusedPlainly(
      '/console/admin/keywords',
      { category: 'RIOT', pattern: '闹访' },
      `类别：应为以下之一：${Object.values(DANGER_CATEGORY_LABELS).map((l) => `「${l}」`).join('、')}`,
    );
    await refusedPlainly('/console/admin/keywords', { category: 'TROUBLE' }, '关键词：请填写');
    const rule = await t.db.prisma.keywordRule.findFirstOrThrow({ where: { pattern: '自杀' } });
    await refusedPlainly(`/console/admin/keywords/${rule.id}/active`, { active: 'maybe' }, '状态：请选择启用或停用');
  });

  it('R23: 考核分值 — a blank score or an over-long name is refused in Chinese', async () => {
    await refusedPlainly('/console/admin/assessment', { code: 'CASE_OVERDUE', label: '逾期', points: '', active: '1' }, '分值应为数字');
    await refusedPlainly('/console/admin/assessment', { code: 'CASE_OVERDUE', label: '逾'.repeat(101), points: '-1', active: '1' }, '项目名称：不能超过100个字');
  });

  it('人员与角色 — a person\'s fields are named as on the page (单位, not 责任单位); a bad choice is said so', async () => {
    const cadre = town.people.cadre.id;
    await refusedPlainly('/console/admin/people', { name: '张'.repeat(31), roles: 'CADRE' }, '姓名：不能超过30个字');
    await refusedPlainly('/console/admin/people', { name: '张三', roles: 'CADRE', email: 'zhang@' }, '邮箱格式不正确');
    await refusedPlainly('/console/admin/people', { name: '张三', roles: 'CADRE', unitId: 'not-a-unit' }, '单位：编号格式不正确');
    await refusedPlainly('/console/admin/people', { name: '张三', roles: 'BOSS' }, '角色不正确');
    await refusedPlainly(`/console/admin/people/${cadre}`, { name: '', roles: 'CADRE' }, '姓名：不能为空');
    await refusedPlainly(`/console/admin/people/${cadre}/active`, { active: '' }, '请选择启用或停用');
    await refusedPlainly(`/console/admin/people/${cadre}/identities`, { platform: 'WECHAT', openId: 'ou_x' }, '请选择飞书或钉钉');
    await refusedPlainly(`/console/admin/people/${cadre}/identities`, { platform: 'LARK', userId: '吴志强' }, 'user_id：只能包含字母、数字、下划线和连字符');
    await refusedPlainly(`/console/admin/people/${town.people.stationed.id}/villages`, { villageId: '', relation: 'STATIONED' }, '村（社区）：请选择');
    await refusedPlainly(`/console/admin/people/${town.people.stationed.id}/villages`, { villageId: town.villages.b, relation: '' }, '请选择与村的关系');
  });

  it('单位·片区·村 — a name is 单位名称, 片区名称 or 村（社区）名称 on its own form, not 姓名', async () => {
    await refusedPlainly('/console/admin/units', { name: ' ', kind: 'DEPARTMENT' }, '单位名称：不能为空');
    await refusedPlainly(`/console/admin/units/${town.units.justice}`, { name: '司'.repeat(41), kind: 'DEPARTMENT' }, '单位名称：不能超过40个字');
    await refusedPlainly('/console/admin/units', { name: '综治办', kind: '' }, '请选择单位类型');
    await refusedPlainly('/console/admin/units', { name: '综治办', kind: 'DEPARTMENT', headId: 'x' }, '主要负责人：编号格式不正确');
    await refusedPlainly('/console/admin/areas', { name: '' }, '片区名称：不能为空');
    await refusedPlainly(`/console/admin/areas/${town.areaId}`, { name: '' }, '片区名称：不能为空');
    await refusedPlainly('/console/admin/villages', { name: '', areaId: town.areaId }, '村（社区）名称：不能为空');
    await refusedPlainly(`/console/admin/villages/${town.villages.b}`, { name: '', areaId: town.areaId }, '村（社区）名称：不能为空');
  });
});
