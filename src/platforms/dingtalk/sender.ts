import type { OutboundLog } from '../../bot/ports/outbound.js';
import type { Clock } from '../../lib/clock.js';
import type { Logger } from '../../lib/logger.js';
import type { RateLimiter } from '../shared-rate-limiter.js';
import type { TokenSource } from './access-token.js';
import { baseUrl, fetchJson, type FetchJson, type JsonResponse } from './fetch-json.js';
import { dingtalkBuckets, dingtalkRateRules, type DingTalkRateRules, type DingTalkRateTarget } from './limits.js';
import { DingTalkSendError } from './send-error.js';

/**
 * One DingTalk API call. `api` is the new OpenAPI host (api.dingtalk.com: token in the
 * `x-acs-dingtalk-access-token` header, errors as HTTP status + `{code, message}`); `oapi` is the
 * legacy host (oapi.dingtalk.com: token in the `access_token` query, errors as HTTP 200 + `{errcode, errmsg}`).
 */
export interface DingTalkRequest {
  host: 'api' | 'oapi';
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  body?: unknown;
}

/** A 2xx answer that still did not do the job (e.g. batchSend naming the person in `invalidStaffIdList`). */
export interface Rejection {
  retry: boolean;
  message: string;
}

export interface DingTalkSenderDeps {
  apiUrl: string;
  oapiUrl: string;
  tokens: { api: TokenSource; oapi: TokenSource };
  limiter: RateLimiter;
  /** DingTalk's limits (default: dingtalkRateRules(), 15/s per app). */
  rules?: DingTalkRateRules;
  outbound: OutboundLog;
  clock: Clock;
  logger: Logger;
  sleep?: (ms: number) => Promise<void>;
  fetch?: FetchJson;
  /** Total tries of one call (default 5); a refused token's one retry counts as a try. */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
}

export interface Delivery<T> {
  /** The record's key: what the send is about (the MessagingPort uuid, or a key derived from it). */
  uuid: string;
  destination: string;
  payload: unknown;
  target: DingTalkRateTarget;
  /** 'send' posts a message (deduped by uuid, recorded when delivered); others are recorded only when they fail. */
  kind: 'send' | 'update' | 'ding';
  request: DingTalkRequest;
  inspect?: (body: T) => Rejection | null;
  /** Our message id for what was sent, from DingTalk's answer. */
  messageIdOf?: (body: T) => string;
}

interface Failure {
  retry: boolean;
  /** The token was refused: fetch a new one and try once more. */
  auth: boolean;
  waitMs: number | null;
  status: number | null;
  code: string | null;
  message: string;
}

const RATE_LIMIT_MIN_WAIT_MS = 1000;
// Legacy errcodes: refused token (40001 bad credential, 40014 invalid, 41001 missing, 42001 expired);
// throttled (88 temporarily forbidden, 90005/90006/90018 call frequency) or busy (-1).
const LEGACY_AUTH = new Set([40001, 40014, 41001, 42001]);
const LEGACY_RETRY = new Set([-1, 88, 90005, 90006, 90018]);
const isRateLimitCode = (code: string | null) => code !== null && /QpsLimit|Throttl|FlowControl|RateLimit/i.test(code);

/** Sorts an answer of the new OpenAPI host; null when it succeeded. */
function classifyApi(res: JsonResponse): Failure | null {
  const body = (res.body ?? {}) as { code?: unknown; message?: unknown };
  const code = typeof body.code === 'string' ? body.code : null;
  if (res.status >= 200 && res.status < 300) return null;
  const message = `HTTP ${res.status}${code ? ` ${code}` : ''}: ${typeof body.message === 'string' ? body.message : typeof res.body === 'string' ? res.body.slice(0, 200) : ''}`;
  if (res.status === 401 || code === 'InvalidAuthentication') return { retry: true, auth: true, waitMs: 0, status: res.status, code, message };
  // Over the app's QPS DingTalk answers 403 Forbidden.AccessDenied.QpsLimitForApi (or …ForAppkeyAndApi).
  if (res.status === 429 || isRateLimitCode(code)) {
    const after = Number(res.headers.get('retry-after'));
    const waitMs = Number.isFinite(after) && after > 0 ? after * 1000 : RATE_LIMIT_MIN_WAIT_MS;
    return { retry: true, auth: false, waitMs, status: res.status, code, message };
  }
  return { retry: res.status >= 500, auth: false, waitMs: null, status: res.status, code, message };
}

/** Sorts an answer of the legacy host; null when it succeeded. */
function classifyOapi(res: JsonResponse): Failure | null {
  const body = (res.body ?? {}) as { errcode?: unknown; errmsg?: unknown };
  if (res.status < 200 || res.status >= 300) {
    return { retry: res.status >= 500 || res.status === 429, auth: false, waitMs: null, status: res.status, code: null, message: `HTTP ${res.status}` };
  }
  const errcode = typeof body.errcode === 'number' ? body.errcode : 0;
  if (errcode === 0) return null;
  const message = `HTTP ${res.status} errcode ${errcode}: ${typeof body.errmsg === 'string' ? body.errmsg : ''}`;
  if (LEGACY_AUTH.has(errcode)) return { retry: true, auth: true, waitMs: 0, status: res.status, code: String(errcode), message };
  const retry = LEGACY_RETRY.has(errcode);
  return { retry, auth: false, waitMs: retry ? RATE_LIMIT_MIN_WAIT_MS : null, status: res.status, code: String(errcode), message };
}

/**
 * The one path every DingTalk API call takes: rate limits first, then the token, then the call,
 * retried with exponential backoff on 5xx / 429 / QPS limits / network errors (never on other 4xx),
 * with one fresh token when the token is refused. Deliveries are recorded: delivered sends, and
 * anything that finally fails.
 */
export class DingTalkSender {
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly fetch: FetchJson;
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;

  private readonly rules: DingTalkRateRules;

  constructor(private readonly deps: DingTalkSenderDeps) {
    this.rules = deps.rules ?? dingtalkRateRules();
    this.sleep = deps.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.fetch = deps.fetch ?? fetchJson;
    this.maxAttempts = deps.maxAttempts ?? 5;
    this.baseDelayMs = deps.baseDelayMs ?? 500;
    this.maxDelayMs = deps.maxDelayMs ?? 30_000;
  }

  /** Calls DingTalk with limits, a token and retries; throws DingTalkSendError when it finally fails. */
  async call<T>(target: DingTalkRateTarget, req: DingTalkRequest, inspect?: (body: T) => Rejection | null): Promise<{ body: T; attempts: number }> {
    let refreshed = false;
    for (let attempt = 1; ; attempt++) {
      await this.deps.limiter.acquire(dingtalkBuckets(target, this.rules));
      let failure: Failure;
      let token: string | null = null;
      try {
        token = await this.deps.tokens[req.host].get();
        const res = await this.fetch(this.url(req, token), {
          method: req.method,
          headers: req.host === 'api' ? { 'x-acs-dingtalk-access-token': token } : {},
          body: req.body,
        });
        const failed = req.host === 'api' ? classifyApi(res) : classifyOapi(res);
        const rejected = failed ? null : inspect?.(res.body as T);
        if (!failed && !rejected) return { body: res.body as T, attempts: attempt };
        failure = failed ?? { retry: rejected!.retry, auth: false, waitMs: null, status: res.status, code: null, message: rejected!.message };
      } catch (err) {
        failure =
          err instanceof DingTalkSendError
            ? { retry: err.retryable, auth: false, waitMs: null, status: err.status, code: err.dingtalkCode, message: err.message }
            : { retry: true, auth: false, waitMs: null, status: null, code: null, message: `network: ${(err as Error)?.message ?? String(err)}` };
      }
      if (failure.auth) {
        // One fresh token per call: a second refusal means the app itself is refused.
        if (token) this.deps.tokens[req.host].invalidate(token);
        failure.retry = !refreshed;
        refreshed = true;
      }
      if (!failure.retry || attempt >= this.maxAttempts) {
        throw new DingTalkSendError(failure.message, failure.status, failure.code, attempt, failure.retry);
      }
      const delay = failure.waitMs ?? Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempt - 1));
      this.deps.logger.warn({ platform: 'DINGTALK', path: req.path, attempt, delayMs: delay, status: failure.status, dingtalkCode: failure.code }, 'dingtalk call failed, retrying');
      if (delay > 0) await this.sleep(delay);
    }
  }

  /** Sends once: a send already delivered under this uuid is not posted again. Records the outcome. */
  async deliver<T>(d: Delivery<T>): Promise<{ messageId: string | null }> {
    if (d.kind === 'send') {
      const earlier = await this.deps.outbound.deliveredMessageId('DINGTALK', d.uuid);
      if (earlier) return { messageId: earlier };
    }
    try {
      const { body, attempts } = await this.call<T>(d.target, d.request, d.inspect);
      const messageId = d.messageIdOf?.(body) ?? null;
      if (d.kind === 'send') await this.record(d, { status: 'SENT', messageId, attempts, lastError: null, sentAt: this.deps.clock.now() });
      return { messageId };
    } catch (err) {
      if (!(err instanceof DingTalkSendError)) throw err;
      this.deps.logger.error(
        { platform: 'DINGTALK', uuid: d.uuid, destination: d.destination, attempts: err.attempts, status: err.status, dingtalkCode: err.dingtalkCode, error: err.message },
        'dingtalk delivery failed',
      );
      await this.record(d, { status: 'FAILED', messageId: null, attempts: err.attempts, lastError: err.message, sentAt: null });
      throw err;
    }
  }

  /** Records a delivery refused before any call (e.g. a person with no DingTalk userId) and throws. */
  async refuse(d: { uuid: string; destination: string; payload: unknown }, reason: string): Promise<never> {
    this.deps.logger.error({ platform: 'DINGTALK', uuid: d.uuid, destination: d.destination, error: reason }, 'dingtalk delivery refused');
    await this.record(d, { status: 'FAILED', messageId: null, attempts: 0, lastError: reason, sentAt: null });
    throw new DingTalkSendError(reason, null, null, 0, false);
  }

  private url(req: DingTalkRequest, token: string): string {
    if (req.host === 'api') return `${baseUrl(this.deps.apiUrl)}${req.path}`;
    const sep = req.path.includes('?') ? '&' : '?';
    return `${baseUrl(this.deps.oapiUrl)}${req.path}${sep}access_token=${encodeURIComponent(token)}`;
  }

  private async record(
    d: { uuid: string; destination: string; payload: unknown },
    outcome: { status: 'SENT' | 'FAILED'; messageId: string | null; attempts: number; lastError: string | null; sentAt: Date | null },
  ): Promise<void> {
    try {
      await this.deps.outbound.record({ platform: 'DINGTALK', uuid: d.uuid, destination: d.destination, payload: d.payload, ...outcome });
    } catch (err) {
      // The message itself went (or failed) already; losing its record must not change that outcome.
      this.deps.logger.error({ err, uuid: d.uuid }, 'outbound record failed');
    }
  }
}
