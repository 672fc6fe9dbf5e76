import { DingTalkSendError } from './send-error.js';
import { baseUrl, fetchJson, type FetchJson } from './fetch-json.js';

/** A token as DingTalk issued it. */
export interface IssuedToken {
  token: string;
  expiresInSeconds: number;
}

/** Where the sender gets the token of a call, and tells it a token was refused. */
export interface TokenSource {
  get(): Promise<string>;
  /** Forgets `token` if it is still the cached one, so the next get() fetches a new one. */
  invalidate(token: string): void;
}

/** Tokens are refreshed this long before DingTalk says they expire (the Python SDK's margin). */
export const TOKEN_REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * A cached access token: fetched once, reused until 5 minutes before it expires, and fetched by
 * one request however many callers ask at once. A failed fetch is not kept: the next caller tries again.
 */
export class AccessTokenCache implements TokenSource {
  private current: { token: string; refreshAt: number } | null = null;
  private pending: Promise<string> | null = null;

  constructor(
    private readonly issue: () => Promise<IssuedToken>,
    private readonly now: () => number,
    private readonly marginMs = TOKEN_REFRESH_MARGIN_MS,
  ) {}

  get(): Promise<string> {
    if (this.current && this.now() < this.current.refreshAt) return Promise.resolve(this.current.token);
    this.pending ??= this.issue()
      .then(({ token, expiresInSeconds }) => {
        const lifetime = expiresInSeconds * 1000;
        // A token shorter-lived than the margin is still used for half its life rather than refetched every call.
        this.current = { token, refreshAt: this.now() + Math.max(lifetime - this.marginMs, lifetime / 2) };
        return token;
      })
      .finally(() => {
        this.pending = null;
      });
    return this.pending;
  }

  invalidate(token: string): void {
    if (this.current?.token === token) this.current = null;
  }
}

export interface DingTalkApp {
  /** AppKey (Client ID) and AppSecret (Client Secret) of the enterprise internal app. */
  clientId: string;
  clientSecret: string;
}

function tokenError(what: string, status: number | null, code: string | null, message: string): DingTalkSendError {
  // 5xx and network trouble at the token endpoint are worth another try; a refused key or secret is not.
  return new DingTalkSendError(`${what}: ${message}`, status, code, 1, status === null || status >= 500 || status === 429);
}

/** POST {api}/v1.0/oauth2/accessToken {appKey, appSecret} → {accessToken, expireIn} (the new OpenAPI token). */
export function appAccessToken(apiUrl: string, app: DingTalkApp, fetch: FetchJson = fetchJson): () => Promise<IssuedToken> {
  return async () => {
    const res = await fetch(`${baseUrl(apiUrl)}/v1.0/oauth2/accessToken`, { method: 'POST', body: { appKey: app.clientId, appSecret: app.clientSecret } }).catch((err: unknown) => {
      throw tokenError('钉钉 accessToken 获取失败 (DingTalk token)', null, null, String((err as Error).message ?? err));
    });
    const b = (res.body ?? {}) as { accessToken?: unknown; expireIn?: unknown; code?: unknown; message?: unknown };
    if (res.status >= 200 && res.status < 300 && typeof b.accessToken === 'string' && typeof b.expireIn === 'number') {
      return { token: b.accessToken, expiresInSeconds: b.expireIn };
    }
    throw tokenError('钉钉 accessToken 获取失败 (DingTalk token)', res.status, typeof b.code === 'string' ? b.code : null, `HTTP ${res.status} ${String(b.message ?? '')}`.trim());
  };
}

/** GET {oapi}/gettoken?appkey&appsecret → {errcode, access_token, expires_in}: the legacy host's token (user lookup by mobile). */
export function legacyAccessToken(oapiUrl: string, app: DingTalkApp, fetch: FetchJson = fetchJson): () => Promise<IssuedToken> {
  return async () => {
    const query = new URLSearchParams({ appkey: app.clientId, appsecret: app.clientSecret });
    const res = await fetch(`${baseUrl(oapiUrl)}/gettoken?${query}`, { method: 'GET' }).catch((err: unknown) => {
      throw tokenError('钉钉旧版 access_token 获取失败 (DingTalk legacy token)', null, null, String((err as Error).message ?? err));
    });
    const b = (res.body ?? {}) as { errcode?: unknown; errmsg?: unknown; access_token?: unknown; expires_in?: unknown };
    if (res.status === 200 && b.errcode === 0 && typeof b.access_token === 'string' && typeof b.expires_in === 'number') {
      return { token: b.access_token, expiresInSeconds: b.expires_in };
    }
    const code = b.errcode === undefined ? null : String(b.errcode);
    throw tokenError('钉钉旧版 access_token 获取失败 (DingTalk legacy token)', res.status, code, `HTTP ${res.status} errcode ${code ?? '-'} ${String(b.errmsg ?? '')}`.trim());
  };
}
