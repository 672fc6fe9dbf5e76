import { z } from 'zod';
import { assertDutyAllowed } from '../../domain/authorization.js';
import { DomainError } from '../../domain/errors.js';
import { STATEMENT_ADDRESSEES, STATEMENT_KIND_LABELS } from '../../domain/duties/statements.js';
import type { Actor } from '../../domain/model.js';
import { notification, type Notification } from '../../domain/notifications.js';
import { localDateOf } from '../../lib/local-date.js';
import type { Deps } from '../ports.js';
import type { WrittenStatement } from '../ports/duties.js';
import { audit } from '../support/audit.js';
import { id, text } from '../support/fields.js';
import { parseInput } from '../support/parse-input.js';
import { idsWithRole } from '../support/recipients.js';

export const submitStatementInput = z.object({ statementId: id, content: text(20000) });

export interface SubmitStatementResult {
  statement: WrittenStatement;
  late: boolean;
  notifications: Notification[];
}

/** R13, R14, R21: the author submits the written statement, once; it goes to its addressees. */
export async function submitStatement(deps: Deps, actor: Actor, raw: unknown): Promise<SubmitStatementResult> {
  const input = parseInput(submitStatementInput, raw);
  const now = deps.clock.now();
  return deps.uow.run(async (repos) => {
    const before = await repos.statements.get(input.statementId);
    if (!before) throw new DomainError('NOT_FOUND', '找不到该书面材料', { statementId: input.statementId });
    assertDutyAllowed(actor.person, 'SUBMIT_STATEMENT', { personId: before.authorId });
    if (before.submittedAt || !(await repos.statements.submit(before.id, input.content, now))) {
      throw new DomainError('ALREADY_DONE', '该书面材料已提交，不能重复提交', { statementId: before.id });
    }
    const statement = (await repos.statements.get(before.id))!;
    const late = statement.dueOn !== null && localDateOf(now) > statement.dueOn;
    await audit(repos, actor, now, {
      action: 'statement.submit',
      entityType: 'WrittenStatement',
      entityId: statement.id,
      caseId: statement.caseId,
      before: { submittedAt: null },
      after: { submittedAt: now, late, length: [...input.content].length },
    });
    const label = STATEMENT_KIND_LABELS[statement.kind];
    return {
      statement,
      late,
      notifications: [
        notification({
          kind: 'STATEMENT_SUBMITTED',
          key: `statement-submitted:${statement.id}`,
          urgency: 'NORMAL',
          // An author who is an addressee too (a committee member) is not told of their own text.
          recipientIds: (await idsWithRole(repos, STATEMENT_ADDRESSEES[statement.kind])).filter((pid) => pid !== statement.authorId),
          caseId: statement.caseId,
          title: `${actor.person.name}提交了${label}（${statement.period}）`,
          body: late ? `逾期提交（应于${statement.dueOn}前提交）` : '请审阅',
        }),
      ],
    };
  });
}
