import type { Server } from 'node:http';
import { ConfigError, loadConfig } from './config.js';
import { ensureReferenceData } from './db/config-source.js';
import { openDatabase } from './db/database.js';
import { createHttpApp } from './http/app.js';
import { systemClock } from './lib/clock.js';
import { createLogger } from './lib/logger.js';
import { localDateOf } from './lib/local-date.js';
import { MigrationError } from './db/migrate.js';

/** Composition root: reads config once, opens the database, serves HTTP, closes on SIGTERM. */
async function main(): Promise<void> {
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

  const { officeStatistics } = await import('./db/queries/office-statistics.js');
  const app = createHttpApp({
    db,
    logger,
    summary: () => officeStatistics(db.prisma, { year: Number(localDateOf(clock.now()).slice(0, 4)) }),
  });
  const server: Server = app.listen(config.PORT, config.HOST, () => {
    logger.info({ port: config.PORT }, `信访包案助手已启动: http://localhost:${config.PORT}/`);
  });

  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    server.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
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
