import { z } from 'zod';
import { assertCaseAllowed } from '../../domain/authorization.js';
import { DomainError } from '../../domain/errors.js';
import type { Actor, Extension } from '../../domain/model.js';
import { notification, type Notification } from '../../domain/notifications.js';
import { localDateOf } from '../../lib/local-date.js';
import type { Deps } from '../ports.js';
import { audit } from '../support/audit.js';
import { id, localDate, text } from '../support/fields.js';
import { lockCase } from '../support/load.js';
import { assertExtensionDate } from '../support/extension-date.js';
import { parseInput } from '../support/parse-input.js';
import { idsWithRole } from '../support/recipients.js';

const input = z.object({ caseId: id, reason: text(1000), requestedDueOn: localDate });

/** R10: the owner or responsible person asks for more time, with a reason. One extension per case (R9). */
export async function requestExtension(deps: Deps, actor: Actor, raw: unknown): Promise<{ extension: Extension; notifications: Notification[] }> {
  const v = parseInput(input, raw);
  const now = deps.clock.now();
  return deps.uow.run(async (repos) => {
    const c = await lockCase(repos, v.caseId);
    assertCaseAllowed(actor.person, 'REQUEST_EXTENSION', c);
    if (c.status !== 'IN_PROGRESS') throw new DomainError('INVALID_TRANSITION', `${c.number} 不在办理中，不能申请延期`);
    const previous = await repos.extensions.forCase(c.id);
    if (previous.some((e) => e.status === 'PENDING')) throw new DomainError('CONFLICT', `${c.number} 已有待审批的延期申请`);
    if (previous.some((e) => e.status === 'APPROVED')) throw new DomainError('CONFLICT', `${c.number} 已延期过一次，依规不能再次延期`);
    await assertExtensionDate(repos, deps.config, c, v.requestedDueOn, localDateOf(now));
    const extension = await repos.extensions.create({ caseId: c.id, requestedById: actor.person.id, requestedAt: now, reason: v.reason, requestedDueOn: v.requestedDueOn });
    await audit(repos, actor, now, { action: 'extension.request', entityType: 'Extension', entityId: extension.id, caseId: c.id, after: { requestedDueOn: v.requestedDueOn }, reason: v.reason });
    return {
      extension,
      notifications: [
        notification({
          kind: 'EXTENSION_REQUESTED',
          key: `extension:${extension.id}`,
          urgency: 'NORMAL',
          recipientIds: await idsWithRole(repos, 'OFFICE_STAFF'),
          caseId: c.id,
          title: `${c.number} 申请延期至 ${v.requestedDueOn}`,
          body: v.reason,
        }),
      ],
    };
  });
}
