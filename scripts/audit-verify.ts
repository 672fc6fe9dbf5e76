/**
 * npm run audit:verify [-- --anchors <file>] — R25: checks the audit log's hash chain, its MACs
 * (with AUDIT_KEY, or the embedded database's DATA_DIR/audit.key) and the anchors file.
 * Exit 0: intact; 1: tampering found; 2: could not check everything (no key) or bad settings.
 */
import { auditAnchorsPath, ConfigError, databaseOptions, loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { auditKeyForVerify } from '../src/db/audit/audit-key-source.js';
import { verifyAudit } from '../src/db/audit/verify-audit.js';
import { auditReportLines } from '../src/db/audit/audit-report-lines.js';

const args = process.argv.slice(2);
const anchorsArg = args.indexOf('--anchors');
let config;
try {
  config = loadConfig();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(err.message);
  process.exit(2);
}
const anchorsFile = anchorsArg >= 0 && args[anchorsArg + 1] ? args[anchorsArg + 1]! : auditAnchorsPath(config);
const { key, source } = auditKeyForVerify(config);
const db = await openDatabase({ ...databaseOptions(config), migrate: false });
try {
  const report = await verifyAudit(db.prisma, { key, anchorsFile });
  for (const line of auditReportLines(report, { location: db.location, keySource: source, keyId: key?.id ?? null })) console.log(line);
  process.exitCode = !report.ok ? 1 : key ? 0 : 2;
} finally {
  await db.close();
}
