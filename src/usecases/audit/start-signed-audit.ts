import type { Deps } from '../ports.js';
import type { AuditHead } from '../ports/audit-anchors.js';
import { audit } from '../support/audit.js';

/**
 * R25, at start-up: when the log's newest row is unsigned (written before the application had its
 * key), appends a signed row naming it. From here every row is signed; this one commits to the
 * old chain's head, and audit:verify requires the newest row to be signed, so the switch-over can
 * be neither moved nor removed without the key. Returns the head found.
 */
export async function startSignedAudit(deps: Deps): Promise<AuditHead | null> {
  return deps.uow.run(async (repos) => {
    const head = await repos.audit.head();
    if (head && head.mac === null) {
      await audit(repos, null, deps.clock.now(), {
        action: 'audit.signing_started',
        entityType: 'AuditLog',
        entityId: String(head.seq),
        before: { seq: head.seq, hash: head.hash },
        reason: 'R25 审计日志自此由应用密钥签名',
      });
    }
    return head;
  });
}
