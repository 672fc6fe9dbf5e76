import { randomBytes, timingSafeEqual } from 'node:crypto';
import type Router from '@koa/router';
import type { Context } from 'koa';
import { ROLE_LABELS } from '../../../../cards/labels.js';
import { authorizeGlobal } from '../../../domain/authorization.js';
import type { Person } from '../../../domain/model.js';
import { BodyTooLarge, readBody } from '../../../lib/read-body.js';
import { hostOfOrigin } from '../../../lib/origin.js';
import { sandboxAnswers } from '../../sandbox-access.js';
import type { ConsoleDeps } from '../context.js';
import { setConsoleCookie } from '../cookies.js';
import { html, type SafeHtml } from '../html.js';
import { bare } from '../layout.js';
import { nextPath, signIn } from '../sign-in.js';
import { byName } from './admin-forms.js';

// The embedded demo's way in after its one printed link is used: pick a demo person, as in the
// sandbox. Only where the sandbox itself answers (its loopback and Host rules), only on the demo
// database (main.ts sets `sandboxLogin` there alone), audited like every other sign-in.

const PICK_COOKIE = 'xf_demo_pick';
const PATH = '/console/login/sandbox';

/** Who may open the console among the demo people: the office first, then leaders, each by name. */
async function consolePeople(c: ConsoleDeps): Promise<Person[]> {
  const people = (await c.deps.uow.read((repos) => repos.directory.people())).filter((p) => p.active && authorizeGlobal(p, 'LIST_ALL_CASES').allowed);
  const rank = (p: Person) => (p.roles.includes('OFFICE_STAFF') || p.roles.includes('ADMIN') ? 0 : p.roles.includes('PRINCIPAL_LEADER') ? 1 : 2);
  return byName(people).sort((a, b) => rank(a) - rank(b));
}

/** The picker on the login page, or nothing when the sandbox is off or would not answer this request. */
export async function demoLoginSection(ctx: Context, c: ConsoleDeps, next: string): Promise<SafeHtml | ''> {
  if (!sandboxAnswers(ctx, c.sandboxLogin)) return '';
  // Double submit: only this page, which set the cookie, knows the value its forms carry.
  const token = randomBytes(18).toString('base64url');
  setConsoleCookie(ctx, c, PICK_COOKIE, token, { path: PATH, maxAge: 30 * 60_000 });
  const people = await consolePeople(c);
  return html`<section class="card demo-login"><h2>演示登录（沙盒）</h2>
<p class="note">本程序正使用内置演示数据库运行，沙盒已开启：可选择一位演示人员直接登录工作台（记入审计日志）。使用真实数据时没有此入口。</p>
<form method="post" action="${PATH}" class="demo-people">
  <input type="hidden" name="_pick" value="${token}"><input type="hidden" name="next" value="${next}">
  ${people.map((p) => html`<button type="submit" name="personId" value="${p.id}" class="secondary">${p.name}<small>${p.roles.map((r) => ROLE_LABELS[r]).join('、')}</small></button>`)}
</form></section>`;
}

function refuse(ctx: Context, status: number, message: string): void {
  ctx.status = status;
  ctx.body = bare('无法登录', html`<p>${message}</p><p><a href="/console/login">返回登录</a></p>`).toString();
}

function sameToken(cookie: string | undefined, given: string | null): boolean {
  if (!cookie || !given) return false;
  const a = Buffer.from(cookie);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** POST /console/login/sandbox: signs in as the picked demo person. */
export function demoLoginRoutes(router: Router, c: ConsoleDeps): void {
  router.post(PATH, async (ctx) => {
    if (!c.sandboxLogin) return void (ctx.status = 404);
    if (!sandboxAnswers(ctx, c.sandboxLogin)) return refuse(ctx, 403, '演示登录只对运行本程序的电脑开放：请用 http://localhost:端口/console/login 打开');
    const origin = ctx.get('origin');
    if (ctx.get('sec-fetch-site') === 'cross-site' || (origin && hostOfOrigin(origin) !== ctx.host)) return refuse(ctx, 403, '拒绝来自其他网站的请求');
    let form: URLSearchParams;
    try {
      form = new URLSearchParams(await readBody(ctx.req, 4 * 1024));
    } catch (err) {
      if (err instanceof BodyTooLarge) return refuse(ctx, err.status, err.message);
      throw err;
    }
    if (!sameToken(ctx.cookies.get(PICK_COOKIE), form.get('_pick'))) return refuse(ctx, 403, '登录页面已过期或来源不明，请刷新登录页面后重试');
    const person = (await consolePeople(c)).find((p) => p.id === form.get('personId'));
    if (!person) return refuse(ctx, 403, '请选择可以使用工作台的演示人员（信访办、主要领导或常委会成员）');
    setConsoleCookie(ctx, c, PICK_COOKIE, '', { path: PATH, maxAge: 0 });
    await signIn(ctx, c, person, 'SANDBOX');
    ctx.redirect(nextPath(form.get('next')));
  });
}
