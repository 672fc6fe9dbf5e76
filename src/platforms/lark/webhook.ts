import Router from '@koa/router';
import * as lark from '@larksuiteoapi/node-sdk';
import type { Context } from 'koa';
import type { Clock } from '../../lib/clock.js';
import type { Logger } from '../../lib/logger.js';
import { BodyTooLarge, readBody } from '../../lib/read-body.js';
import { sdkLogger } from './sdk-logger.js';
import { decryptLark, larkSignature, signatureMatches } from './signature.js';

export interface LarkWebhookDeps {
  /** The dispatcher built by createLarkEventDispatcher, with the same encrypt key. */
  dispatcher: lark.EventDispatcher;
  encryptKey: string;
  verificationToken?: string | undefined;
  logger: Logger;
  clock: Clock;
  /** Replay window either side of now (default 5 minutes). */
  maxSkewMs?: number;
  maxBodyBytes?: number;
}

export const LARK_EVENTS_PATH = '/lark/events';
export const LARK_CARDS_PATH = '/lark/cards';

const MAX_SKEW_MS = 5 * 60_000;
const MAX_BODY_BYTES = 1024 * 1024;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const header = (ctx: Context, name: string) => {
  const v = ctx.get(name);
  return v.length > 0 ? v : null;
};

/**
 * POST /lark/events and POST /lark/cards. Before the SDK sees a request this checks what the SDK
 * does not: JSON shape (400), timestamp freshness against replays (401) and the signature over
 * the raw body (401, where the SDK would answer 204). url_verification carries no signature: it
 * is answered only when it decrypts with our key (and names our verification token, if set).
 */
export function larkWebhookRouter(deps: LarkWebhookDeps): Router {
  const log = deps.logger.child({ platform: 'LARK', component: 'lark-webhook' });
  const maxSkew = deps.maxSkewMs ?? MAX_SKEW_MS;
  const sdk = lark.adaptKoaRouter(deps.dispatcher, { autoChallenge: true, logger: sdkLogger(deps.logger) });

  const handle = (route: string) => async (ctx: Context) => {
    const refuse = (status: number, error: string, message: string, fields: Record<string, unknown> = {}) => {
      log.warn({ route, reason: error, ip: ctx.ip, requestId: header(ctx, 'x-request-id'), ...fields }, 'lark request refused');
      ctx.status = status;
      ctx.body = { error, message };
    };

    let raw: string;
    const request = ctx.request as { rawBody?: unknown; body?: unknown };
    try {
      if (typeof request.rawBody === 'string') raw = request.rawBody;
      // A body parser without rawBody ran first: Lark's compact JSON re-serialises to the same bytes.
      else if (ctx.req.readableEnded) raw = request.body === undefined ? '' : JSON.stringify(request.body);
      else raw = await readBody(ctx.req, deps.maxBodyBytes ?? MAX_BODY_BYTES);
    } catch (err) {
      if (err instanceof BodyTooLarge) return refuse(err.status, err.code, err.message);
      throw err;
    }
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return refuse(400, 'MALFORMED_JSON', '请求体不是合法的 JSON (malformed JSON body)', { bytes: raw.length });
    }
    if (!isObject(body)) return refuse(400, 'MALFORMED_JSON', '请求体必须是 JSON 对象 (JSON body must be an object)');

    const timestamp = header(ctx, 'x-lark-request-timestamp');
    const nonce = header(ctx, 'x-lark-request-nonce');
    const signature = header(ctx, 'x-lark-signature');
    if (!timestamp || !nonce || !signature) {
      const challenge = unsignedChallenge(body, deps.encryptKey);
      if (challenge === 'not-ours') return refuse(401, 'UNSIGNED', '缺少签名请求头，已拒绝 (missing Lark signature headers)');
      if (deps.verificationToken && challenge.token !== deps.verificationToken) {
        return refuse(401, 'BAD_TOKEN', '校验令牌（Verification Token）不匹配 (verification token mismatch)');
      }
      log.info({ route }, 'lark url_verification answered');
    } else {
      const sentAt = Number(timestamp) * 1000;
      const skew = Number.isFinite(sentAt) ? sentAt - deps.clock.now().getTime() : Number.NaN;
      if (!(Math.abs(skew) <= maxSkew)) {
        return refuse(401, 'STALE_TIMESTAMP', '请求时间戳与当前时间相差超过 5 分钟，已拒绝（防重放） (request timestamp outside the 5-minute window)', {
          timestamp,
          skewSeconds: Number.isFinite(skew) ? Math.round(skew / 1000) : null,
        });
      }
      if (!signatureMatches(signature, larkSignature(timestamp, nonce, deps.encryptKey, raw))) {
        return refuse(401, 'BAD_SIGNATURE', '签名校验失败，已拒绝 (invalid Lark signature)', { timestamp, nonce });
      }
    }

    request.body = body;
    await sdk(ctx, async () => {});
    if (ctx.body === undefined || ctx.body === null) {
      // The SDK re-hashes JSON.stringify(body): only a non-compact body signed correctly gets here.
      return refuse(401, 'BAD_SIGNATURE', '签名校验失败，已拒绝 (Lark SDK rejected the signature)', { timestamp, nonce });
    }
    ctx.status = 200;
    ctx.type = 'application/json';
  };

  const router = new Router();
  router.post(LARK_EVENTS_PATH, handle('events'));
  router.post(LARK_CARDS_PATH, handle('cards'));
  return router;
}

/** An unsigned body is acceptable only as an encrypted url_verification we can decrypt. */
function unsignedChallenge(body: Record<string, unknown>, encryptKey: string): { token: unknown } | 'not-ours' {
  if (typeof body.encrypt !== 'string') return 'not-ours';
  try {
    const inner: unknown = JSON.parse(decryptLark(body.encrypt, encryptKey));
    return isObject(inner) && inner.type === 'url_verification' && typeof inner.challenge === 'string' ? { token: inner.token } : 'not-ours';
  } catch {
    return 'not-ours';
  }
}
