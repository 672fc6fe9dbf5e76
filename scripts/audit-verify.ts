/** npm run audit:verify — checks the audit log's hash chain (R25); exits 1 when tampering is found. */
import { databaseOptions, loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { verifyAuditChain } from '../src/db/audit-verify.js';

const config = loadConfig();
const db = await openDatabase({ ...databaseOptions(config), migrate: false });
try {
  const result = await verifyAuditChain(db.prisma);
  console.log(`审计日志 (${db.location}): ${result.rows} 条记录`);
  if (result.ok) {
    console.log(`✔ 哈希链完整。链头哈希 (head hash): ${result.headHash ?? '—'}`);
  } else {
    console.log(`✘ 发现 ${result.problems.length} 处问题:`);
    for (const p of result.problems.slice(0, 50)) console.log(`  seq ${p.seq}: ${p.problem}`);
    process.exitCode = 1;
  }
} finally {
  await db.close();
}
