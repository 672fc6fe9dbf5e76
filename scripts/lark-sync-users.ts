/**
 * npm run lark:sync-users — links the township's people to their Lark accounts (by mobile, else
 * email) using contact.user.batchGetId. Safe to run again: people already linked are skipped.
 */
import { ConfigError, larkEnabled, loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { prismaUnitOfWork } from '../src/db/unit-of-work.js';
import { systemClock } from '../src/lib/clock.js';
import { createLogger } from '../src/lib/logger.js';
import { formatSyncSummary, larkDirectoryFromConfig } from '../src/platforms/lark/sync-users.js';
import { syncPlatformIdentities } from '../src/usecases/platform/sync-identities.js';

let config;
try {
  config = loadConfig();
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(2);
}
if (!larkEnabled(config)) {
  console.error('未配置飞书：请先设置 LARK_APP_ID 和 LARK_APP_SECRET');
  process.exit(2);
}
const logger = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL);
const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
try {
  console.log(`正在按手机号/邮箱匹配飞书账号 (${config.LARK_DOMAIN}) → ${db.location}`);
  const summary = await syncPlatformIdentities({ uow: prismaUnitOfWork(db.prisma), clock: systemClock }, larkDirectoryFromConfig(config, logger));
  console.log(formatSyncSummary(summary));
} catch (err) {
  console.error('同步失败：', err instanceof Error ? err.message : err);
  process.exitCode = 1;
} finally {
  await db.close();
}
