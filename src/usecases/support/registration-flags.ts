import { DANGER_CATEGORY_LABELS, detectDanger, type KeywordRule } from '../../domain/intake/danger-keywords.js';
import { OWNERSHIP_REASON_LABELS, type OwnershipReason } from '../../domain/intake/ownership-scope.js';
import type { Actor, CaseRecord } from '../../domain/model.js';
import { notification, type Notification } from '../../domain/notifications.js';
import { raiseDangerLetterAlert } from '../escalation/support/danger-letter-alert.js';
import type { Repos } from '../ports.js';
import { audit } from './audit.js';
import { idsWithRole } from './recipients.js';
import { transition } from './transition.js';

// What a case's registration sets off, at intake and again when the office corrects it.

/** R1: the office is told that a case needs a leader owner, and why. */
export async function needsOwnerNotification(repos: Repos, c: CaseRecord, reasons: readonly string[]): Promise<Notification> {
  return notification({
    kind: 'CASE_NEEDS_OWNER',
    key: `needs-owner:${c.id}`,
    urgency: 'NORMAL',
    recipientIds: await idsWithRole(repos, 'OFFICE_STAFF'),
    caseId: c.id,
    title: `${c.number} 需确定包案领导`,
    body: `${c.title}（${reasonText(reasons)}）`,
  });
}

export const reasonText = (reasons: readonly string[]) => reasons.map((r) => OWNERSHIP_REASON_LABELS[r as OwnershipReason] ?? r).join('、');

/**
 * R1 after a correction: a case without an owner that has come into the ownership scope joins the
 * needs-owner queue, as intake would have put it there.
 */
export async function queueIfNowInScope(repos: Repos, actor: Actor, now: Date, before: CaseRecord, c: CaseRecord): Promise<{ case: CaseRecord; notifications: Notification[] }> {
  const gained = c.ownershipReasons.filter((r) => !before.ownershipReasons.includes(r));
  const waiting = c.status === 'REGISTERED' || (c.status === 'IN_PROGRESS' && c.ownerLeaderId === null);
  if (gained.length === 0 || !waiting) return { case: c, notifications: [] };
  const queued = await transition(repos, actor, now, c, 'AWAITING_OWNER', `R1 包案范围（更正登记后）：${reasonText(gained)}`);
  return { case: queued, notifications: [await needsOwnerNotification(repos, queued, c.ownershipReasons)] };
}

/**
 * R20 after a correction: the registration as it is now is scanned again (its text, and whether a
 * letter has several signatories); what intake did not flag is flagged, audited, and alerted.
 */
export async function flagNewDanger(
  repos: Repos, actor: Actor, now: Date, c: CaseRecord, signatories: number, rules: readonly KeywordRule[],
): Promise<{ case: CaseRecord; notifications: Notification[] }> {
  const found = detectDanger({ text: `${c.title}\n${c.content}`, signatories, isLetter: c.source === 'LETTER' }, [...rules])
    .filter((d) => !c.dangerFlags.includes(d.category));
  if (found.length === 0) return { case: c, notifications: [] };
  const dangerFlags = [...c.dangerFlags, ...found.map((d) => d.category)];
  const flagged = await repos.cases.update(c.id, { dangerFlags });
  const labels = found.map((d) => DANGER_CATEGORY_LABELS[d.category]).join('、');
  await audit(repos, actor, now, { action: 'case.flag_danger', entityType: 'Case', entityId: c.id, caseId: c.id, before: { dangerFlags: c.dangerFlags }, after: { dangerFlags }, reason: `R20 更正登记后发现：${labels}` });
  const alerted = await raiseDangerLetterAlert(repos, actor, now, flagged, labels);
  return { case: flagged, notifications: alerted?.notifications ?? [] };
}
