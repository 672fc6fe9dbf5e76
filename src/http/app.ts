import Koa from 'koa';
import Router from '@koa/router';
import type { Logger } from '../lib/logger.js';
import type { Database } from '../db/database.js';
import { isDomainError } from '../domain/errors.js';
import { systemClock, type Clock } from '../lib/clock.js';
import type { SchedulerQueues } from '../scheduler/queues.js';
import { adminArea, bearerMatches } from './admin-auth.js';
import { createMetrics } from './metrics.js';
import { queueBoardOrOff } from './queue-board.js';
import { checkReadiness } from './readiness.js';
import { landingPage } from './landing-page.js';
import { sandboxAnswers, type SandboxAccess } from './sandbox-access.js';
import { DEFAULT_TOWN_NAME } from '../domain/township/town-name.js';

export interface HttpDeps {
  db: Database;
  logger: Logger;
  /** The township's name for the landing page (a run-time setting). */
  townName?: () => Promise<string>;
  /** When the sandbox is on: the landing page links it for those it answers. */
  sandbox?: SandboxAccess;
  /** Platform routes (e.g. POST /lark/events, /lark/cards). */
  routers?: Router[];
  /** "Now" of the lateness metric (default: the system clock). */
  clock?: Clock;
  /** When REDIS_URL is configured: checked by /readyz. */
  redis?: { ping(): Promise<unknown> };
  /** When REDIS_URL is configured: counted by /metrics and shown by Bull Board. */
  queues?: SchedulerQueues;
  /** Password of /admin/* (Bull Board); unset = no admin area. */
  adminToken?: string | undefined;
  /** When set, /metrics wants `Authorization: Bearer <token>`; unset = open (scraped inside the network). */
  metricsToken?: string | undefined;
  /** TRUST_PROXY: believe X-Forwarded-Proto/-Host/-For (Koa's app.proxy), for the https of Secure cookies and the client's address. */
  trustProxy?: boolean;
}

const HTTP_STATUS: Record<string, number> = { VALIDATION: 400, NOT_FOUND: 404, FORBIDDEN: 403, UNKNOWN_PERSON: 403, CONFLICT: 409, ALREADY_DONE: 409 };

/** Codes of a response the client stopped reading (a closed tab, a cancelled download): normal, nothing of ours failed. */
const CLIENT_GONE = new Set(['ERR_STREAM_PREMATURE_CLOSE', 'ECONNRESET', 'EPIPE', 'ECONNABORTED']);

function clientWentAway(err: unknown): boolean {
  return typeof err === 'object' && err !== null && CLIENT_GONE.has(String((err as { code?: unknown }).code));
}

/** The Koa application: the landing page, health checks, metrics and the admin area; platforms mount their routes here. */
export function createHttpApp(deps: HttpDeps): Koa {
  const app = new Koa({ proxy: deps.trustProxy ?? false });
  const router = new Router();
  const metrics = createMetrics({ db: deps.db, queues: deps.queues, clock: deps.clock ?? systemClock, logger: deps.logger });
  // Errors that sub-apps (Bull Board) report instead of throwing, and responses cut off by the client.
  app.on('error', (err: unknown) => (clientWentAway(err) ? deps.logger.debug({ err }, 'client closed the connection') : deps.logger.error({ err }, 'http error')));

  app.use(async (ctx, next) => {
    const started = performance.now();
    try {
      await next();
    } catch (err) {
      if (isDomainError(err)) {
        ctx.status = HTTP_STATUS[err.code] ?? 422;
        ctx.body = { error: err.code, message: err.message };
      } else {
        deps.logger.error({ err, path: ctx.path }, 'request failed');
        ctx.status = 500;
        ctx.body = { error: 'INTERNAL', message: '服务器内部错误，请稍后再试' };
      }
    } finally {
      deps.logger.debug({ method: ctx.method, path: ctx.path, status: ctx.status, ms: Math.round(performance.now() - started) }, 'http');
    }
  });

  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', async (ctx) => {
    const readiness = await checkReadiness({ db: deps.db, redis: deps.redis, logger: deps.logger });
    ctx.status = readiness.ready ? 200 : 503;
    ctx.body = readiness.body;
  });
  router.get('/metrics', async (ctx) => {
    if (deps.metricsToken && !bearerMatches(ctx, deps.metricsToken)) {
      ctx.status = 401;
      ctx.set('WWW-Authenticate', 'Bearer realm="xinfang-metrics"');
      ctx.body = { error: 'UNAUTHORIZED', message: '需要 Authorization: Bearer <METRICS_TOKEN>' };
      return;
    }
    ctx.body = await metrics.render();
    ctx.type = metrics.contentType;
  });
  router.get('/', async (ctx) => {
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = landingPage({ townName: (await deps.townName?.()) ?? DEFAULT_TOWN_NAME, sandbox: sandboxAnswers(ctx, deps.sandbox) });
  });

  app.use(adminArea(deps.adminToken, queueBoardOrOff(deps.queues)));
  app.use(router.routes()).use(router.allowedMethods());
  for (const r of deps.routers ?? []) app.use(r.routes()).use(r.allowedMethods());
  return app;
}
