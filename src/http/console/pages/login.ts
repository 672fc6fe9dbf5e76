import type Router from '@koa/router';
import type { ConsoleDeps } from '../context.js';
import { state } from '../context.js';
import { html } from '../html.js';
import { bare } from '../layout.js';
import { SESSION_COOKIE, SESSION_HOURS } from '../session.js';

/** Same-site paths only after login: never an open redirect. */
function nextPath(raw: unknown): string {
  return typeof raw === 'string' && raw.startsWith('/console') && !raw.startsWith('//') ? raw : '/console/ledger';
}

export function loginRoutes(router: Router, c: ConsoleDeps): void {
  router.get('/console/login', (ctx) => {
    ctx.body = bare(
      '登录信访办工作台',
      html`<p>请使用管理员提供的一次性登录链接（沙盒模式下，程序启动时会在日志中打印该链接）。</p>
<p>链接只能使用一次，15 分钟内有效；过期后重启程序或请管理员重新生成。</p>`,
    ).toString();
  });

  router.get('/console/login/link', async (ctx) => {
    const token = typeof ctx.query.token === 'string' ? ctx.query.token : '';
    const now = c.deps.clock.now();
    const personId = await c.links.redeem(token, now);
    const person = personId ? await c.deps.uow.read((repos) => repos.directory.person(personId)) : null;
    if (!person || !person.active) {
      ctx.status = 403;
      ctx.body = bare('登录链接无效', html`<p>该登录链接无效、已使用或已过期。</p>`).toString();
      c.logger.warn({ ip: ctx.ip }, 'console login link refused');
      return;
    }
    const { cookie } = c.codec.issue(person.id, now);
    ctx.cookies.set(SESSION_COOKIE, cookie, { httpOnly: true, sameSite: 'lax', path: '/console', maxAge: SESSION_HOURS * 3_600_000, secure: ctx.secure, overwrite: true });
    c.logger.info({ personId: person.id }, 'console login');
    ctx.redirect(nextPath(ctx.query.next));
  });

  router.post('/console/logout', (ctx) => {
    ctx.cookies.set(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'lax', path: '/console', maxAge: 0, overwrite: true });
    c.logger.info({ personId: state(ctx).viewer.id }, 'console logout');
    ctx.redirect('/console/login');
  });
}
