/** npm run db:migrate — applies pending migrations (also done automatically at start-up). */
import { databaseOptions, loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { applyMigrations } from '../src/db/migrate.js';

const config = loadConfig();
const db = await openDatabase({ ...databaseOptions(config), migrate: false });
try {
  const applied = await applyMigrations(db.sql);
  console.log(applied.length ? `已应用迁移 (applied): ${applied.join(', ')}` : `数据库已是最新 (${db.location})`);
} finally {
  await db.close();
}
