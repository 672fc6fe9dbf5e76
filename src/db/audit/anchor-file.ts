import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { AuditAnchor, AuditAnchorLog } from '../../usecases/ports/audit-anchors.js';
import type { AuditKey } from './audit-key.js';

const line = z.object({
  seq: z.number().int().positive(),
  hash: z.string().min(1),
  mac: z.string().nullable(),
  keyId: z.string().nullable(),
  at: z.iso.datetime(),
  sig: z.string(),
});

export interface AnchorLine {
  /** 1-based line number in the file. */
  line: number;
  /** null when the line cannot be read as an anchor. */
  anchor: AuditAnchor | null;
  sig: string | null;
}

/** Each line is signed on its own, so two processes anchoring at once both leave valid lines. */
export function anchorSignature(key: AuditKey, a: AuditAnchor): string {
  return key.mac(JSON.stringify(['xinfang-audit-anchor/1', a.seq, a.hash, a.mac, a.keyId, a.anchoredAt.toISOString()]));
}

/**
 * R25: anchors as JSON lines appended to a file outside the database (DATA_DIR or
 * AUDIT_ANCHOR_FILE), each signed with the audit key so that a forged line does not verify.
 */
export function anchorFile(path: string, key: AuditKey): AuditAnchorLog {
  return {
    async last() {
      const lines = (await readAnchorLines(path)) ?? [];
      for (let i = lines.length - 1; i >= 0; i--) if (lines[i]!.anchor) return lines[i]!.anchor;
      return null;
    },
    async append(a) {
      await mkdir(dirname(path), { recursive: true });
      const text = JSON.stringify({ seq: a.seq, hash: a.hash, mac: a.mac, keyId: a.keyId, at: a.anchoredAt.toISOString(), sig: anchorSignature(key, a) });
      await appendFile(path, `${text}\n`, { encoding: 'utf8', mode: 0o600, flag: 'a' });
    },
  };
}

/** The file's anchors in order; null when there is no file. */
export async function readAnchorLines(path: string): Promise<AnchorLine[] | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  return text.split('\n').flatMap((raw, i) => (raw.trim() ? [parseLine(raw, i + 1)] : []));
}

function parseLine(raw: string, lineNo: number): AnchorLine {
  try {
    const p = line.parse(JSON.parse(raw));
    return { line: lineNo, anchor: { seq: p.seq, hash: p.hash, mac: p.mac, keyId: p.keyId, anchoredAt: new Date(p.at) }, sig: p.sig };
  } catch {
    return { line: lineNo, anchor: null, sig: null };
  }
}
