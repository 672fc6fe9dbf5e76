import type { Context } from 'koa';
import type { ConsoleDeps } from './context.js';

/**
 * Sets (or, with maxAge 0, clears) a console cookie: HttpOnly, SameSite=Lax, and Secure when
 * users reach the console over https — PUBLIC_URL says so, or the request came over https
 * (through a proxy only when TRUST_PROXY lets Koa believe its X-Forwarded-Proto).
 */
export function setConsoleCookie(ctx: Context, c: Pick<ConsoleDeps, 'publicUrl'>, name: string, value: string, o: { path: string; maxAge: number }): void {
  const secure = ctx.secure || Boolean(c.publicUrl?.startsWith('https://'));
  // The cookies library refuses a Secure cookie on a request it thinks came over http (TLS ended at an untrusted proxy).
  if (secure) ctx.cookies.secure = true;
  ctx.cookies.set(name, value, { httpOnly: true, sameSite: 'lax', secure, overwrite: true, ...o });
}
