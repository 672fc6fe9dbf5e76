import type { Middleware } from 'koa';
import { authorizeGlobal } from '../../domain/authorization.js';
import { hostOfOrigin } from '../../lib/origin.js';
import { BodyTooLarge, readBody } from '../../lib/read-body.js';
import type { ConsoleDeps, ConsoleState } from './context.js';
import { html } from './html.js';
import { bare } from './layout.js';
import { csrfMatches, SESSION_COOKIE } from './session.js';

const PUBLIC = [/^\/console\/login(\/|$)/, /^\/console\/assets\//];

/**
 * Every console route but login and the stylesheet: a valid session of an active person who
 * may see the whole ledger (信访办, principal leaders, approvers); every POST carries the
 * session's CSRF token and comes from this site.
 */
export function consoleAuth(c: ConsoleDeps): Middleware {
  return async (ctx, next) => {
    if (PUBLIC.some((p) => p.test(ctx.path))) return next();
    const session = await c.sessions.find(ctx.cookies.get(SESSION_COOKIE), c.deps.clock.now());
    const viewer = session ? await c.deps.uow.read((repos) => repos.directory.person(session.personId)) : null;
    if (!session || !viewer || !viewer.active) {
      if (ctx.method === 'GET') return ctx.redirect(`/console/login?next=${encodeURIComponent(ctx.originalUrl)}`);
      ctx.status = 401;
      ctx.body = bare('请先登录', html`<p>登录已失效，请重新登录。</p>`).toString();
      return;
    }
    const may = authorizeGlobal(viewer, 'LIST_ALL_CASES');
    if (!may.allowed) {
      ctx.status = 403;
      ctx.body = bare('没有权限', html`<p>${may.reason}。信访办工作台供信访办、主要领导和常委会成员使用；其他同志请在飞书中使用机器人。</p>`).toString();
      return;
    }
    const st: ConsoleState = { viewer, session, csrf: session.csrf, townName: await c.deps.config.townName(), form: new URLSearchParams() };
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') {
      const origin = ctx.get('Origin');
      if (origin && hostOfOrigin(origin) !== ctx.host) return refuse(ctx, 403, '拒绝来自其他网站的请求');
      try {
        st.form = new URLSearchParams(await readBody(ctx.req, 256 * 1024));
      } catch (err) {
        if (err instanceof BodyTooLarge) return refuse(ctx, err.status, err.message);
        throw err;
      }
      if (!csrfMatches(session, st.form.get('_csrf'))) return refuse(ctx, 403, '页面已过期或来源不明，请刷新页面后重试');
    }
    Object.assign(ctx.state, st);
    ctx.set('Cache-Control', 'no-store');
    await next();
  };
}

function refuse(ctx: Parameters<Middleware>[0], status: number, message: string): void {
  ctx.status = status;
  ctx.body = bare('操作未执行', html`<p>${message}</p><p><a href="/console">返回工作台</a></p>`).toString();
}
