import { DomainError } from '../../domain/errors.js';
import type { Actor } from '../../domain/model.js';
import { submitStatement, submitStatementInput, type SubmitStatementResult } from '../duties/submit-statement.js';
import type { Deps } from '../ports.js';
import { parseInput } from '../support/parse-input.js';

/** R21: the leader hands in the written self-criticism (书面检查) to the standing committee, once, in person. */
export async function submitSelfCriticism(deps: Deps, actor: Actor, raw: unknown): Promise<SubmitStatementResult> {
  const input = parseInput(submitStatementInput, raw);
  // The kind never changes, so this read need not share the submitting transaction.
  const statement = await deps.uow.run((repos) => repos.statements.get(input.statementId));
  if (!statement || statement.kind !== 'SELF_CRITICISM') {
    throw new DomainError('NOT_FOUND', '找不到该书面检查任务', { statementId: input.statementId });
  }
  return submitStatement(deps, actor, input);
}
