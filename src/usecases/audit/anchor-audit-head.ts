import { auditAnchorNotice, auditTamperingNotice } from '../../domain/audit/anchor-notices.js';
import type { Notification } from '../../domain/notifications.js';
import type { Deps } from '../ports.js';
import type { AuditAnchor, AuditAnchorLog, AuditHead } from '../ports/audit-anchors.js';
import { idsWithRole } from '../support/recipients.js';

const same = (a: AuditHead, b: AuditHead | null) => b !== null && a.seq === b.seq && a.hash === b.hash && a.mac === b.mac;

/**
 * R25 system job: writes the audit log's head to the anchors log outside the database when it has
 * moved since the last anchor, and gives the office the day's first anchor. Should the head
 * anchored last be gone from the log or changed (its tail deleted, a row rewritten), the office
 * and the administrators are told at once.
 */
export async function anchorAuditHead(deps: Deps, anchors: AuditAnchorLog): Promise<{ anchor: AuditAnchor | null; notifications: Notification[] }> {
  const now = deps.clock.now();
  const last = await anchors.last();
  const { head, anchored, office, admins } = await deps.uow.read(async (repos) => ({
    head: await repos.audit.head(),
    anchored: last && (await repos.audit.at(last.seq)),
    office: await idsWithRole(repos, 'OFFICE_STAFF'),
    admins: await idsWithRole(repos, 'ADMIN'),
  }));
  const notifications: Notification[] = [];
  if (last && !same(last, anchored)) notifications.push(auditTamperingNotice(last, last.anchoredAt, [...office, ...admins]));
  if (!head || (last && same(head, last))) return { anchor: null, notifications };
  const anchor: AuditAnchor = { ...head, anchoredAt: now };
  await anchors.append(anchor);
  notifications.push(auditAnchorNotice(head, now, office));
  return { anchor, notifications };
}
