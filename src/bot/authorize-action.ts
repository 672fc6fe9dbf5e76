import { authorizeCase, authorizeDuty, authorizeGlobal, type Decision, type DutyFacts } from '../domain/authorization.js';
import { DomainError } from '../domain/errors.js';
import type { CaseRecord, Person } from '../domain/model.js';
import type { Repos } from '../usecases/ports.js';
import type { ActionPolicy, CommandPolicy } from './action-policies.js';

type Params = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const missing = (what: string) => new DomainError('NOT_FOUND', `找不到该${what}，可能已被删除`);

/** The case an action names, directly or through the proposal or extension it names. */
async function caseNamed(repos: Repos, p: Params): Promise<CaseRecord> {
  let caseId = str(p.caseId);
  if (!caseId && str(p.proposalId)) caseId = (await repos.proposals.get(str(p.proposalId)!))?.caseId ?? null;
  else if (!caseId && str(p.extensionId)) caseId = (await repos.extensions.get(str(p.extensionId)!))?.caseId ?? null;
  const c = caseId ? await repos.cases.get(caseId) : null;
  if (!c) throw missing(str(p.proposalId) ? '包案意见' : str(p.extensionId) ? '延期申请' : '案件');
  return c;
}

/** The owner of the duty record an action names: whose alert place, persuasion, statement or reception day it is. */
async function dutyNamed(repos: Repos, p: Params, me: Person): Promise<DutyFacts> {
  if (str(p.alertId)) {
    const alert = await repos.alerts.get(str(p.alertId)!);
    if (!alert) throw missing('预警');
    return { personId: alert.recipients.some((r) => r.personId === me.id) ? me.id : null };
  }
  if (str(p.persuasionId)) {
    const persuasion = await repos.persuasions.get(str(p.persuasionId)!);
    if (!persuasion) throw missing('劝返任务');
    return { personId: persuasion.leaderId };
  }
  if (str(p.statementId)) {
    const statement = await repos.statements.get(str(p.statementId)!);
    if (!statement) throw missing('书面材料');
    return { personId: statement.authorId };
  }
  if (str(p.receptionDayId)) {
    const day = await repos.receptions.get(str(p.receptionDayId)!);
    if (!day) throw missing('接访日');
    return { personId: day.leaderId };
  }
  throw new DomainError('VALIDATION', '卡片数据有误，请重新打开卡片后再试');
}

function refuse(d: Decision, policy: string): void {
  if (!d.allowed) throw new DomainError('FORBIDDEN', d.reason, { policy });
}

/**
 * The permission of one card action, decided by the domain on the records it names, before any
 * handler runs: a refusal is a FORBIDDEN DomainError whose details name the policy.
 */
export async function authorizeAction(repos: Repos, person: Person, policy: ActionPolicy, params: Params): Promise<void> {
  if ('case' in policy) return refuse(authorizeCase(person, policy.case, await caseNamed(repos, params)), `case:${policy.case}`);
  if ('global' in policy) return refuse(authorizeGlobal(person, policy.global), `global:${policy.global}`);
  if ('duty' in policy) return refuse(authorizeDuty(person, policy.duty, await dutyNamed(repos, params, person)), `duty:${policy.duty}`);
  if (params.list === 'overdue') refuse(authorizeGlobal(person, 'LIST_ALL_CASES'), 'global:LIST_ALL_CASES');
}

/**
 * Whether this person may use a command at all; 案件's case is checked by the view it opens
 * (viewCase), which knows the number. 帮助 lists exactly the commands this allows.
 */
export function commandDecision(person: Person, policy: CommandPolicy): Decision {
  return 'global' in policy ? authorizeGlobal(person, policy.global) : { allowed: true, reason: '' };
}

/** The permission of a command, as the dispatcher checks it before the command runs. */
export function authorizeCommand(person: Person, policy: CommandPolicy): void {
  refuse(commandDecision(person, policy), 'global' in policy ? `global:${policy.global}` : 'anyone');
}
