import type { Server } from 'node:http';
import { ConfigError, loadConfig, type Config } from './config.js';
import { DbConfigSource, ensureReferenceData } from './db/config-source.js';
import { officeStatistics } from './db/queries/office-statistics.js';
import { prismaUnitOfWork } from './db/unit-of-work.js';
import { runSystemJobs } from './jobs/system-jobs.js';
import { openDatabase } from './db/database.js';
import { createHttpApp } from './http/app.js';
import { systemClock } from './lib/clock.js';
import { createLogger } from './lib/logger.js';
import { localDateOf } from './lib/local-date.js';
import { MigrationError } from './db/migrate.js';
import { createBot, createNotifier } from './bot/create-bot.js';
import { Scheduler } from './scheduler/scheduler.js';
import { connectRedis } from './scheduler/redis-connection.js';
import { openQueueClient, type QueueClient } from './scheduler/queue-client.js';
import { createPushQueue } from './scheduler/push-queue.js';
import { Redis } from 'ioredis';
import type { Deps } from './usecases/ports.js';
import type { Dispatcher } from './bot/dispatcher.js';
import type { MessagingPort } from './bot/messaging-port.js';
import { prismaReadModel } from './db/read-model.js';
import { chatRepo } from './db/repos/chat-repo.js';
import { outboundRepo } from './db/repos/outbound-repo.js';
import { createLarkPlatform } from './platforms/lark/index.js';
import type { PlatformName } from './usecases/ports/platform.js';
import type { ContactDirectory } from './usecases/ports/identity-sync.js';

const ROLES = ['web', 'worker', 'all'] as const;
type ProcessRole = (typeof ROLES)[number];
const SYSTEM_JOBS_EVERY_MS = 60 * 60_000;

/**
 * Composition root: `node dist/src/main.js [web|worker|all]` (default all). Reads config once,
 * opens the database, serves HTTP (web) and runs the system jobs (worker), closes on SIGTERM.
 */
async function main(): Promise<void> {
  const role = (process.argv[2] ?? 'all') as ProcessRole;
  if (!ROLES.includes(role)) {
    console.error(`未知的运行角色 "${process.argv[2]}"：只能是 web、worker 或 all`);
    process.exit(2);
  }
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(config.LOG_LEVEL);
  const clock = systemClock;

  const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  logger.info({ database: db.kind, location: db.location }, '数据库已就绪 (database ready, migrations applied)');
  await ensureReferenceData(db.prisma);
  await seedDemoIfWanted(config.SEED_DEMO, db, clock, logger);

  const deps = { uow: prismaUnitOfWork(db.prisma), clock, config: new DbConfigSource(db.prisma) };
  let server: Server | undefined;
  let bot: Dispatcher | undefined;
  let queueClient: QueueClient | undefined;
  // Every process sends for the same Lark app: with Redis their rate limits are kept there, together.
  const limitsRedis = config.REDIS_URL ? openLimitsRedis(config.REDIS_URL, logger) : undefined;
  // The worker delivers through the platform's sender too, but never receives: no start() there.
  const lark = createLarkPlatform({
    config, dispatch: (e) => bot!.dispatch(e), logger, outbound: outboundRepo(db.prisma), chats: chatRepo(db.prisma), clock,
    ...(limitsRedis && { sharedLimits: { redis: limitsRedis, keyPrefix: config.QUEUE_PREFIX } }),
  });
  const messengers = new Map<PlatformName, MessagingPort>(lark ? [['LARK', lark.messenger]] : []);
  if (role !== 'worker') {
    // Its own Redis connection for the outbox's deliveries, /readyz, /metrics and Bull Board (the worker's scheduler has its own).
    queueClient = config.REDIS_URL ? openQueueClient(config.REDIS_URL, config.QUEUE_PREFIX, logger) : undefined;
    const directories = new Map<PlatformName, ContactDirectory>(lark ? [['LARK', lark.directory]] : []);
    // With Redis a click's notifications go through the outbox to the worker's delivery queue; without it, straight out.
    const pushQueue = queueClient && createPushQueue(queueClient.queues, deps);
    bot = createBot({ deps, clock, read: prismaReadModel(db.prisma), messengers, directories, logger, urgentChannels: config.URGENT_CHANNELS, ...(pushQueue && { pushQueue }) });
    if (lark) {
      await lark.start();
      logger.info({ mode: config.LARK_MODE }, '飞书机器人已接入 (Lark connected)');
    }
    const app = createHttpApp({
      db,
      logger,
      summary: () => officeStatistics(db.prisma, { year: Number(localDateOf(clock.now()).slice(0, 4)), today: localDateOf(clock.now()) }),
      routers: lark?.router ? [lark.router] : [],
      clock,
      ...(queueClient && { redis: queueClient.redis, queues: queueClient.queues }),
      adminToken: config.ADMIN_TOKEN,
      metricsToken: config.METRICS_TOKEN,
    });
    server = app.listen(config.PORT, config.HOST, () => {
      logger.info({ port: config.PORT, role }, `信访包案助手已启动: http://localhost:${config.PORT}/`);
    });
  }
  let jobs: NodeJS.Timeout | undefined;
  let scheduler: Scheduler | undefined;
  if (role !== 'web') {
    scheduler = await startScheduler(config, deps, messengers, logger);
    // With Redis the scheduler's hourly sweep runs the system jobs; without it they still keep the record.
    if (!scheduler) {
      const run = () => runSystemJobs(deps, logger).catch((err: unknown) => logger.error({ err }, 'system jobs failed'));
      void run();
      jobs = setInterval(run, SYSTEM_JOBS_EVERY_MS);
    }
  }
  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    if (jobs) clearInterval(jobs);
    await scheduler?.stop();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await queueClient?.close();
    limitsRedis?.disconnect();
    await lark?.stop();
    await db.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

/** A connection for the shared rate limits that fails fast while Redis is away (the limiter then falls back to this process's own). */
function openLimitsRedis(url: string, logger: ReturnType<typeof createLogger>): Redis {
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
  redis.on('error', (err) => logger.debug({ err }, 'rate-limit Redis error'));
  return redis;
}

/** The BullMQ scheduler of the worker role, when Redis is configured; a configured Redis that does not answer stops the start. */
async function startScheduler(
  config: Pick<Config, 'REDIS_URL' | 'QUEUE_PREFIX' | 'URGENT_CHANNELS'>,
  deps: Deps,
  messengers: ReadonlyMap<PlatformName, MessagingPort>,
  logger: ReturnType<typeof createLogger>,
): Promise<Scheduler | undefined> {
  const url = config.REDIS_URL;
  if (!url) {
    logger.warn('未配置 REDIS_URL：截止提醒等定时推送未启用 (no REDIS_URL: timed reminders are off)');
    return undefined;
  }
  let connection;
  try {
    connection = await connectRedis(url);
  } catch (err) {
    console.error(`无法连接 Redis（${url}）：${err instanceof Error ? err.message : String(err)}。请检查 REDIS_URL，或去掉它以关闭定时推送。`);
    process.exit(1);
  }
  const notifier = createNotifier({ deps, messengers, logger, urgentChannels: config.URGENT_CHANNELS });
  const scheduler = new Scheduler({ deps, clock: deps.clock, logger, connection, prefix: config.QUEUE_PREFIX, deliver: (push) => notifier.deliverTo(push.notification, push.personId) });
  await scheduler.start();
  logger.info('定时推送已启动 (scheduler started)');
  return scheduler;
}

async function seedDemoIfWanted(
  mode: 'auto' | 'true' | 'false',
  db: Awaited<ReturnType<typeof openDatabase>>,
  clock: typeof systemClock,
  logger: ReturnType<typeof createLogger>,
): Promise<void> {
  if (mode === 'false' || (mode === 'auto' && db.kind !== 'embedded')) return;
  if ((await db.prisma.case.count()) > 0) return;
  const { seedDemo } = await import('./demo/seed-demo.js');
  logger.info('首次启动：正在生成演示数据 (seeding the demo township)…');
  await seedDemo(db, clock);
  logger.info('演示数据已生成 (demo township ready)');
}

main().catch((err: unknown) => {
  if (err instanceof MigrationError) {
    console.error(`数据库迁移失败，无法启动：${err.message}`);
  } else {
    console.error('启动失败 (start-up failed):', err);
  }
  process.exit(1);
});
