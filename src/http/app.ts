import Koa from 'koa';
import Router from '@koa/router';
import type { Logger } from '../lib/logger.js';
import type { Database } from '../db/database.js';
import { isDomainError } from '../domain/errors.js';

export interface HttpDeps {
  db: Database;
  logger: Logger;
  /** Read-only figures for the landing route until the console exists. */
  summary(): Promise<unknown>;
  /** Platform routes (e.g. POST /lark/events, /lark/cards). */
  routers?: Router[];
}

const HTTP_STATUS: Record<string, number> = { VALIDATION: 400, NOT_FOUND: 404, FORBIDDEN: 403, UNKNOWN_PERSON: 403, CONFLICT: 409, ALREADY_DONE: 409 };

/** The Koa application: health checks and the JSON summary; platforms mount their routes here later. */
export function createHttpApp(deps: HttpDeps): Koa {
  const app = new Koa();
  const router = new Router();

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
    try {
      await deps.db.sql.query('SELECT 1');
      ctx.body = { status: 'ready', database: deps.db.kind };
    } catch (err) {
      deps.logger.warn({ err }, 'database not reachable');
      ctx.status = 503;
      ctx.body = { status: 'unavailable', database: 'unreachable' };
    }
  });
  router.get('/', async (ctx) => {
    ctx.body = { name: '信访包案助手', database: deps.db.kind, summary: await deps.summary() };
  });

  app.use(router.routes()).use(router.allowedMethods());
  for (const r of deps.routers ?? []) app.use(r.routes()).use(r.allowedMethods());
  return app;
}
