import type { PlatformUserRef } from '../../bot/inbound.js';
import { dingtalkUserIdByUnionId } from './contacts.js';
import { baseUrl, fetchJson, type FetchJson } from './fetch-json.js';
import { DingTalkSendError } from './send-error.js';
import type { DingTalkSender } from './sender.js';

export interface DingTalkWebLogin {
  /** DingTalk's authorization page for this app, coming back to `redirectUri` with `state`. */
  authorizeUrl(redirectUri: string, state: string): string;
  /** The DingTalk user who agreed: the code is exchanged for a user token, then for who they are. */
  userOf(code: string, redirectUri: string): Promise<PlatformUserRef>;
}

/** DingTalk serves the authorization page from its login host; a private deployment or a fake from the API base. */
function loginBase(apiUrl: string): string {
  const url = new URL(apiUrl);
  return url.hostname === 'api.dingtalk.com' ? 'https://login.dingtalk.com' : url.origin;
}

const refused = (step: string, status: number, body: unknown) => {
  const b = (body ?? {}) as { code?: unknown; message?: unknown };
  const code = typeof b.code === 'string' ? b.code : null;
  return new DingTalkSendError(`oauth ${step}: HTTP ${status}${code ? ` ${code}` : ''} ${typeof b.message === 'string' ? b.message : ''}`.trim(), status, code, 1, status >= 500);
};

/**
 * The console's "使用钉钉登录": OAuth 2.0 authorization code flow (login.dingtalk.com/oauth2/auth →
 * POST /v1.0/oauth2/userAccessToken → GET /v1.0/contact/users/me). DingTalk names the user there by
 * unionId; the bot knows people by userid (staffId, from dingtalk:sync-users), which the legacy
 * getbyunionid gives with the app's token. The user is then matched to a person like a chat message.
 */
export function dingtalkWebLogin(app: { clientId: string; clientSecret: string; apiUrl: string }, sender: DingTalkSender, fetch: FetchJson = fetchJson): DingTalkWebLogin {
  const api = baseUrl(app.apiUrl);
  return {
    authorizeUrl(redirectUri, state) {
      const q = new URLSearchParams({ redirect_uri: redirectUri, response_type: 'code', client_id: app.clientId, scope: 'openid', state, prompt: 'consent' });
      return `${loginBase(app.apiUrl)}/oauth2/auth?${q.toString()}`;
    },
    async userOf(code) {
      const token = await fetch(`${api}/v1.0/oauth2/userAccessToken`, {
        method: 'POST',
        body: { clientId: app.clientId, clientSecret: app.clientSecret, code, grantType: 'authorization_code' },
      });
      const accessToken = (token.body as { accessToken?: unknown } | null)?.accessToken;
      if (token.status !== 200 || typeof accessToken !== 'string' || !accessToken) throw refused('userAccessToken', token.status, token.body);
      const me = await fetch(`${api}/v1.0/contact/users/me`, { method: 'GET', headers: { 'x-acs-dingtalk-access-token': accessToken } });
      const who = (me.body ?? {}) as { unionId?: unknown; nick?: unknown };
      if (me.status !== 200 || typeof who.unionId !== 'string' || !who.unionId) throw refused('users/me', me.status, me.body);
      const userId = await dingtalkUserIdByUnionId(sender, who.unionId);
      // users/me's openId is not the senderId of robot messages: only userId and unionId identify here.
      return { platform: 'DINGTALK', userId, unionId: who.unionId, openId: null, name: typeof who.nick === 'string' ? who.nick : null };
    },
  };
}
