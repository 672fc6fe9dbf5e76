import type { AuditReport } from './verify-audit.js';

const MAX_LISTED = 50;

/** What audit:verify prints, in Chinese and English: what was checked, then ✔ or every problem found. */
export function auditReportLines(r: AuditReport, o: { location: string; keySource: string; keyId: string | null }): string[] {
  const { chain, anchors } = r;
  const lines = [`审计日志 Audit log (${o.location})：${chain.rows} 条记录 rows`];
  if (chain.unsigned > 0) lines.push(`  签名前的记录 rows from before signing：${chain.unsigned} 条，只有哈希链保护 hash chain only`);
  if (chain.signedFrom) lines.push(`  签名记录 signed rows：自 from seq ${chain.signedFrom}`);
  lines.push(
    o.keyId
      ? `  密钥 key：${o.keySource}（编号 id ${o.keyId}）`
      : `  ! 未找到审计密钥（${o.keySource}）：签名（MAC）未核验，只核验了哈希链与锚点 no audit key: MACs not checked, only the hash chain and the anchors`,
  );
  lines.push(
    anchors.found
      ? `锚点 Anchors (${anchors.file})：${anchors.anchors} 个${anchors.last ? `，最新 latest seq ${anchors.last.seq} @ ${anchors.last.anchoredAt.toISOString()}` : ''}`
      : `锚点 Anchors (${anchors.file})：文件不存在 no such file`,
  );
  const problems = [...chain.problems, ...anchors.problems];
  const count = chain.problemCount + anchors.problemCount;
  if (r.ok) {
    lines.push(`✔ 审计日志完整${anchors.found ? '，与锚点一致' : ''} audit log intact${anchors.found ? ' and consistent with its anchors' : ''}`);
    if (chain.head) lines.push(`  链头 head：seq ${chain.head.seq}，${chain.head.mac ? `MAC ${chain.head.mac}` : `hash ${chain.head.hash}`}`);
    return lines;
  }
  lines.push(`✘ 发现 ${count} 处问题 ${count} problem(s) found:`);
  for (const p of problems.slice(0, MAX_LISTED)) lines.push(`  seq ${p.seq}: ${p.problem}`);
  if (count > MAX_LISTED) lines.push(`  …… 另有 ${count - MAX_LISTED} 处 and ${count - MAX_LISTED} more`);
  return lines;
}
