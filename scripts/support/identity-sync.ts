import { databaseOptions, type Config } from '../../src/config.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { prismaUnitOfWork } from '../../src/db/unit-of-work.js';
import { auditKeyForApp } from '../../src/db/audit/audit-key-source.js';
import { systemClock } from '../../src/lib/clock.js';
import { maskPersonalText } from '../../src/domain/privacy/mask-text.js';
import { createLogger, type Logger } from '../../src/lib/logger.js';
import { formatSyncSummary } from '../../src/platforms/lark/sync-users.js';
import type { ContactDirectory } from '../../src/usecases/ports/identity-sync.js';
import { syncPlatformIdentities } from '../../src/usecases/platform/sync-identities.js';

/** The body of `npm run lark:sync-users` / `dingtalk:sync-users`: link people, print who, close. */
export async function runIdentitySync(config: Config, what: string, directoryOf: (db: Database, logger: Logger) => ContactDirectory): Promise<void> {
  const logger = createLogger({ level: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL, maskText: maskPersonalText });
  const auditKey = auditKeyForApp(config);
  const db = await openDatabase(databaseOptions(config));
  try {
    console.log(`${what} → ${db.location}`);
    const summary = await syncPlatformIdentities({ uow: prismaUnitOfWork(db.prisma, auditKey), clock: systemClock }, directoryOf(db, logger));
    console.log(formatSyncSummary(summary));
  } catch (err) {
    console.error('同步失败：', err instanceof Error ? err.message : err);
    process.exitCode = 1;
  } finally {
    await db.close();
  }
}
