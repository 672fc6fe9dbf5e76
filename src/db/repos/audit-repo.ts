import type { AuditRepo } from '../../usecases/ports.js';
import type { Tx } from './tx.js';

const json = (v: unknown): string | null => (v === null || v === undefined ? null : JSON.stringify(v));

export function auditRepo(tx: Tx): AuditRepo {
  return {
    async append(e) {
      // seq, prevHash and hash are placeholders: the database trigger sets them (R25).
      await tx.auditLog.create({
        data: { ...e, before: json(e.before), after: json(e.after), seq: 0n, prevHash: '', hash: '' },
      });
    },
  };
}
