import type { Database } from '../db/database.js';
import type { Logger } from '../lib/logger.js';
import { withTimeout } from '../lib/timeout.js';

export interface ReadinessDeps {
  db: Database;
  /** Present when REDIS_URL is configured: then Redis must answer too. */
  redis?: { ping(): Promise<unknown> } | undefined;
  logger: Logger;
  /** Upper bounds of each check, so that /readyz never hangs on a dependency that does not answer. */
  databaseTimeoutMs?: number;
  redisTimeoutMs?: number;
}

export interface Readiness {
  ready: boolean;
  body: Record<string, unknown>;
}

/** Checks every configured dependency at once; the body names those that did not answer. */
export async function checkReadiness(deps: ReadinessDeps): Promise<Readiness> {
  const checks: [name: string, check: () => Promise<unknown>, timeoutMs: number][] = [['database', () => deps.db.sql.query('SELECT 1'), deps.databaseTimeoutMs ?? 2000]];
  const redis = deps.redis;
  if (redis) checks.push(['redis', () => redis.ping(), deps.redisTimeoutMs ?? 1000]);
  const results = await Promise.allSettled(checks.map(([name, check, ms]) => withTimeout(Promise.resolve().then(check), ms, name)));
  const unreachable: string[] = [];
  results.forEach((r, i) => {
    if (r.status === 'rejected') {
      unreachable.push(checks[i]![0]);
      deps.logger.warn({ err: r.reason, dependency: checks[i]![0] }, 'dependency not reachable');
    }
  });
  const body: Record<string, unknown> = {
    status: unreachable.length ? 'unavailable' : 'ready',
    database: unreachable.includes('database') ? 'unreachable' : deps.db.kind,
  };
  if (redis) body.redis = unreachable.includes('redis') ? 'unreachable' : 'ready';
  if (unreachable.length) {
    body.unreachable = unreachable;
    body.message = `无法连接：${unreachable.map((n) => (n === 'database' ? '数据库' : 'Redis')).join('、')}`;
  }
  return { ready: unreachable.length === 0, body };
}
