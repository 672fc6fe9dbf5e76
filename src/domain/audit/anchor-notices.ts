import { localDateOf, localMinuteOf } from '../../lib/local-date.js';
import { notification, type Notification } from '../notifications.js';

/** What an anchor notice shows: the size of the log and the start of its head's MAC, no content. */
export interface AnchoredHead {
  seq: number;
  hash: string;
  mac: string | null;
}

const fingerprint = (h: AnchoredHead) => (h.mac ?? h.hash).slice(0, 16);

/**
 * R25: the office's daily copy of an anchor, kept outside the server in the chat: should the
 * server's anchors file and the log's tail be cut together, this message still says how far the
 * log went. Terse and free of personal data.
 */
export function auditAnchorNotice(head: AnchoredHead, anchoredAt: Date, officeIds: string[]): Notification {
  return notification({
    kind: 'AUDIT_ANCHOR',
    key: `audit-anchor:${localDateOf(anchoredAt)}`,
    urgency: 'NORMAL',
    recipientIds: officeIds,
    title: '审计日志锚点',
    body: `截至 ${localMinuteOf(anchoredAt)}，审计日志共 ${head.seq} 条，链头校验码 ${fingerprint(head)}。请保留本消息：核验审计日志（npm run audit:verify）时可据此发现被删除的记录。`,
  });
}

/** R25: the log no longer holds the head anchored last time — rows were deleted or rewritten. */
export function auditTamperingNotice(anchored: AnchoredHead, anchoredAt: Date, recipientIds: string[]): Notification {
  return notification({
    kind: 'AUDIT_TAMPERING',
    key: `audit-tampering:${anchored.seq}:${fingerprint(anchored)}`,
    urgency: 'URGENT',
    recipientIds,
    title: '审计日志与锚点不符',
    body: `${localMinuteOf(anchoredAt)} 锚定的第 ${anchored.seq} 条审计记录（校验码 ${fingerprint(anchored)}）已不在日志中或已被改动：审计日志可能被删改。请立即运行 npm run audit:verify 核查，并保全数据库与锚点文件。`,
  });
}
