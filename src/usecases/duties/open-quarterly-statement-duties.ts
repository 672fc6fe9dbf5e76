import { DomainError } from '../../domain/errors.js';
import { overdueExplanationDuties } from '../../domain/duties/overdue-explanations.js';
import { isQuarter, quarterLabel } from '../../domain/duties/periods.js';
import { receptionReportDuties } from '../../domain/duties/reception.js';
import { dutyKey, quarterlyStatementDueOn, STATEMENT_KIND_LABELS } from '../../domain/duties/statements.js';
import { notification, type Notification } from '../../domain/notifications.js';
import { localDateOf, quarterRange } from '../../lib/local-date.js';
import type { Deps, Repos } from '../ports.js';
import type { NewStatement, WrittenStatement } from '../ports/duties.js';
import { audit } from '../support/audit.js';

export interface OpenStatementDutiesOptions {
  /** Days after the quarter's end when the statements are due (0: the quarter's last day). */
  dueOffsetDays?: number;
}

export interface OpenStatementDutiesResult {
  quarter: string;
  opened: WrittenStatement[];
  /** Duties that existed already (the job ran before): left as they were. */
  existing: number;
  notifications: Notification[];
}

/**
 * R13 and R14, a system job: opens the quarter's written duties — an overdue explanation per
 * overdue owned case for its leader, and a reception report per leader who held reception days.
 * Idempotent through each duty's key, so it can run daily during the quarter.
 */
export async function openQuarterlyStatementDuties(
  deps: Deps,
  quarter: string,
  options: OpenStatementDutiesOptions = {},
): Promise<OpenStatementDutiesResult> {
  if (typeof quarter !== 'string' || !isQuarter(quarter)) throw new DomainError('VALIDATION', '输入有误：季度格式应为 2026Q4', { quarter });
  const offset = options.dueOffsetDays ?? 0;
  if (!Number.isInteger(offset) || offset < 0 || offset > 60) throw new DomainError('VALIDATION', '输入有误：截止日期偏移应为0至60天', { offset });
  const now = deps.clock.now();
  const today = localDateOf(now);
  const { start, end } = quarterRange(quarter);
  const asOf = today < end ? today : end;
  const dueOn = quarterlyStatementDueOn(quarter, offset);
  if (start > today) return { quarter, opened: [], existing: 0, notifications: [] };

  return deps.uow.run(async (repos) => {
    const cases = await repos.statements.overdueOwnedCases(asOf);
    const days = await repos.receptions.between(start, asOf);
    const wanted: (NewStatement & { about: string })[] = [];
    for (const duty of overdueExplanationDuties(quarter, cases, today)) {
      for (const c of duty.cases) {
        wanted.push({
          dutyKey: dutyKey('OVERDUE_EXPLANATION', duty.leaderId, quarter, c.caseId),
          kind: 'OVERDUE_EXPLANATION', authorId: duty.leaderId, period: quarter, caseId: c.caseId, dueOn, openedAt: now,
          about: `${c.number}（${c.title}）自${c.overdueSince}起逾期`,
        });
      }
    }
    for (const duty of receptionReportDuties(quarter, days, today)) {
      wanted.push({
        dutyKey: dutyKey('RECEPTION_REPORT', duty.leaderId, quarter, null),
        kind: 'RECEPTION_REPORT', authorId: duty.leaderId, period: quarter, caseId: null, dueOn, openedAt: now,
        about: `接访${duty.dates.length}次（${duty.dates.join('、')}），受理${duty.caseCount}件`,
      });
    }
    const opened: WrittenStatement[] = [];
    const notifications: Notification[] = [];
    let existing = 0;
    for (const { about, ...data } of wanted) {
      const { statement, created } = await repos.statements.openIfAbsent(data);
      if (!created) {
        existing += 1;
        continue;
      }
      opened.push(statement);
      await auditOpened(repos, now, statement);
      notifications.push(
        notification({
          kind: 'DUTY_OPENED',
          key: `statement-opened:${statement.id}`,
          urgency: 'NORMAL',
          recipientIds: [statement.authorId],
          caseId: statement.caseId,
          title: `请提交${quarterLabel(quarter)}${STATEMENT_KIND_LABELS[statement.kind]}`,
          body: `${about}。请于${dueOn}前提交。`,
        }),
      );
    }
    return { quarter, opened, existing, notifications };
  });
}

function auditOpened(repos: Repos, now: Date, s: WrittenStatement): Promise<void> {
  return audit(repos, null, now, {
    action: 'statement.open',
    entityType: 'WrittenStatement',
    entityId: s.id,
    caseId: s.caseId,
    after: { kind: s.kind, authorId: s.authorId, period: s.period, dueOn: s.dueOn },
    reason: s.kind === 'OVERDUE_EXPLANATION' ? 'R13 逾期包案领导季度书面说明' : 'R14 接访领导季度书面汇报',
  });
}
