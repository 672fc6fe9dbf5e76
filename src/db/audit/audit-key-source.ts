import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { auditKeyFrom, type AuditKey } from './audit-key.js';

export interface AuditKeySettings {
  AUDIT_KEY?: string | undefined;
  DATABASE_URL?: string | undefined;
  DATA_DIR: string;
}

export class AuditKeyMissing extends Error {}

/** Where the embedded database keeps its generated key: beside the database folder, not in it. */
export function auditKeyFile(dataDir: string): string {
  return resolve(dataDir, 'audit.key');
}

/**
 * The key the application signs audit rows with (R25): AUDIT_KEY, else — for the embedded
 * database only — a key made once and kept in DATA_DIR/audit.key. PostgreSQL needs AUDIT_KEY:
 * web and worker processes must share one key, and a key made on the side would not be.
 */
export function auditKeyForApp(s: AuditKeySettings): AuditKey {
  if (s.AUDIT_KEY) return auditKeyFrom(s.AUDIT_KEY);
  if (s.DATABASE_URL) {
    throw new AuditKeyMissing(
      '使用 PostgreSQL 时必须设置 AUDIT_KEY（审计日志签名密钥，至少 32 个字符，如 openssl rand -hex 32 的输出；web 与 worker 须相同，并妥善备份，见 README「审计日志」）。' +
        ' (AUDIT_KEY is required with DATABASE_URL.)',
    );
  }
  const file = auditKeyFile(s.DATA_DIR);
  const existing = readKeyFile(file);
  if (existing) return auditKeyFrom(existing);
  mkdirSync(resolve(s.DATA_DIR), { recursive: true });
  try {
    writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (err) {
    // Another process of the same folder made it first: use theirs.
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return auditKeyFrom(readKeyFile(file)!);
}

/** The key audit:verify checks with, or null when there is none (it then checks what needs no key). */
export function auditKeyForVerify(s: AuditKeySettings): { key: AuditKey | null; source: string } {
  if (s.AUDIT_KEY) return { key: auditKeyFrom(s.AUDIT_KEY), source: 'AUDIT_KEY' };
  const file = auditKeyFile(s.DATA_DIR);
  const stored = s.DATABASE_URL ? null : readKeyFile(file);
  return stored ? { key: auditKeyFrom(stored), source: file } : { key: null, source: s.DATABASE_URL ? 'AUDIT_KEY' : `AUDIT_KEY / ${join(s.DATA_DIR, 'audit.key')}` };
}

function readKeyFile(file: string): string | null {
  try {
    return readFileSync(file, 'utf8').trim() || null;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}
