import { auditKeyFrom } from '../../src/db/audit/audit-key.js';

/** AUDIT_KEY of test databases and of the processes tests start. */
export const TEST_AUDIT_SECRET = 'test-audit-key: not a secret, test databases only';

/** The key test databases' audit rows are signed with (R25). */
export const TEST_AUDIT_KEY = auditKeyFrom(TEST_AUDIT_SECRET);
