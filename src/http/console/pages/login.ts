import { randomBytes } from 'node:crypto';
import type Router from '@koa/router';
import type { Context } from 'koa';
import type { ConsoleDeps } from '../context.js';
import { state } from '../context.js';
import { html } from '../html.js';
import { bare } from '../layout.js';
import { setConsoleCookie } from '../cookies.js';
import { SESSION_COOKIE } from '../session.js';
import { nextPath, signIn } from '../sign-in.js';
import { demoLoginRoutes, demoLoginSection } from './demo-login.js';

const OAUTH_COOKIE = 'xf_oauth';

/** The platforms whose accounts can sign in to the console, each at /console/login/<path>. */
const PROVIDERS = [
  { path: 'lark', platform: 'LARK', label: '飞书', login: (c: ConsoleDeps) => c.larkLogin },
  { path: 'dingtalk', platform: 'DINGTALK', label: '钉钉', login: (c: ConsoleDeps) => c.dingtalkLogin },
] as const;

function redirectUri(ctx: Context, c: ConsoleDeps, path: string): string {
  return `${(c.publicUrl ?? `${ctx.protocol}://${ctx.host}`).replace(/\/+$/, '')}/console/login/${path}/callback`;
}

export function loginRoutes(router: Router, c: ConsoleDeps): void {
  router.get('/console/login', async (ctx) => {
    const next = nextPath(ctx.query.next);
    const buttons = PROVIDERS.filter((p) => p.login(c)).map((p) => html`<p><a class="button" href="/console/login/${p.path}?next=${encodeURIComponent(next)}">使用${p.label}登录</a></p>`);
    ctx.body = bare(
      '登录信访办工作台',
      html`${buttons}
<p>也可使用管理员提供的一次性登录链接（使用内置演示数据库时，程序启动时会在日志中打印该链接；也可运行 <code>npm run console:link -- 手机号</code> 生成）。</p>
<p>链接只能使用一次，15 分钟内有效。</p>
${await demoLoginSection(ctx, c, next)}`,
    ).toString();
  });

  for (const provider of PROVIDERS) oauthRoutes(router, c, provider);
  demoLoginRoutes(router, c);

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
    await signIn(ctx, c, person, 'LINK');
    ctx.redirect(nextPath(ctx.query.next));
  });

  router.post('/console/logout', async (ctx) => {
    await c.sessions.end(ctx.cookies.get(SESSION_COOKIE) ?? '');
    setConsoleCookie(ctx, c, SESSION_COOKIE, '', { path: '/console', maxAge: 0 });
    c.logger.info({ personId: state(ctx).viewer.id }, 'console logout');
    ctx.redirect('/console/login');
  });
}

/** A platform's web login: OAuth authorization code flow, with a random state kept in a short-lived cookie. */
function oauthRoutes(router: Router, c: ConsoleDeps, p: (typeof PROVIDERS)[number]): void {
  router.get(`/console/login/${p.path}`, (ctx) => {
    const web = p.login(c);
    if (!web) return void (ctx.status = 404);
    const state = randomBytes(18).toString('base64url');
    setConsoleCookie(ctx, c, OAUTH_COOKIE, `${state}.${encodeURIComponent(nextPath(ctx.query.next))}`, { path: '/console/login', maxAge: 10 * 60_000 });
    ctx.redirect(web.authorizeUrl(redirectUri(ctx, c, p.path), state));
  });

  router.get(`/console/login/${p.path}/callback`, async (ctx) => {
    const web = p.login(c);
    if (!web) return void (ctx.status = 404);
    const [state, next] = (ctx.cookies.get(OAUTH_COOKIE) ?? '').split('.');
    setConsoleCookie(ctx, c, OAUTH_COOKIE, '', { path: '/console/login', maxAge: 0 });
    const refuse = (message: string) => {
      ctx.status = 403;
      ctx.body = bare(`${p.label}登录未完成`, html`<p>${message}</p><p><a href="/console/login">返回登录</a></p>`).toString();
    };
    // DingTalk names the code authCode, Lark code.
    const code = typeof ctx.query.code === 'string' ? ctx.query.code : ctx.query.authCode;
    if (!state || ctx.query.state !== state || typeof code !== 'string') return refuse(`登录请求已过期或来源不明，请重新点击“使用${p.label}登录”。`);
    let user;
    try {
      user = await web.userOf(code, redirectUri(ctx, c, p.path));
    } catch (err) {
      c.logger.warn({ err, platform: p.platform }, 'web login failed');
      return refuse(`${p.label}授权失败，请重试；如多次失败请联系管理员检查应用的重定向地址配置。`);
    }
    const person = await c.deps.uow.read((repos) => repos.identities.personOf(p.platform, { openId: user.openId ?? null, unionId: user.unionId ?? null, userId: user.userId ?? null }));
    if (!person || !person.active) {
      c.logger.warn({ platform: p.platform, openId: user.openId, unionId: user.unionId, userId: user.userId }, 'web login by an unlinked user');
      return refuse(`您的${p.label}账号（${user.name ?? user.userId ?? user.openId ?? ''}）尚未关联到本系统人员，请联系信访办。`);
    }
    await signIn(ctx, c, person, p.platform);
    ctx.redirect(nextPath(next ? decodeURIComponent(next) : undefined));
  });
}
