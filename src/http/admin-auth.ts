import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, Middleware } from 'koa';

export const ADMIN_REALM = 'xinfang-admin';
export const ADMIN_USER = 'admin';

/** Equal-length digests, so neither the content nor the length of the secret leaks through timing. */
export function sameSecret(given: string, secret: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(secret));
}

/** `Authorization: Bearer <token>`. */
export function bearerMatches(ctx: Context, token: string): boolean {
  const m = /^Bearer +(\S+) *$/i.exec(ctx.get('Authorization'));
  return Boolean(m && sameSecret(m[1]!, token));
}

/** `Authorization: Bearer <token>`, or HTTP Basic with user `admin` and the token as password (for a browser). */
export function adminAuthorized(ctx: Context, token: string): boolean {
  if (bearerMatches(ctx, token)) return true;
  const m = /^Basic +([A-Za-z0-9+/=]+) *$/i.exec(ctx.get('Authorization'));
  if (!m) return false;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return false;
  // Both compared every time, so a wrong user name answers as fast as a wrong password.
  const userOk = sameSecret(decoded.slice(0, colon), ADMIN_USER);
  const passwordOk = sameSecret(decoded.slice(colon + 1), token);
  return userOk && passwordOk;
}

export function refuseAdmin(ctx: Context): void {
  ctx.status = 401;
  ctx.set('WWW-Authenticate', `Basic realm="${ADMIN_REALM}", charset="UTF-8"`);
  ctx.body = { error: 'UNAUTHORIZED', message: '需要管理员身份：用户名 admin，密码为 ADMIN_TOKEN（或 Authorization: Bearer <ADMIN_TOKEN>）' };
}

/**
 * Everything under /admin: 404 while ADMIN_TOKEN is not configured, 401 without the admin's
 * credentials, else `area` (which passes on what it does not serve).
 */
export function adminArea(token: string | undefined, area: Middleware): Middleware {
  return async (ctx, next) => {
    if (ctx.path !== '/admin' && !ctx.path.startsWith('/admin/')) return next();
    if (!token) {
      ctx.status = 404;
      ctx.body = { error: 'NOT_FOUND', message: '管理后台未启用：请设置 ADMIN_TOKEN（至少 16 个字符）后重启' };
      return;
    }
    if (!adminAuthorized(ctx, token)) return refuseAdmin(ctx);
    if (crossSiteChange(ctx)) {
      ctx.status = 403;
      ctx.body = { error: 'FORBIDDEN', message: '拒绝来自其他网站的管理操作' };
      return;
    }
    return area(ctx, next);
  };
}

/**
 * Browsers send remembered Basic credentials with requests that other sites trigger: a change
 * (anything but GET/HEAD) must come from the board's own pages.
 */
function crossSiteChange(ctx: Context): boolean {
  if (ctx.method === 'GET' || ctx.method === 'HEAD') return false;
  // Modern browsers say where a request comes from; Origin is the fallback (it may name a proxy's host).
  const site = ctx.get('Sec-Fetch-Site');
  if (site) return site !== 'same-origin' && site !== 'none';
  const origin = ctx.get('Origin');
  if (!origin) return false;
  try {
    return new URL(origin).host !== ctx.host;
  } catch {
    return true;
  }
}
