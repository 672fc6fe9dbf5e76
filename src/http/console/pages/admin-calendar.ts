import type Router from '@koa/router';
import { chineseOfficialCalendar, officialSpecialDays } from '../../../domain/calendar/official-calendar.js';
import { isLocalDate, localDateOf, weekday } from '../../../lib/local-date.js';
import type { MovedDeadline } from '../../../usecases/cases/follow-calendar.js';
import { removeCalendarOverride, setCalendarOverride } from '../../../usecases/settings/set-calendar-override.js';
import { pageContext, type ConsoleDeps } from '../context.js';
import { html, raw } from '../html.js';
import { page } from '../layout.js';
import { adminNav, consoleActor, csrfField, field, flash, options, requireAllowed, submit, yesNoField } from './admin-forms.js';

const PAGE = '/console/admin/calendar';
const WEEKDAYS = '日一二三四五六';

const dayKind = (working: boolean) => (working ? '上班' : '放假');

/**
 * 工作日历 (R7): the built-in State Council schedule of a year, and the office's overrides that
 * win over it — the next year's schedule once published (around November), or a local correction.
 */
export function adminCalendarRoutes(router: Router, c: ConsoleDeps): void {
  router.get(PAGE, async (ctx) => {
    requireAllowed(ctx, 'EDIT_SETTINGS');
    const thisYear = Number(localDateOf(c.deps.clock.now()).slice(0, 4));
    const asked = Number(ctx.query.year);
    const year = Number.isInteger(asked) && asked >= thisYear - 5 && asked <= thisYear + 5 ? asked : thisYear;
    const overrides = await c.deps.uow.read((repos) => repos.settings.calendarOverrides(`${year}-01-01`, `${year}-12-31`));
    const official = officialSpecialDays(year);
    const years = Array.from({ length: 4 }, (_, i) => thisYear - 1 + i);
    if (!years.includes(year)) years.push(year);
    ctx.body = page(
      '工作日历',
      pageContext(ctx, 'admin'),
      html`${adminNav(PAGE)}${flash(ctx)}
<form class="filters" method="get" action="${PAGE}">
  <label>年度<select name="year">${options(years.sort((a, b) => a - b).map((y) => ({ value: String(y), label: `${y}年` })), String(year))}</select></label>
  <button type="submit">查看</button>
</form>
<section class="card">
  ${
    official.length > 0
      ? html`<p>系统已内置 ${year} 年国务院办公厅公布的放假安排：${official.filter((d) => !d.isWorkingDay).length} 个工作日放假，${official.filter((d) => d.isWorkingDay).length} 个周末调休上班。如有地方调整，可在下方添加。</p>`
      : html`<p class="flash error">系统尚未内置 ${year} 年的放假安排（国务院办公厅一般在上一年 11 月前后公布）。补录之前，${year} 年除周六、周日外都按工作日计算，办理时限可能算错：请按公布的通知在下方添加放假日（连续多天可一次填写）和调休上班日；添加后，在办案件的办理时限会随之调整。</p>`
  }
  <p class="note">这里的设置优先于内置安排，保存后立即生效：新登记案件按它计算办理时限，在办案件尚未到期的时限也随之调整（R7）。</p>
</section>
<section class="card">
  <h2>${year}年自定义日期</h2>
  ${
    overrides.length === 0
      ? html`<p class="empty">暂无自定义日期</p>`
      : html`<table><thead><tr><th>日期</th><th>星期</th><th>设置为</th><th>内置安排</th><th>备注</th><th></th></tr></thead><tbody>
  ${overrides.map(
    (o) => html`<tr><td>${o.date}</td><td>${WEEKDAYS[weekday(o.date)]}</td><td>${dayKind(o.isWorkingDay)}</td><td>${dayKind(chineseOfficialCalendar(o.date))}</td><td>${o.note ?? ''}</td>
<td><form method="post" action="${PAGE}/remove">${csrfField(ctx)}<input type="hidden" name="date" value="${o.date}"><button type="submit" class="secondary">删除</button></form></td></tr>`,
  )}
  </tbody></table>
  <form method="post" action="${PAGE}/remove" class="admin-form">${csrfField(ctx)}<div class="fields">
    <label>删除一段：从<input type="date" name="date" required min="${year}-01-01" max="${year}-12-31"></label>
    <label>至<input type="date" name="until" required min="${year}-01-01" max="${year + 1}-01-31"></label>
  </div><button type="submit" class="secondary">删除这段日期的自定义设置</button></form>`
  }
  <h3>添加或修改日期</h3>
  <form method="post" action="${PAGE}" class="admin-form">${csrfField(ctx)}<div class="fields">
    <label>日期<input type="date" name="date" required min="${year}-01-01" max="${year}-12-31"></label>
    <label>至（连续多天时填写）<input type="date" name="until" min="${year}-01-01" max="${year + 1}-01-31"></label>
    <label>这一天<select name="isWorkingDay">${options([{ value: '0', label: '放假' }, { value: '1', label: '上班（调休）' }], '0')}</select></label>
    <label>备注<input name="note" maxlength="100" placeholder="如：${year}年春节"></label>
  </div><button type="submit">保存</button></form>
</section>
${
  official.length > 0
    ? html`<section class="card"><details><summary>${year}年内置放假安排</summary>
  <table><thead><tr><th>日期</th><th>星期</th><th>安排</th><th>节日</th></tr></thead><tbody>
  ${official.map((d) => html`<tr><td>${d.date}</td><td>${WEEKDAYS[weekday(d.date)]}</td><td>${dayKind(d.isWorkingDay)}</td><td>${d.name}</td></tr>`)}
  </tbody></table></details></section>`
    : raw('')
}`,
    ).toString();
  });

  router.post(PAGE, async (ctx) => {
    const date = field(ctx, 'date') ?? '';
    await submit(ctx, backTo(date), async () => {
      const input = { date, until: field(ctx, 'until') || null, isWorkingDay: yesNoField(ctx, 'isWorkingDay'), note: field(ctx, 'note') };
      const { overrides, moved } = await setCalendarOverride(c.deps, consoleActor(ctx), input);
      const first = overrides[0]!;
      const days = overrides.length > 1 ? `${first.date} 至 ${overrides.at(-1)!.date}（${overrides.length} 天）` : `${first.date} `;
      return `已将 ${days}设为${dayKind(first.isWorkingDay)}${await followed(c, moved)}`;
    });
  });

  router.post(`${PAGE}/remove`, async (ctx) => {
    const date = field(ctx, 'date') ?? '';
    await submit(ctx, backTo(date), async () => {
      const { removed, moved } = await removeCalendarOverride(c.deps, consoleActor(ctx), { date, until: field(ctx, 'until') || null });
      const what = removed.length > 1 ? `${removed[0]!.date} 至 ${removed.at(-1)!.date} 的 ${removed.length} 天自定义设置，这些日期` : `${removed[0]!.date} 的自定义设置，这一天`;
      return `已删除 ${what}恢复按内置安排计算${await followed(c, moved)}`;
    });
  });
}

/** What the edit did to running deadlines, for the message; their reminder jobs follow. */
async function followed(c: ConsoleDeps, moved: readonly MovedDeadline[]): Promise<string> {
  if (moved.length === 0) return '';
  try {
    await c.refreshCases?.(moved.map((m) => m.caseId));
  } catch (err) {
    // The old jobs re-check the case when they run, and the next reconcile replaces them.
    c.logger.warn({ err }, 'reminder jobs of moved deadlines not refreshed');
  }
  const shown = moved.slice(0, 5).map((m) => `${m.number}（${m.from} → ${m.to}）`).join('、');
  return `；${moved.length} 件在办案件的办理时限随之调整：${shown}${moved.length > 5 ? ' 等' : ''}`;
}

/** The page of the date's year, or this year's for a date that is not one. */
const backTo = (date: string) => (isLocalDate(date) ? `${PAGE}?year=${date.slice(0, 4)}` : PAGE);
