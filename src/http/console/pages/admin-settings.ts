import type Router from '@koa/router';
import { COUNTING_LABELS, DEADLINE_POLICY_KEY, deadlinePolicySchema, type DeadlinePolicy } from '../../../domain/deadlines/deadline-policy.js';
import { REMINDER_SETTINGS_KEY, reminderSettingsSchema } from '../../../domain/reminders/reminder-settings.js';
import { updateDeadlinePolicy } from '../../../usecases/settings/update-deadline-policy.js';
import { updateReminderSettings } from '../../../usecases/settings/update-reminder-settings.js';
import { DEFAULT_TOWN_NAME } from '../../../domain/township/town-name.js';
import { updateTownName } from '../../../usecases/settings/update-town-name.js';
import { pageContext, state, type ConsoleDeps } from '../context.js';
import { html } from '../html.js';
import { page } from '../layout.js';
import { adminNav, consoleActor, csrfField, field, flash, numberField, options, requireAllowed, submit } from './admin-forms.js';

const PAGE = '/console/admin/settings';

type Limit = Exclude<keyof DeadlinePolicy, 'counting'>;

/** Each limit of R7–R10, R26, R27 with its unit and where it comes from. */
const LIMITS: { key: Limit; label: string; unit: string; rule: string }[] = [
  { key: 'generalWorkingDays', label: '一般事项办结', unit: '个工作日', rule: 'R7' },
  { key: 'complexMonths', label: '重点疑难复杂事项办结', unit: '个月', rule: 'R7' },
  { key: 'registerDays', label: '登记、转送交办', unit: '日', rule: 'R9 条例第22条' },
  { key: 'acceptanceDays', label: '决定是否受理并告知', unit: '日', rule: 'R9 条例第23条' },
  { key: 'objectionWorkingDays', label: '不属本单位职责的提出异议', unit: '个工作日', rule: 'R9 条例第23条' },
  { key: 'handlingDays', label: '受理后办理完毕', unit: '日', rule: 'R9 条例第34条' },
  { key: 'maxExtensionDays', label: '延期最多延长', unit: '日', rule: 'R10' },
  { key: 'reviewRequestDays', label: '信访人申请复查、复核', unit: '日内', rule: 'R26' },
  { key: 'reviewAnswerDays', label: '复查、复核答复', unit: '日', rule: 'R26' },
  { key: 'followUpWindowDays', label: '办结后回访', unit: '日内', rule: 'R27' },
];

const COUNTING = Object.entries(COUNTING_LABELS).map(([value, label]) => ({ value, label }));

/** 时限与提醒 (and the township's name): the deadline policy (R7–R10) and when reminders go out and alerts repeat or climb (R18, R20, R21). */
export function adminSettingsRoutes(router: Router, c: ConsoleDeps): void {
  router.get(PAGE, async (ctx) => {
    requireAllowed(ctx, 'EDIT_SETTINGS');
    // Read from the database, not the cache: the page shows what another process may have just saved.
    const policy = deadlinePolicySchema.parse((await c.deps.uow.read((repos) => repos.settings.setting(DEADLINE_POLICY_KEY))) ?? {});
    const reminders = reminderSettingsSchema.parse((await c.deps.uow.read((repos) => repos.settings.setting(REMINDER_SETTINGS_KEY))) ?? {});
    ctx.body = page(
      '时限与提醒',
      pageContext(ctx, 'admin'),
      html`${adminNav(PAGE)}${flash(ctx)}
<section class="card" id="town">
  <h2>乡镇名称</h2>
  <p class="note">导出的报表标题、信访工作周报和上报材料、工作台页面都使用此名称；未设置时显示“${DEFAULT_TOWN_NAME}”。</p>
  <form method="post" action="${PAGE}/town" class="admin-form">${csrfField(ctx)}
    <div class="fields"><label>乡镇名称<input name="townName" value="${state(ctx).townName === DEFAULT_TOWN_NAME ? '' : state(ctx).townName}" maxlength="20" placeholder="如：青山镇" required></label></div>
    <button type="submit">保存乡镇名称</button>
  </form>
</section>
<section class="card" id="deadlines">
  <h2>办理时限</h2>
  <p class="note">默认值依据包案工作方案和《信访工作条例》（2022）。各省规定不同时可在此调整；修改只影响此后计算的期限，已定的期限不变。</p>
  <form method="post" action="${PAGE}/deadlines" class="admin-form">${csrfField(ctx)}
    <div class="fields"><label>计日方式<select name="counting">${options(COUNTING, policy.counting)}</select></label></div>
    <table><thead><tr><th>时限</th><th>数值</th><th>依据</th></tr></thead><tbody>
    ${LIMITS.map((l) => html`<tr><td><label for="f-${l.key}">${l.label}</label></td><td><input id="f-${l.key}" name="${l.key}" type="number" step="1" value="${policy[l.key]}" required> ${l.unit}</td><td>${l.rule}</td></tr>`)}
    </tbody></table>
    <button type="submit">保存办理时限</button>
  </form>
</section>
<section class="card" id="reminders">
  <h2>提醒与预警</h2>
  <form method="post" action="${PAGE}/reminders" class="admin-form">${csrfField(ctx)}<div class="fields">
    <label>日常提醒推送时段（北京时间，工作日）<span><input name="workingHoursStart" value="${reminders.workingHoursStart}" maxlength="5" size="5" placeholder="08:00"> 至 <input name="workingHoursEnd" value="${reminders.workingHoursEnd}" maxlength="5" size="5" placeholder="21:00"></span></label>
    <label>预警未确认，每隔（分钟）重复提醒<input name="alertRepeatMinutes" type="number" step="1" value="${reminders.alertRepeatMinutes}" required></label>
    <label>预警未确认，超过（分钟）逐级上报<input name="alertClimbMinutes" type="number" step="1" value="${reminders.alertClimbMinutes}" required></label>
  </div>
    <p class="note">日常提醒只在工作日的上述时段推送，时段外产生的提醒推迟到下一个推送时段发送；重大事项、异常信件等紧急预警随时推送（R18、R20、R21）。</p>
    <button type="submit">保存提醒设置</button>
  </form>
</section>`,
    ).toString();
  });

  router.post(`${PAGE}/town`, async (ctx) => {
    await submit(ctx, PAGE, async () => {
      const { townName } = await updateTownName(c.deps, consoleActor(ctx), { townName: field(ctx, 'townName') });
      return `已保存乡镇名称：${townName}`;
    });
  });

  router.post(`${PAGE}/deadlines`, async (ctx) => {
    await submit(ctx, PAGE, async () => {
      const patch = { counting: field(ctx, 'counting'), ...Object.fromEntries(LIMITS.map((l) => [l.key, numberField(ctx, l.key)])) };
      await updateDeadlinePolicy(c.deps, consoleActor(ctx), patch);
      return '已保存办理时限，此后计算的期限按新设置执行';
    });
  });

  router.post(`${PAGE}/reminders`, async (ctx) => {
    await submit(ctx, PAGE, async () => {
      await updateReminderSettings(c.deps, consoleActor(ctx), {
        workingHoursStart: field(ctx, 'workingHoursStart')?.trim(),
        workingHoursEnd: field(ctx, 'workingHoursEnd')?.trim(),
        alertRepeatMinutes: numberField(ctx, 'alertRepeatMinutes'),
        alertClimbMinutes: numberField(ctx, 'alertClimbMinutes'),
      });
      return '已保存提醒设置，定时任务将按新设置执行';
    });
  });
}
