/**
 * npm run db:migrate — applies pending migrations as the owner of the tables (DATABASE_OWNER_URL,
 * else DATABASE_URL), then grants the application's role (DATABASE_URL's user) what it needs.
 */
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { migrateAndGrant, roleOfUrl } from '../src/db/roles/migrate-and-grant.js';

const config = loadConfig();
const db = await openDatabase({ databaseUrl: config.DATABASE_OWNER_URL ?? config.DATABASE_URL, dataDir: config.DATA_DIR, migrate: false });
try {
  const { applied, granted } = await migrateAndGrant(db.sql, config.DATABASE_OWNER_URL ? roleOfUrl(config.DATABASE_URL) : null);
  console.log(applied.length ? `已应用迁移 (applied): ${applied.join(', ')}` : `数据库已是最新 (${db.location})`);
  if (granted) console.log(`已为应用账号 ${granted} 授权（审计日志只可追加） (privileges granted to ${granted}; the audit log is insert-only)`);
} finally {
  await db.close();
}
