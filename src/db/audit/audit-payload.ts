import type { AuditKey } from './audit-key.js';

/** The fields of an audit row that its hash and its MAC cover. */
export interface AuditRowContent {
  seq: bigint;
  at: Date;
  actorId: string | null;
  channel: string;
  action: string;
  entityType: string;
  entityId: string;
  caseId: string | null;
  before: string | null;
  after: string | null;
  reason: string | null;
  prevHash: string;
}

export const GENESIS_HASH = '0'.repeat(64);
const US = String.fromCharCode(31);
const NULL_MARK = String.fromCharCode(30);

/** The exact text the database trigger hashes (audit_log_payload in the init migration). */
export function auditPayload(r: AuditRowContent): string {
  return [
    r.seq.toString(), r.at.toISOString(), r.actorId, r.channel, r.action, r.entityType, r.entityId, r.caseId,
    r.before, r.after, r.reason, r.prevHash,
  ].map((v) => v ?? NULL_MARK).join(US);
}

/**
 * R25: the MAC of a row, chained to the previous row's MAC (null before the first signed row,
 * whose prevHash then ties it to the last unsigned one). A JSON array rather than the trigger's
 * separator-joined text: a separator typed into a field cannot shift text from one field to another.
 */
export function auditRowMac(key: AuditKey, r: AuditRowContent, prevMac: string | null): string {
  return key.mac(JSON.stringify([
    'xinfang-audit-row/1', r.seq.toString(), r.at.toISOString(), r.actorId, r.channel, r.action, r.entityType, r.entityId, r.caseId,
    r.before, r.after, r.reason, r.prevHash, key.id, prevMac,
  ]));
}
