import { localDateOf, quarterOf } from '../lib/local-date.js';
import type { Logger } from '../lib/logger.js';
import type { Notification } from '../domain/notifications.js';
import type { Deps } from '../usecases/ports.js';
import { followCalendar } from '../usecases/cases/follow-calendar.js';
import { markOverdueCases } from '../usecases/cases/mark-overdue-cases.js';
import { expireFollowUps } from '../usecases/follow-up/expire-follow-ups.js';
import { recordAccountabilityFacts } from '../usecases/escalation/record-accountability-facts.js';
import { openQuarterlyStatementDuties } from '../usecases/duties/open-quarterly-statement-duties.js';
import { collectAssessmentEntries } from '../usecases/assessment/collect-assessment-entries.js';
import { dropExpiredPayloads } from '../usecases/privacy/drop-expired-payloads.js';
import { DEFAULT_PAYLOAD_RETENTION, type PayloadRetention } from '../domain/privacy/payload-retention.js';
import { anchorAuditHead } from '../usecases/audit/anchor-audit-head.js';
import type { AuditAnchorLog } from '../usecases/ports/audit-anchors.js';

export interface SystemJobsReport {
  /** R7: running deadlines moved by a change of the working calendar. */
  deadlinesMoved: number;
  overdueMarked: number;
  followUpsExpired: number;
  accountabilityFacts: number;
  statementDutiesOpened: number;
  assessmentEntries: number;
  /** R24: sent cards and pushes whose content was dropped past its retention. */
  payloadsDropped: number;
  /** R25: the audit log's head written to the anchors file (false: unchanged, or no anchors file here). */
  auditAnchored: boolean;
  /** Notifications the jobs produced; delivery belongs to the scheduler's outbox. */
  notifications: number;
}

export interface SystemJobsRun {
  report: SystemJobsReport;
  notifications: Notification[];
  /** Cases whose deadline moved: their reminder jobs follow. */
  movedCaseIds: string[];
}

/**
 * The state-keeping jobs of the rules (R7, R11, R13/R14, R22, R23, R24, R25, R27). Each is idempotent,
 * so running them again, or in two processes, records every fact once. The audit anchor goes
 * first, on its own: a failing rule job must not stop the log's head being kept outside the
 * database. Deadlines follow the calendar first, so that R11 marks lateness by the deadlines as they now are.
 */
export async function runSystemJobs(deps: Deps, logger: Logger, opts: { retention?: PayloadRetention; anchors?: AuditAnchorLog } = {}): Promise<SystemJobsRun> {
  const { retention = DEFAULT_PAYLOAD_RETENTION, anchors } = opts;
  const anchored = anchors ? await anchorAuditHead(deps, anchors).catch((err: unknown) => void logger.error({ err }, 'audit anchor failed')) : undefined;
  const today = localDateOf(deps.clock.now());
  const followed = await followCalendar(deps);
  const overdue = await markOverdueCases(deps);
  const followUps = await expireFollowUps(deps);
  const facts = await recordAccountabilityFacts(deps);
  const duties = await openQuarterlyStatementDuties(deps, quarterOf(today));
  const assessment = await collectAssessmentEntries(deps, Number(today.slice(0, 4)));
  const dropped = await dropExpiredPayloads(deps, retention);
  const notifications = [...(anchored?.notifications ?? []), ...followUps.notifications, ...duties.notifications, ...assessment.notifications];
  const report: SystemJobsReport = {
    deadlinesMoved: followed.moved.length,
    overdueMarked: overdue.length,
    followUpsExpired: followUps.expiredCaseIds.length,
    accountabilityFacts: facts.recorded.length,
    statementDutiesOpened: duties.opened.length,
    assessmentEntries: assessment.recorded.length,
    payloadsDropped: dropped.outbound + dropped.pushes,
    auditAnchored: Boolean(anchored?.anchor),
    notifications: notifications.length,
  };
  logger.info(report, 'system jobs done');
  return { report, notifications, movedCaseIds: followed.moved.map((m) => m.caseId) };
}
