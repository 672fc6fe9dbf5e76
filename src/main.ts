import { auditAnchorsPath, ConfigError, databaseOptions, larkEnabled, loadConfig, payloadRetention, sandboxMode, type Config } from './config.js';
import { larkWebLogin } from './platforms/lark/web-login.js';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSandboxPlatform, type SandboxPlatform } from './platforms/sandbox/index.js';
import type { WebLogin } from './http/console/context.js';
import { consoleRouter } from './http/console/router.js';
import { dbConsoleSessions } from './db/console-sessions.js';
import { dbLoginLinks } from './db/console-login-links.js';
import type { Database } from './db/database.js';
import type { Dispatch } from './platforms/lark/events.js';
import { DbConfigSource, ensureReferenceData } from './db/config-source.js';
import { prismaUnitOfWork } from './db/unit-of-work.js';
import { runSystemJobs } from './jobs/system-jobs.js';
import { AuditKeyMissing, auditKeyForApp } from './db/audit/audit-key-source.js';
import type { AuditKey } from './db/audit/audit-key.js';
import { anchorFile } from './db/audit/anchor-file.js';
import { databaseRole } from './db/roles/database-role.js';
import { startSignedAudit } from './usecases/audit/start-signed-audit.js';
import type { AuditAnchorLog } from './usecases/ports/audit-anchors.js';
import { openDatabase } from './db/database.js';
import { createHttpApp } from './http/app.js';
import { systemClock } from './lib/clock.js';
import { createLogger } from './lib/logger.js';
import { redactSecrets } from './lib/log-redaction.js';
import { maskPersonalText } from './domain/privacy/mask-text.js';
import { MigrationError } from './db/migrate.js';
import { createBot, createNotifier } from './bot/create-bot.js';
import { Scheduler } from './scheduler/scheduler.js';
import { connectRedis } from './scheduler/redis-connection.js';
import { openQueueClient } from './scheduler/queue-client.js';
import { createPushQueue } from './scheduler/push-queue.js';
import type { PushQueue } from './bot/ports/push-queue.js';
import { startLocalRedis, type LocalRedis } from './scheduler/local-redis.js';
import { Redis } from 'ioredis';
import type { Deps } from './usecases/ports.js';
import type { Dispatcher } from './bot/dispatcher.js';
import type { MessagingPort } from './bot/messaging-port.js';
import { prismaReadModel } from './db/read-model.js';
import { chatRepo } from './db/repos/chat-repo.js';
import { sandboxMessageStore } from './db/repos/sandbox-message-repo.js';
import { outboundRepo } from './db/repos/outbound-repo.js';
import { createLarkPlatform } from './platforms/lark/index.js';
import { todoTaskTitle } from '../cards/builders/todo.js';
import { platformTaskStore } from './db/repos/platform-task-store.js';
import { syncPlatformTasks } from './usecases/duties/sync-platform-tasks.js';
import type { TaskListPort } from './usecases/ports/platform-tasks.js';
import type { PlatformIds } from './usecases/ports/platform.js';
import { createDingTalkPlatform } from './platforms/dingtalk/index.js';
import { GuidedForms } from './bot/guided-form/guided-forms.js';
import { guidedFormStore } from './db/repos/guided-form-repo.js';
import type { PlatformName } from './usecases/ports/platform.js';
import type { ContactDirectory } from './usecases/ports/identity-sync.js';

const ROLES = ['web', 'worker', 'all'] as const;
type ProcessRole = (typeof ROLES)[number];
const SYSTEM_JOBS_EVERY_MS = 60 * 60_000;
/** How long closing may take on a signal before the process exits anyway. */
const SHUTDOWN_DEADLINE_MS = 15_000;

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
  let auditKey;
  try {
    config = loadConfig();
    auditKey = auditKeyForApp(config);
  } catch (err) {
    if (err instanceof ConfigError || err instanceof AuditKeyMissing) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger({ level: config.LOG_LEVEL, maskText: maskPersonalText });
  const clock = systemClock;
  // What is open closes in reverse order on a signal — also one that comes while starting up.
  const closers: (() => unknown)[] = [];
  let stopping = false;
  let startup: Promise<void> = Promise.resolve();
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // A close that never finishes (a job waiting on a Redis that is gone) must not keep the process alive.
    setTimeout(() => {
      logger.error({ signal, afterMs: SHUTDOWN_DEADLINE_MS }, '关闭超时，强制退出 (shutdown timed out)');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    // A signal during start-up waits for it: what it is still opening (the scheduler, say) is then closed too, in order.
    await startup.catch(() => undefined);
    for (const close of closers.reverse()) {
      try {
        await close();
      } catch (err) {
        logger.warn({ err }, 'close failed during shutdown');
      }
    }
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  startup = startUp(role, config, auditKey, logger, clock, closers);
  await startup;
}

/** Opens everything the role needs, each with its closer, in the order they must close in reverse. */
async function startUp(role: ProcessRole, loaded: Config, auditKey: AuditKey, logger: ReturnType<typeof createLogger>, clock: typeof systemClock, closers: (() => unknown)[]): Promise<void> {
  let config = loaded;
  const db = await openDatabase(databaseOptions(config));
  closers.push(() => db.close());
  logger.info({ database: db.kind, location: db.location }, '数据库已就绪 (database ready, migrations applied)');
  await ensureReferenceData(db.prisma);
  const deps = { uow: prismaUnitOfWork(db.prisma, auditKey), clock, config: new DbConfigSource(db.prisma, undefined, logger) };
  await startAuditSigning(db, deps, auditKey, logger);
  await seedDemoIfWanted(config.SEED_DEMO, db, clock, auditKey, logger);

  // On embedded defaults (`npm start`), a redis-server on PATH gives the timed reminders a Redis of the app's own.
  const localRedis = !config.REDIS_URL && db.kind === 'embedded' ? await localRedisOrNone(config.DATA_DIR, logger) : null;
  if (localRedis) closers.push(() => localRedis.stop());
  config = { ...config, REDIS_URL: config.REDIS_URL ?? localRedis?.url };
  let bot: Dispatcher | undefined;
  // Every process sends for the same Lark app: with Redis their rate limits are kept there, together.
  const limitsRedis = config.REDIS_URL ? openLimitsRedis(config.REDIS_URL, logger) : undefined;
  if (limitsRedis) closers.push(() => limitsRedis.disconnect());
  // The worker delivers through the platform's sender too, but never receives: no start() there.
  const lark = createLarkPlatform({
    config, dispatch: (e) => bot!.dispatch(e), logger, outbound: outboundRepo(db.prisma, payloadRetention(config)), chats: chatRepo(db.prisma), clock,
    ...(limitsRedis && { sharedLimits: { redis: limitsRedis, keyPrefix: config.QUEUE_PREFIX } }),
  });
  if (lark) closers.push(() => lark.stop());
  const dingtalk = createDingTalkPlatform({
    config, dispatch: (e) => bot!.dispatch(e), logger, outbound: outboundRepo(db.prisma, payloadRetention(config)), clock,
    ...(limitsRedis && { sharedLimits: { redis: limitsRedis, keyPrefix: config.QUEUE_PREFIX } }),
  });
  if (dingtalk) closers.push(() => dingtalk.stop());
  const messengers = new Map<PlatformName, MessagingPort>([...(lark ? [['LARK', lark.messenger] as const] : []), ...(dingtalk ? [['DINGTALK', dingtalk.messenger] as const] : [])]);
  // The sandbox lives in this process: its chats see the scheduler's pushes only in the `all` role.
  const sandbox = role !== 'worker' ? startSandbox(config, db, deps, (e) => bot!.dispatch(e), logger) : undefined;
  if (sandbox) {
    await sandbox.start();
    messengers.set('SANDBOX', sandbox.messenger);
  }
  if (role !== 'worker') {
    // Its own Redis connection for the outbox's deliveries, /readyz, /metrics and Bull Board (the worker's scheduler has its own).
    const queues = config.REDIS_URL ? openQueueClient(config.REDIS_URL, config.QUEUE_PREFIX, logger) : undefined;
    if (queues) closers.push(() => queues.close());
    const directories = new Map<PlatformName, ContactDirectory>([...(lark ? [['LARK', lark.directory] as const] : []), ...(dingtalk ? [['DINGTALK', dingtalk.directory] as const] : [])]);
    // With Redis a click's notifications go through the outbox to the worker's delivery queue; without it, straight out.
    const pushQueue = queues && createPushQueue(queues.queues, deps);
    bot = createBot({
      deps, clock, read: prismaReadModel(db.prisma), messengers, directories, logger, urgentChannels: config.URGENT_CHANNELS, ...(pushQueue && { pushQueue }),
      guidedForms: new GuidedForms(guidedFormStore(db.prisma), clock),
    });
    if (lark) {
      await lark.start();
      logger.info({ mode: config.LARK_MODE }, '飞书机器人已接入 (Lark connected)');
    }
    if (dingtalk) {
      await dingtalk.start();
      logger.info({ mode: config.DINGTALK_MODE }, '钉钉机器人已接入 (DingTalk connected)');
    }
    const app = createHttpApp({
      db,
      logger,
      townName: () => deps.config.townName(),
      ...(sandbox && { sandbox: { loopbackOnly: sandbox.loopbackOnly } }),
      routers: [
        ...(lark?.router ? [lark.router] : []), ...(dingtalk?.router ? [dingtalk.router] : []), ...(sandbox ? [sandbox.router] : []),
        await officeConsole(config, db, deps, logger, { messengers, ...(dingtalk?.webLogin && { dingtalkLogin: dingtalk.webLogin }), ...(pushQueue && { pushQueue }), ...(sandbox && { sandbox }) }),
      ],
      clock,
      ...(queues && { redis: queues.redis, queues: queues.queues }),
      adminToken: config.ADMIN_TOKEN,
      metricsToken: config.METRICS_TOKEN,
      trustProxy: config.TRUST_PROXY,
    });
    const listening = app.listen(config.PORT, config.HOST, () => {
      logger.info({ port: config.PORT, role }, `信访包案助手已启动: http://localhost:${config.PORT}/`);
      if (sandbox) logger.info(`沙盒聊天（浏览器中与机器人对话）: http://localhost:${config.PORT}/sandbox`);
      // A live login link in a log is for the demo only: real data's logs are read by more people.
      if (sandbox && db.kind === 'embedded') void printAdminLink(db, deps, config.PORT, logger);
    });
    closers.push(() => new Promise<void>((resolve) => listening.close(() => resolve())));
  }
  if (role !== 'web') {
    const auditAnchors = anchorFile(auditAnchorsPath(config), auditKey);
    const taskLists = [
      ...(lark && config.LARK_TASKS ? [{ port: lark.tasks, reachable: (ids: PlatformIds) => Boolean(ids.openId) }] : []),
      ...(dingtalk && config.DINGTALK_TODO ? [{ port: dingtalk.tasks, reachable: (ids: PlatformIds) => Boolean(ids.unionId || ids.userId) }] : []),
    ];
    const syncTasks = taskLists.length > 0 ? platformTaskSync(deps, taskLists, db.prisma, logger) : undefined;
    const scheduler = await startScheduler(config, deps, messengers, auditAnchors, logger, syncTasks);
    if (scheduler) closers.push(() => scheduler.stop());
    // With Redis the scheduler's hourly sweep runs the system jobs; without it they still keep the record.
    if (!scheduler) {
      const run = () =>
        runSystemJobs(deps, logger, { retention: payloadRetention(config), anchors: auditAnchors })
          .then(() => syncTasks?.())
          .catch((err: unknown) => logger.error({ err }, 'system jobs failed'));
      void run();
      const jobs = setInterval(run, SYSTEM_JOBS_EVERY_MS);
      closers.push(() => clearInterval(jobs));
    }
  }
}

/**
 * R25 at start-up: signs the log from here on (a first signed row after unsigned ones), and warns
 * of what would weaken it — a role that owns the tables (it can disable the triggers), or a key
 * other than the one the newest rows were signed with (web and worker must share AUDIT_KEY).
 */
async function startAuditSigning(db: Database, deps: Deps, auditKey: AuditKey, logger: ReturnType<typeof createLogger>): Promise<void> {
  if (db.kind === 'postgres') {
    const role = await databaseRole(db.sql);
    if (role.owner || role.superuser) {
      logger.warn({ role: role.user }, '应用以数据表所有者或超级用户身份连接数据库：它能停用审计日志的触发器。生产环境请按 README「数据库账号」使用不拥有数据表的应用账号 (the app connects as the tables\' owner or a superuser)');
    }
  }
  const head = await startSignedAudit(deps);
  if (head?.keyId && head.keyId !== auditKey.id) {
    logger.warn({ signedWith: head.keyId, keyId: auditKey.id }, 'AUDIT_KEY 与审计日志最新记录的签名密钥不同：此后的记录用新密钥签名，旧记录须用原密钥核验；web 与 worker 须使用同一密钥 (AUDIT_KEY differs from the key of the newest audit rows)');
  }
  logger.info({ keyId: auditKey.id }, '审计日志签名已启用 (audit log signing on)');
}

async function localRedisOrNone(dataDir: string, logger: ReturnType<typeof createLogger>): Promise<LocalRedis | null> {
  try {
    const redis = await startLocalRedis(dataDir, logger);
    if (!redis) {
      logger.warn(
        '未找到 redis-server，定时提醒与预警升级未启用。安装 Redis 后重启即可自动使用（Debian/Ubuntu：sudo apt install redis-server；' +
          'macOS：brew install redis），或设置 REDIS_URL=redis://主机:端口 使用已有的 Redis。',
      );
    }
    return redis;
  } catch (err) {
    logger.warn({ err }, '本地 Redis 启动失败，定时提醒未启用 (local redis-server failed to start)');
    return null;
  }
}

/** The office console (信访办工作台) at /console. */
async function officeConsole(
  config: Config, db: Database, deps: Deps, logger: ReturnType<typeof createLogger>,
  { messengers, dingtalkLogin, pushQueue, sandbox }: { messengers: ReadonlyMap<PlatformName, MessagingPort>; dingtalkLogin?: WebLogin; pushQueue?: PushQueue; sandbox?: SandboxPlatform },
) {
  const lark = larkEnabled(config) ? larkWebLogin({ appId: config.LARK_APP_ID!, appSecret: config.LARK_APP_SECRET!, domain: config.LARK_DOMAIN }) : undefined;
  // Corrections made at the console tell people as the bot would (R1 needs-owner, R20 alerts).
  const notifier = createNotifier({ deps, messengers, logger, urgentChannels: config.URGENT_CHANNELS, ...(pushQueue && { pushQueue }) });
  return consoleRouter({
    notify: (notifications) => notifier.deliver(notifications),
    ...(lark && { larkLogin: lark }),
    ...(dingtalkLogin && { dingtalkLogin }),
    ...(config.PUBLIC_URL && { publicUrl: config.PUBLIC_URL }),
    ...(pushQueue && { refreshCases: (ids: readonly string[]) => pushQueue.refreshCases(ids) }),
    // Acting as anyone is for the demo's data only, as the printed link is.
    ...(sandbox && db.kind === 'embedded' && { sandboxLogin: { loopbackOnly: sandbox.loopbackOnly } }),
    prisma: db.prisma,
    deps,
    logger,
    sessions: dbConsoleSessions(db.prisma),
    links: dbLoginLinks(db.prisma),
    publicDir: join(packageRoot(), 'public', 'console'),
  });
}

/** The embedded demo has no Lark login: a one-time link for the first administrator (or office staff) is printed instead. */
async function printAdminLink(db: Database, deps: Deps, port: number, logger: ReturnType<typeof createLogger>): Promise<void> {
  try {
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'zh');
    const admin = await deps.uow.read(async (repos) => (await repos.directory.peopleWithRole('ADMIN')).sort(byName)[0] ?? (await repos.directory.peopleWithRole('OFFICE_STAFF')).sort(byName)[0]);
    if (!admin) return;
    const token = await dbLoginLinks(db.prisma).issue(admin.id, deps.clock.now());
    // Printed beside the log, not in it: the log would rightly redact the token this line exists to hand over.
    console.log(`信访办工作台一次性登录链接（${admin.name}，15 分钟内有效，仅可使用一次）: http://localhost:${port}/console/login/link?token=${token}`);
  } catch (err) {
    logger.warn({ err }, 'could not make the console login link');
  }
}

/** The browser chat of issue #5, on the embedded demo database when no chat platform is configured (or SANDBOX=true). */
function startSandbox(config: Config, db: Database, deps: Deps, dispatch: Dispatch, logger: ReturnType<typeof createLogger>): SandboxPlatform | undefined {
  const mode = sandboxMode(config, db.kind);
  const prisma = db.prisma;
  if (mode === 'off') return undefined;
  if (mode === 'open') logger.warn('SANDBOX=true：任何能访问本端口的人都可以在沙盒中冒充任何人员，只应在演示数据上使用');
  return createSandboxPlatform({
    uow: deps.uow, dispatch, clock: deps.clock, logger, publicDir: join(packageRoot(), 'public', 'sandbox'), loopbackOnly: mode === 'local', store: sandboxMessageStore(prisma),
  });
}

/** The folder of package.json, whether running from src/ (tsx) or dist/src/ (node). */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('package.json not found above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
  return dir;
}

/** A connection for the shared rate limits that fails fast while Redis is away (the limiter then falls back to this process's own). */
function openLimitsRedis(url: string, logger: ReturnType<typeof createLogger>): Redis {
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
  redis.on('error', (err) => logger.debug({ err }, 'rate-limit Redis error'));
  return redis;
}

/** Issue 16: people's own to-do lists (Lark Tasks: LARK_TASKS; DingTalk 待办: DINGTALK_TODO) follow their 待办, after each periodic sweep. */
function platformTaskSync(
  deps: Deps,
  lists: { port: TaskListPort; reachable: (ids: PlatformIds) => boolean }[],
  prisma: Awaited<ReturnType<typeof openDatabase>>['prisma'],
  logger: ReturnType<typeof createLogger>,
) {
  return async () => {
    for (const { port, reachable } of lists) {
      const result = await syncPlatformTasks(deps, { port, store: platformTaskStore(prisma), title: todoTaskTitle, reachable, logger });
      if (result.created + result.updated + result.completed + result.failed > 0) logger.info({ platform: port.platform, ...result }, '待办已同步到平台 (platform to-dos synced)');
    }
  };
}

/** The BullMQ scheduler of the worker role, when Redis is configured; a configured Redis that does not answer stops the start. */
async function startScheduler(
  config: Config,
  deps: Deps,
  messengers: ReadonlyMap<PlatformName, MessagingPort>,
  auditAnchors: AuditAnchorLog,
  logger: ReturnType<typeof createLogger>,
  syncTasks?: () => Promise<unknown>,
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
    console.error(safeText(`无法连接 Redis（${url}）：${err instanceof Error ? err.message : String(err)}。请检查 REDIS_URL，或去掉它以关闭定时推送。`));
    process.exit(1);
  }
  const notifier = createNotifier({ deps, messengers, logger, urgentChannels: config.URGENT_CHANNELS });
  const scheduler = new Scheduler({
    deps, clock: deps.clock, logger, connection, prefix: config.QUEUE_PREFIX, retention: payloadRetention(config), auditAnchors,
    deliver: (push) => notifier.deliverTo(push.notification, push.personId),
    ...(syncTasks ? { syncTasks } : {}),
  });
  await scheduler.start();
  logger.info('定时推送已启动 (scheduler started)');
  return scheduler;
}

async function seedDemoIfWanted(
  mode: 'auto' | 'true' | 'false',
  db: Awaited<ReturnType<typeof openDatabase>>,
  clock: typeof systemClock,
  auditKey: AuditKey,
  logger: ReturnType<typeof createLogger>,
): Promise<void> {
  if (mode === 'false' || (mode === 'auto' && db.kind !== 'embedded')) return;
  if ((await db.prisma.case.count()) > 0) return;
  const { seedDemo } = await import('./demo/seed-demo.js');
  logger.info('首次启动：正在生成演示数据 (seeding the demo township)…');
  await seedDemo(db, clock, auditKey);
  logger.info('演示数据已生成 (demo township ready)');
}

/** What is printed outside the logger gets the logger's cleaning too. */
function safeText(text: string): string {
  return maskPersonalText(redactSecrets(text));
}

main().catch((err: unknown) => {
  if (err instanceof MigrationError) {
    console.error(safeText(`数据库迁移失败，无法启动：${err.message}`));
  } else {
    console.error('启动失败 (start-up failed):', safeText(err instanceof Error ? (err.stack ?? err.message) : String(err)));
  }
  process.exit(1);
});
