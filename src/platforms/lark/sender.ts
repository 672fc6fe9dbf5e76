import type { OutboundLog } from '../../bot/ports/outbound.js';
import type { Clock } from '../../lib/clock.js';
import type { Logger } from '../../lib/logger.js';
import type { RateLimiter } from '../shared-rate-limiter.js';
import { LarkSendError } from './errors.js';
import { larkBuckets, type LarkRateTarget } from './limits.js';

/** The body every Lark open API call answers. */
export interface LarkResponse {
  code?: number;
  msg?: string;
  data?: unknown;
}

export interface LarkSenderDeps {
  limiter: RateLimiter;
  outbound: OutboundLog;
  clock: Clock;
  logger: Logger;
  sleep?: (ms: number) => Promise<void>;
  /** Total tries of one call (default 5). */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
}

export interface Delivery {
  /** Lark `uuid` (already ≤ 50 chars) and the record's key. */
  uuid: string;
  destination: string;
  payload: unknown;
  target: LarkRateTarget;
  /** 'send' posts a message (deduped, recorded when delivered); 'update' changes one (recorded only when it fails). */
  kind: 'send' | 'update';
  run: () => Promise<LarkResponse>;
}

const RATE_LIMITED = 99991400;

interface Failure {
  retry: boolean;
  /** What Lark asked us to wait, if it said. */
  waitMs: number | null;
  status: number | null;
  larkCode: number | null;
  message: string;
}

type AxiosLike = { response?: { status?: number; data?: unknown; headers?: Record<string, unknown> }; message?: string; code?: string };

/** Sorts a failed call: retry 5xx, 429 and rate-limit codes (and network errors), give up on other 4xx. */
export function classifyLarkFailure(err: unknown): Failure {
  const e = (typeof err === 'object' && err !== null ? err : {}) as AxiosLike;
  if (!e.response) {
    return { retry: true, waitMs: null, status: null, larkCode: null, message: `network: ${e.code ?? ''} ${e.message ?? String(err)}`.trim() };
  }
  const status = e.response.status ?? 0;
  const body = (e.response.data ?? {}) as LarkResponse;
  const larkCode = typeof body.code === 'number' ? body.code : null;
  const reset = Number(e.response.headers?.['x-ogw-ratelimit-reset']);
  const waitMs = Number.isFinite(reset) && reset > 0 ? reset * 1000 : null;
  const rateLimited = status === 429 || larkCode === RATE_LIMITED;
  return {
    retry: rateLimited || status >= 500,
    waitMs: rateLimited ? waitMs : null,
    status,
    larkCode,
    message: `HTTP ${status}${larkCode !== null ? ` code ${larkCode}` : ''}: ${body.msg ?? e.message ?? ''}`,
  };
}

/**
 * The one path every Lark API call takes: rate limits first, then the call, retried with
 * exponential backoff on 5xx / 429 (waiting what `x-ogw-ratelimit-reset` says), never on other
 * 4xx. Deliveries are recorded: delivered sends, and anything that finally fails.
 */
export class LarkSender {
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;

  constructor(private readonly deps: LarkSenderDeps) {
    this.sleep = deps.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.maxAttempts = deps.maxAttempts ?? 5;
    this.baseDelayMs = deps.baseDelayMs ?? 500;
    this.maxDelayMs = deps.maxDelayMs ?? 30_000;
  }

  /** Calls Lark with limits and retries; throws LarkSendError when it finally fails. */
  async call<T extends LarkResponse>(target: LarkRateTarget, run: () => Promise<T>): Promise<{ body: T; attempts: number }> {
    for (let attempt = 1; ; attempt++) {
      await this.deps.limiter.acquire(larkBuckets(target));
      let failure: Failure;
      try {
        const body = await run();
        if (body?.code === undefined || body.code === 0) return { body, attempts: attempt };
        // An HTTP 200 carrying an error code: only the rate-limit code is worth another try.
        failure = { retry: body.code === RATE_LIMITED, waitMs: null, status: 200, larkCode: body.code, message: `HTTP 200 code ${body.code}: ${body.msg ?? ''}` };
      } catch (err) {
        failure = classifyLarkFailure(err);
      }
      if (!failure.retry || attempt >= this.maxAttempts) {
        throw new LarkSendError(failure.message, failure.status, failure.larkCode, attempt);
      }
      const delay = failure.waitMs ?? Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempt - 1));
      this.deps.logger.warn({ platform: 'LARK', attempt, delayMs: delay, status: failure.status, larkCode: failure.larkCode }, 'lark call failed, retrying');
      await this.sleep(delay);
    }
  }

  /** Sends or updates a message once: a send already delivered under this uuid is not posted again. */
  async deliver(d: Delivery): Promise<{ messageId: string | null }> {
    if (d.kind === 'send') {
      const earlier = await this.deps.outbound.deliveredMessageId('LARK', d.uuid);
      if (earlier) return { messageId: earlier };
    }
    try {
      const { body, attempts } = await this.call(d.target, d.run);
      const messageId = (body.data as { message_id?: unknown } | undefined)?.message_id;
      const id = typeof messageId === 'string' ? messageId : null;
      if (d.kind === 'send') await this.record(d, { status: 'SENT', messageId: id, attempts, lastError: null, sentAt: this.deps.clock.now() });
      return { messageId: id };
    } catch (err) {
      if (!(err instanceof LarkSendError)) throw err;
      this.deps.logger.error({ platform: 'LARK', uuid: d.uuid, destination: d.destination, attempts: err.attempts, status: err.status, larkCode: err.larkCode, error: err.message }, 'lark delivery failed');
      await this.record(d, { status: 'FAILED', messageId: null, attempts: err.attempts, lastError: err.message, sentAt: null });
      throw err;
    }
  }

  /** Records a delivery refused before any call (e.g. a person with no Lark id) and throws. */
  async refuse(d: Omit<Delivery, 'run' | 'target'>, reason: string): Promise<never> {
    this.deps.logger.error({ platform: 'LARK', uuid: d.uuid, destination: d.destination, error: reason }, 'lark delivery refused');
    await this.record(d, { status: 'FAILED', messageId: null, attempts: 0, lastError: reason, sentAt: null });
    throw new LarkSendError(reason, null, null, 0);
  }

  private async record(
    d: Pick<Delivery, 'uuid' | 'destination' | 'payload'>,
    outcome: { status: 'SENT' | 'FAILED'; messageId: string | null; attempts: number; lastError: string | null; sentAt: Date | null },
  ): Promise<void> {
    try {
      await this.deps.outbound.record({ platform: 'LARK', uuid: d.uuid, destination: d.destination, payload: d.payload, ...outcome });
    } catch (err) {
      // The message itself went (or failed) already; losing its record must not change that outcome.
      this.deps.logger.error({ err, uuid: d.uuid }, 'outbound record failed');
    }
  }
}
