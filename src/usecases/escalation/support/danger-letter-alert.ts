import type { Actor, CaseRecord } from '../../../domain/model.js';
import type { Repos } from '../../ports.js';
import { dangerLetterSubject } from './ladder-facts.js';
import { openAlertIfAnyone, type OpenedAlert } from './open-alert.js';

/**
 * R20: a dangerous or important letter goes to the principal leaders and the leader in charge
 * for personal review (亲自阅处) and to the heads of the units concerned, each to acknowledge.
 * Null when the directory names none of them.
 */
export async function raiseDangerLetterAlert(repos: Repos, actor: Actor, now: Date, c: CaseRecord, labels: string): Promise<OpenedAlert | null> {
  return openAlertIfAnyone(repos, actor, now, {
    subject: await dangerLetterSubject(repos, c),
    case: c,
    villageId: c.villageId,
    title: `${c.number}（${labels}）`,
    detail: `${c.title}（${labels}）：请主要领导和分管领导亲自阅处，相关单位主要负责人亲自处理`,
    eventKind: null,
  });
}
