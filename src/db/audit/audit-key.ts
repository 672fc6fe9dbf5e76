import { createHmac } from 'node:crypto';

/**
 * R25: the application's audit key. The database never sees it, so whoever can rewrite the
 * audit table (its owner, a superuser) cannot make a MAC that verifies.
 */
export interface AuditKey {
  /** A short fingerprint stored with each signed row: names the key without revealing it. */
  readonly id: string;
  /** HMAC-SHA256 of the text, in hex. */
  mac(text: string): string;
}

/** The key made from AUDIT_KEY (or the generated key file): its UTF-8 bytes are the HMAC key. */
export function auditKeyFrom(secret: string): AuditKey {
  const mac = (text: string) => createHmac('sha256', secret).update(text, 'utf8').digest('hex');
  return { id: mac('xinfang-audit-key-id').slice(0, 16), mac };
}
