import { describe, expect, it } from 'vitest';
import { auditAnchorNotice, auditTamperingNotice } from '../../src/domain/audit/anchor-notices.js';

const head = { seq: 1234, hash: 'a'.repeat(64), mac: '3f2a9c1e5b7d0a4c'.padEnd(64, '0') };

describe('audit anchor notices (R25)', () => {
  it('R25: the day\'s anchor tells the office the size of the log and the start of its head\'s MAC, in Beijing time, once a day', () => {
    const n = auditAnchorNotice(head, new Date('2026-12-01T01:00:00Z'), ['o1', 'o1', 'o2']);
    expect(n).toMatchObject({ kind: 'AUDIT_ANCHOR', key: 'audit-anchor:2026-12-01', urgency: 'NORMAL', recipientIds: ['o1', 'o2'], caseId: null, requiresAck: false });
    expect(n.body).toContain('截至 2026-12-01 09:00，审计日志共 1234 条，链头校验码 3f2a9c1e5b7d0a4c。');
    expect(n.body.length).toBeLessThan(120);
    // The same day's later anchors share the key: the outbox records the first only.
    expect(auditAnchorNotice({ ...head, seq: 1300 }, new Date('2026-12-01T15:59:00Z'), ['o1']).key).toBe('audit-anchor:2026-12-01');
  });

  it('R25: rows from before signing show their hash; a head that is gone is urgent, once per anchored head', () => {
    expect(auditAnchorNotice({ ...head, mac: null }, new Date('2026-12-01T01:00:00Z'), ['o1']).body).toContain(`链头校验码 ${'a'.repeat(16)}`);
    const n = auditTamperingNotice(head, new Date('2026-12-01T01:00:00Z'), ['o1', 'admin']);
    expect(n).toMatchObject({ kind: 'AUDIT_TAMPERING', urgency: 'URGENT', key: 'audit-tampering:1234:3f2a9c1e5b7d0a4c', recipientIds: ['o1', 'admin'] });
    expect(n.body).toContain('2026-12-01 09:00 锚定的第 1234 条审计记录');
  });
});
