import type { Context, Middleware } from 'koa';
import { notLocal, requestSource, type NotLocal } from '../../lib/local-request.js';
import { hostOfOrigin } from '../../lib/origin.js';
import { PAGE_TOKEN_HEADER, type PageTokens } from './page-token.js';

export interface SandboxGuardOptions {
  /** Answer browsers on this machine only (SANDBOX=auto); false when SANDBOX=true opened it to the network. */
  loopbackOnly: boolean;
  tokens: PageTokens;
}

const LOCAL_ONLY = '沙盒只对本机开放：请在运行本程序的电脑上用 http://localhost:端口/sandbox 打开，或设置 SANDBOX=true 对网络开放（仅限演示数据）';

/**
 * Who may use the sandbox, where one can act as anyone: by default a browser on this machine
 * only; and every write must come from the sandbox page itself — JSON, from this site, with the
 * page's token — so that no other web page open in a browser can act in it.
 */
export function sandboxGuard(o: SandboxGuardOptions): Middleware {
  return async (ctx, next) => {
    const refusal = (o.loopbackOnly ? notFromThisMachine(ctx) : null) ?? (isWrite(ctx) ? badWrite(ctx, o.tokens) : null);
    if (!refusal) return next();
    ctx.status = refusal.status;
    ctx.body = { error: refusal.error, message: refusal.message };
  };
}

interface Refusal {
  status: number;
  error: string;
  message: string;
}

const isWrite = (ctx: Context) => ctx.method !== 'GET' && ctx.method !== 'HEAD' && ctx.method !== 'OPTIONS';

const NOT_LOCAL: Record<NotLocal, string> = {
  ADDRESS: LOCAL_ONLY,
  PROXIED: `${LOCAL_ONLY}。经反向代理转发的请求不算本机请求`,
  HOST: `${LOCAL_ONLY}。请求的主机名（Host）不是 localhost、127.0.0.1 或 [::1]`,
};

function notFromThisMachine(ctx: Context): Refusal | null {
  const why = notLocal(requestSource(ctx));
  return why ? { status: 403, error: 'FORBIDDEN', message: NOT_LOCAL[why] } : null;
}

function badWrite(ctx: Context, tokens: PageTokens): Refusal | null {
  const origin = ctx.get('origin');
  if (ctx.get('sec-fetch-site') === 'cross-site' || (origin !== '' && hostOfOrigin(origin) !== ctx.host)) {
    return { status: 403, error: 'CROSS_SITE', message: '拒绝来自其他网站的请求：沙盒只接受沙盒页面自己的操作' };
  }
  if (ctx.request.is('application/json') !== 'application/json') {
    return { status: 415, error: 'UNSUPPORTED_MEDIA_TYPE', message: '请求须为 JSON（Content-Type: application/json）' };
  }
  if (!tokens.valid(ctx.get(PAGE_TOKEN_HEADER) || undefined)) {
    return { status: 403, error: 'BAD_TOKEN', message: '页面令牌缺失或无效：请刷新沙盒页面后重试' };
  }
  return null;
}
