import type { Context } from 'koa';
import { assertGlobalAllowed, type GlobalAction } from '../../../domain/authorization.js';
import { isDomainError } from '../../../domain/errors.js';
import type { Actor } from '../../../domain/model.js';
import { state } from '../context.js';
import { html, raw, type SafeHtml } from '../html.js';

// What every administration page shares: who may open it, the flash message of the last
// submit, and Post/Redirect/Get around a use case.

/** The viewer may open the page only if they may make its changes; else the router answers 403. */
export function requireAllowed(ctx: Context, action: GlobalAction): void {
  assertGlobalAllowed(state(ctx).viewer, action);
}

export function consoleActor(ctx: Context): Actor {
  return { person: state(ctx).viewer, channel: 'CONSOLE' };
}

/** The hidden CSRF field every form carries. */
export function csrfField(ctx: Context): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${state(ctx).csrf}">`;
}

const MAX_FLASH = 300;

/** The result of the last submit, from `?ok=` or `?error=` (escaped like any text). */
export function flash(ctx: Context): SafeHtml {
  const pick = (v: unknown) => (typeof v === 'string' && v ? v.slice(0, MAX_FLASH) : null);
  const error = pick(ctx.query.error);
  const ok = pick(ctx.query.ok);
  return html`${error ? html`<p class="flash error" role="alert">${error}</p>` : ''}${ok ? html`<p class="flash ok" role="status">${ok}</p>` : ''}`;
}

/**
 * Runs one submit and redirects back to `back` with its result (to `doneTo` when it worked). A
 * refused or invalid submit (the use case changed nothing) comes back with its Chinese reason; a
 * forbidden one is left to the router, which answers 403.
 */
export async function submit(ctx: Context, back: string, run: () => Promise<string>, doneTo = back): Promise<void> {
  const to = (path: string, key: 'ok' | 'error', message: string) => `${path}${path.includes('?') ? '&' : '?'}${key}=${encodeURIComponent(message)}`;
  try {
    const message = await run();
    ctx.redirect(to(doneTo, 'ok', message));
  } catch (err) {
    if (!isDomainError(err) || err.code === 'FORBIDDEN') throw err;
    ctx.redirect(to(back, 'error', err.message));
  }
}

/** A posted field as typed; missing is undefined. */
export function field(ctx: Context, name: string): string | undefined {
  return state(ctx).form.get(name) ?? undefined;
}

/** A posted number; blank or not a number is NaN, which the use case refuses with the field's name. */
export function numberField(ctx: Context, name: string): number | undefined {
  const v = field(ctx, name);
  if (v === undefined) return undefined;
  return v.trim() === '' ? Number.NaN : Number(v);
}

/** A posted choice of yes/no ('1' or '0' from a select); anything else is missing. */
export function yesNoField(ctx: Context, name: string): boolean | undefined {
  const v = field(ctx, name);
  return v === '1' ? true : v === '0' ? false : undefined;
}

/** A checkbox: present when ticked. */
export function checkbox(ctx: Context, name: string): boolean {
  return state(ctx).form.has(name);
}

/** The administration pages, for the links between them. */
export const ADMIN_PAGES = [
  { href: '/console/admin/people', label: '人员与角色', note: '登记人员、分配角色和单位，停用离岗人员，绑定飞书、钉钉账号' },
  { href: '/console/admin/units', label: '单位·片区·村', note: '责任单位及负责人、分管领导，片区和包片领导，村及联系村领导（R15）' },
  { href: '/console/admin/calendar', label: '工作日历', note: '补录次年国务院放假安排，修正个别日期（R7）' },
  { href: '/console/admin/keywords', label: '异常信件关键词', note: '扬言自杀、进京集体访等关键词和正则规则（R20）' },
  { href: '/console/admin/assessment', label: '考核分值', note: '年终考核基础分和各扣分项分值（R23）' },
  { href: '/console/admin/settings', label: '时限与提醒', note: '乡镇名称，办理时限和计日方式（R7–R10），推送时段和预警间隔' },
] as const;

/** The row of links at the top of every administration page. */
export function adminNav(current: string): SafeHtml {
  return html`<nav class="subnav"><a href="/console/admin">管理首页</a>${ADMIN_PAGES.map(
    (p) => html`<a href="${p.href}" class="${p.href === current ? 'active' : ''}">${p.label}</a>`,
  )}</nav>`;
}

/** The options of a select, the current value selected; `blank` adds a first "none" option. */
export function options(items: readonly { value: string; label: string }[], selected: string | null | undefined, blank?: string): SafeHtml {
  const opt = (value: string, label: string) => html`<option value="${value}"${value === (selected ?? '') ? raw(' selected') : ''}>${label}</option>`;
  return html`${blank !== undefined ? opt('', blank) : ''}${items.map((i) => opt(i.value, i.label))}`;
}

const collator = new Intl.Collator('zh-Hans-CN');

/** Names in the order an office expects them (拼音), not by code point as the database sorts. */
export function byName<T extends { name: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => collator.compare(a.name, b.name));
}
