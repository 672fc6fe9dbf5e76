import type { PrismaClient } from '../../generated/prisma/client.js';
import type { AuditAnchor } from '../../usecases/ports/audit-anchors.js';
import { anchorSignature, readAnchorLines } from './anchor-file.js';
import type { AuditKey } from './audit-key.js';
import { AuditProblems, type AuditProblem } from './audit-problems.js';

export interface AnchorVerification {
  ok: boolean;
  file: string;
  /** false when there is no anchors file at all. */
  found: boolean;
  anchors: number;
  last: AuditAnchor | null;
  problems: AuditProblem[];
  problemCount: number;
}

const CHUNK = 1000;

/**
 * R25: every anchored head must still be in the log with the same hash and MAC, and the log must
 * reach the newest anchor: deleting the last rows (which leaves a chain that links) shows here.
 * With the key, each anchor line's own signature is checked too, so a forged line is found.
 * `required`: a missing file is a finding (the log is signed, so anchors were being written).
 */
export async function verifyAnchors(prisma: PrismaClient, file: string, key: AuditKey | null, opts: { headSeq: number; required: boolean }): Promise<AnchorVerification> {
  const problems = new AuditProblems();
  const lines = await readAnchorLines(file);
  if (!lines) {
    if (opts.required) problems.add('-', `锚点文件不存在（${file}）：无法发现日志尾部被删除；请用 --anchors 指定锚点文件 anchors file not found: tail deletion cannot be detected; pass --anchors <file>`);
    return { ok: problems.count === 0, file, found: false, anchors: 0, last: null, problems: problems.list, problemCount: problems.count };
  }
  const anchors: AuditAnchor[] = [];
  for (const l of lines) {
    if (!l.anchor) problems.add(`锚点第 ${l.line} 行 anchor line ${l.line}`, '无法解析 unreadable');
    else if (key && anchorSignature(key, l.anchor) !== l.sig) problems.add(`锚点第 ${l.line} 行 anchor line ${l.line}`, '锚点签名不符（被改写或伪造） signature does not match (altered or forged)');
    else anchors.push(l.anchor);
  }
  const rows = await rowsAt(prisma, [...new Set(anchors.map((a) => a.seq))]);
  let previous: AuditAnchor | null = null;
  for (const a of anchors) {
    const when = a.anchoredAt.toISOString();
    const row = rows.get(a.seq);
    if (!row) problems.add(a.seq, `${when} 锚定的记录已不存在（日志尾部被删除？） the row anchored at ${when} is gone (tail deleted?)`);
    else if (row.hash !== a.hash || row.mac !== a.mac) problems.add(a.seq, `与 ${when} 的锚点不符（记录被改写） differs from the anchor of ${when} (row rewritten)`);
    if (previous && a.seq < previous.seq) problems.add(a.seq, `锚点比前一个（seq ${previous.seq}）短：两次锚定之间日志被截短 shorter than the anchor before (seq ${previous.seq}): the log was cut between anchors`);
    previous = a;
  }
  const newest = anchors.reduce<AuditAnchor | null>((m, a) => (m && m.seq >= a.seq ? m : a), null);
  if (newest && opts.headSeq < newest.seq) {
    problems.add(opts.headSeq, `日志只到 seq ${opts.headSeq}，短于 ${newest.anchoredAt.toISOString()} 的锚点 seq ${newest.seq}：尾部记录被删除 the log ends at seq ${opts.headSeq}, before the anchor of seq ${newest.seq}: its tail was deleted`);
  }
  return { ok: problems.count === 0, file, found: true, anchors: anchors.length, last: anchors.at(-1) ?? null, problems: problems.list, problemCount: problems.count };
}

async function rowsAt(prisma: PrismaClient, seqs: number[]): Promise<Map<number, { hash: string; mac: string | null }>> {
  const found = new Map<number, { hash: string; mac: string | null }>();
  for (let i = 0; i < seqs.length; i += CHUNK) {
    const batch = await prisma.auditLog.findMany({ where: { seq: { in: seqs.slice(i, i + CHUNK).map(BigInt) } }, select: { seq: true, hash: true, mac: true } });
    for (const r of batch) found.set(Number(r.seq), { hash: r.hash, mac: r.mac });
  }
  return found;
}
