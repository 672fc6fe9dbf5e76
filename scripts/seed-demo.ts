/**
 * npm run seed:demo [-- --force] [-- --seed=N] — writes the demo township 清河镇 into DATABASE_URL,
 * or into the embedded database under DATA_DIR (./data). Refuses a database that already has
 * cases unless --force (then the directory is reused and the demo cases are added).
 */
import { databaseOptions, loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { auditKeyForApp } from '../src/db/audit/audit-key-source.js';
import { DemoSeedRefused, seedDemo } from '../src/demo/seed-demo.js';
import { systemClock } from '../src/lib/clock.js';

const args = process.argv.slice(2);
const force = args.includes('--force');
const seedArg = args.find((a) => a.startsWith('--seed='));
const seed = seedArg ? Number(seedArg.slice('--seed='.length)) : undefined;
if (seed !== undefined && !Number.isInteger(seed)) {
  console.error('--seed 须为整数');
  process.exit(2);
}

const config = loadConfig();
const auditKey = auditKeyForApp(config);
const db = await openDatabase(databaseOptions(config));
try {
  console.log(`正在写入演示乡镇 (seeding the demo township) → ${db.location}`);
  const started = Date.now();
  const s = await seedDemo(db, systemClock, auditKey, { force, seed });
  console.log(`完成，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒，截至 ${s.today}：`);
  console.log(`  人员 ${s.people}，片区 ${s.areas}，村 ${s.villages}，单位 ${s.units}`);
  console.log(`  信访事项 ${s.cases}（逾期在办 ${s.overdueOpen}，逾期办结 ${s.resolvedLate}）`);
  console.log(`  按状态 ${JSON.stringify(s.byStatus)}`);
  console.log(`  按来源 ${JSON.stringify(s.bySource)}`);
  console.log(`  包案意见 ${s.proposals}，包案 ${s.ownerships}，进展 ${s.progressEntries}，接访日 ${s.receptionDays}，下访 ${s.villageVisits}`);
  console.log(`  排查报告 ${s.screeningReports}，民情信息 ${s.sentimentReports}，研究会议 ${s.meetings}，审计记录 ${s.auditRows}`);
} catch (err) {
  if (err instanceof DemoSeedRefused) {
    console.error(err.message);
    process.exitCode = 1;
  } else {
    throw err;
  }
} finally {
  await db.close();
}
