import { z } from 'zod';
import { assertCaseAllowed } from '../../domain/authorization.js';
import { STATUS_LABELS } from '../../domain/case-status.js';
import type { Actor } from '../../domain/model.js';
import { PROGRESS_TAG_LABELS } from '../../domain/progress/closing-conditions.js';
import { maskName } from '../../domain/privacy/masks.js';
import { maskedFor } from '../../domain/privacy/redactor.js';
import { localDateOf } from '../../lib/local-date.js';
import type { Deps } from '../ports.js';
import { audit } from '../support/audit.js';
import { id } from '../support/fields.js';
import { lockCase } from '../support/load.js';
import { parseInput } from '../support/parse-input.js';

const input = z.object({ caseId: id });

/** R5 上报: a summary of the case for the county, with who submitted, assigned and fed back. */
export async function reportUp(deps: Deps, actor: Actor, raw: unknown): Promise<{ summary: string }> {
  const { caseId } = parseInput(input, raw);
  const now = deps.clock.now();
  const townName = await deps.config.townName();
  return deps.uow.run(async (repos) => {
    const c = await lockCase(repos, caseId);
    assertCaseAllowed(actor.person, 'REPORT_UP', c);
    const petitioners = await repos.cases.petitioners(c.id);
    const progress = await repos.progress.forCase(c.id);
    const ownership = await repos.ownerships.active(c.id);
    const name = async (personId: string | null) => (personId ? (await repos.directory.person(personId))?.name ?? '—' : '—');
    const when = (d: Date | null) => (d ? localDateOf(d) : '—');
    // R24: the material leaves the township: masked like a group chat, whoever asks.
    const r = maskedFor(petitioners);
    const lines = [
      `【${townName}信访事项上报】${c.number} ${c.title}`,
      `信访人：${petitioners.map((p) => maskName(p.name)).join('、')}（共${c.headcount}人）`,
      `受理日期：${when(c.receivedAt)}；状态：${STATUS_LABELS[c.status]}；办结时限：${c.dueOn ?? '—'}${c.overdueOn ? '（已逾期）' : ''}`,
      `包案领导：${await name(c.ownerLeaderId)}；责任人：${await name(c.responsiblePersonId)}${ownership ? `；责任要求：${ownership.requirements}` : ''}`,
      `呈送：${await name(c.submittedById)} ${when(c.submittedAt)}；交办：${await name(c.assignedById)} ${when(c.assignedAt)}；反馈：${await name(c.feedbackById)} ${when(c.feedbackAt)}`,
      '办理进展：',
      ...progress.map((p) => `  ${localDateOf(p.createdAt)} [${PROGRESS_TAG_LABELS[p.tag]}] ${p.content}`),
      ...(c.resolution ? [`办结情况：${c.resolution}`] : []),
    ];
    await repos.cases.update(c.id, { reportedUpById: actor.person.id, reportedUpAt: now });
    await audit(repos, actor, now, { action: 'case.report_up', entityType: 'Case', entityId: c.id, caseId: c.id });
    return { summary: r.text(lines.join('\n')) };
  });
}
