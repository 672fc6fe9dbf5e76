import { createHash } from 'node:crypto';
import Router from '@koa/router';
import type { Context } from 'koa';
import type { Clock } from '../../lib/clock.js';
import type { Logger } from '../../lib/logger.js';
import { BodyTooLarge, readBody } from '../../lib/read-body.js';
import type { DingTalkInbound } from './events.js';
import { dingtalkSignature, signatureMatches } from './signature.js';
import { UsedSignatures } from './used-signatures.js';

export interface DingTalkHttpDeps {
  inbound: DingTalkInbound;
  /** The app's AppSecret (DINGTALK_CLIENT_SECRET): the signing key. */
  appSecret: string;
  logger: Logger;
  clock: Clock;
  /** How far a callback's timestamp may be from now, either side (DINGTALK_CALLBACK_WINDOW_SECONDS; default 5 minutes). */
  maxSkewMs?: number;
  maxBodyBytes?: number;
}

export const DINGTALK_ROBOT_PATH = '/dingtalk/robot';
export const DINGTALK_CARDS_PATH = '/dingtalk/cards';

const MAX_SKEW_MS = 5 * 60_000;
const MAX_BODY_BYTES = 256 * 1024;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * HTTP callback mode: POST /dingtalk/robot (robot messages) and POST /dingtalk/cards (card
 * callbacks registered with callbackType HTTP). Nothing is dispatched before the signature and
 * its timestamp are checked. The signature covers the timestamp only: a captured pair of headers
 * could carry any body while its timestamp is in the window, so the window is short and each
 * signature is accepted with one body only (in this process) — and stream mode is the default.
 * Answers are empty: the bot's replies go out through the OpenAPI, not in the response.
 */
export function dingtalkHttpRouter(deps: DingTalkHttpDeps): Router {
  const log = deps.logger.child({ platform: 'DINGTALK', component: 'dingtalk-http' });
  const maxSkew = deps.maxSkewMs ?? MAX_SKEW_MS;
  const windowText = maxSkew % 60_000 === 0 ? `${maxSkew / 60_000} 分钟` : `${Math.round(maxSkew / 1000)} 秒`;
  const used = new UsedSignatures();

  const handle = (route: 'robot' | 'cards') => async (ctx: Context) => {
    const refuse = (status: number, error: string, message: string, fields: Record<string, unknown> = {}) => {
      log.warn({ route, reason: error, ip: ctx.ip, ...fields }, 'dingtalk request refused');
      ctx.status = status;
      ctx.body = { error, message };
    };

    const timestamp = ctx.get('timestamp');
    const sign = ctx.get('sign');
    if (!timestamp || !sign) return refuse(401, 'UNSIGNED', '缺少 timestamp 或 sign 请求头，已拒绝 (missing DingTalk signature headers)');
    const skew = /^\d{1,16}$/.test(timestamp) ? Number(timestamp) - deps.clock.now().getTime() : Number.NaN;
    if (!(Math.abs(skew) <= maxSkew)) {
      return refuse(401, 'STALE_TIMESTAMP', `请求时间戳与当前时间相差超过 ${windowText}，已拒绝（防重放） (request timestamp outside the window)`, {
        timestamp,
        skewSeconds: Number.isFinite(skew) ? Math.round(skew / 1000) : null,
      });
    }
    if (!signatureMatches(sign, dingtalkSignature(timestamp, deps.appSecret))) {
      return refuse(401, 'BAD_SIGNATURE', '签名校验失败，已拒绝 (invalid DingTalk signature)', { timestamp });
    }

    let body: unknown;
    let raw: string;
    const request = ctx.request as { body?: unknown };
    if (ctx.req.readableEnded && request.body !== undefined) {
      body = request.body; // a body parser ran first; the signature does not cover the body anyway
      raw = JSON.stringify(body);
    } else {
      try {
        raw = await readBody(ctx.req, deps.maxBodyBytes ?? MAX_BODY_BYTES);
      } catch (err) {
        if (err instanceof BodyTooLarge) return refuse(err.status, err.code, err.message);
        throw err;
      }
      try {
        body = JSON.parse(raw);
      } catch {
        return refuse(400, 'MALFORMED_JSON', '请求体不是合法的 JSON (malformed JSON body)', { bytes: raw.length });
      }
    }
    if (!isObject(body)) return refuse(400, 'MALFORMED_JSON', '请求体必须是 JSON 对象 (JSON body must be an object)');

    const use = used.use(sign, createHash('sha256').update(raw).digest('base64url'), Number(timestamp) + maxSkew, deps.clock.now().getTime());
    if (use === 'other-body') return refuse(401, 'REPLAYED', '该签名已用于另一请求，已拒绝（防重放） (signature already used with another body)', { timestamp });
    if (use === 'same-body') {
      // DingTalk sending the very request again: it was taken the first time.
      log.info({ route, timestamp }, 'dingtalk callback repeated: acknowledged, not dispatched again');
      ctx.status = 200;
      ctx.body = {};
      return;
    }

    // A signed payload we cannot read is acknowledged all the same: DingTalk sending it again would not help.
    const receipt = route === 'robot' ? deps.inbound.robotMessage(body) : deps.inbound.cardCallback(body);
    log.debug({ route, receipt }, 'dingtalk callback accepted');
    ctx.status = 200;
    ctx.body = {};
  };

  const router = new Router();
  router.post(DINGTALK_ROBOT_PATH, handle('robot'));
  router.post(DINGTALK_CARDS_PATH, handle('cards'));
  return router;
}
