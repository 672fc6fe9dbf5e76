import type { PlatformUserRef } from '../../bot/inbound.js';
import { LarkSendError } from './errors.js';

export interface LarkWebLogin {
  /** Lark's authorization page for this app, coming back to `redirectUri` with `state`. */
  authorizeUrl(redirectUri: string, state: string): string;
  /** The Lark user who agreed: the code is exchanged for a user token, then for who they are. */
  userOf(code: string, redirectUri: string): Promise<PlatformUserRef>;
}

/** Feishu and Lark serve the authorization page from their accounts host; a private deployment or a fake from the API base. */
function accountsBase(domain: string): string {
  const url = new URL(domain);
  if (url.hostname === 'open.feishu.cn') url.hostname = 'accounts.feishu.cn';
  if (url.hostname === 'open.larksuite.com') url.hostname = 'accounts.larksuite.com';
  return url.origin;
}

/**
 * The console's "使用飞书登录": OAuth 2.0 authorization code flow (authen/v1/authorize →
 * authen/v2/oauth/token → authen/v1/user_info). The user is then matched to a person by their
 * linked Lark identity, like a chat message.
 */
export function larkWebLogin(app: { appId: string; appSecret: string; domain: string }, fetchImpl: typeof fetch = fetch): LarkWebLogin {
  const api = app.domain.replace(/\/+$/, '');
  return {
    authorizeUrl(redirectUri, state) {
      const q = new URLSearchParams({ client_id: app.appId, redirect_uri: redirectUri, state, response_type: 'code' });
      return `${accountsBase(app.domain)}/open-apis/authen/v1/authorize?${q.toString()}`;
    },
    async userOf(code, redirectUri) {
      const tokenRes = await fetchImpl(`${api}/open-apis/authen/v2/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify({ grant_type: 'authorization_code', client_id: app.appId, client_secret: app.appSecret, code, redirect_uri: redirectUri }),
      });
      const token = (await tokenRes.json().catch(() => ({}))) as { code?: number; access_token?: string; error_description?: string };
      if (!tokenRes.ok || token.code !== 0 || !token.access_token) {
        throw new LarkSendError(`oauth token: ${token.error_description ?? `HTTP ${tokenRes.status}`}`, tokenRes.status, token.code ?? null, 1);
      }
      const infoRes = await fetchImpl(`${api}/open-apis/authen/v1/user_info`, { headers: { authorization: `Bearer ${token.access_token}` } });
      const info = (await infoRes.json().catch(() => ({}))) as { code?: number; data?: { open_id?: string; union_id?: string; user_id?: string; name?: string } };
      if (!infoRes.ok || info.code !== 0 || !info.data?.open_id) {
        throw new LarkSendError(`oauth user_info: HTTP ${infoRes.status} code ${info.code ?? '?'}`, infoRes.status, info.code ?? null, 1);
      }
      return { platform: 'LARK', openId: info.data.open_id, unionId: info.data.union_id ?? null, userId: info.data.user_id ?? null, name: info.data.name ?? null };
    },
  };
}
