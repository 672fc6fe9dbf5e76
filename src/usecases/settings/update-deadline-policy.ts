import { assertGlobalAllowed } from '../../domain/authorization.js';
import { DEADLINE_POLICY_KEY, deadlinePolicySchema, type DeadlinePolicy } from '../../domain/deadlines/deadline-policy.js';
import type { Actor } from '../../domain/model.js';
import type { Deps } from '../ports.js';
import { audit } from '../support/audit.js';
import { parseInput } from '../support/parse-input.js';

/**
 * R9: limits and the day-counting rule are configuration because provinces differ. The
 * change is merged over what is stored; it applies to deadlines computed from now on.
 */
export async function updateDeadlinePolicy(deps: Deps, actor: Actor, raw: unknown): Promise<{ policy: DeadlinePolicy }> {
  const patch = parseInput(deadlinePolicySchema.partial().strict(), raw);
  assertGlobalAllowed(actor.person, 'EDIT_SETTINGS');
  const now = deps.clock.now();
  const policy = await deps.uow.run(async (repos) => {
    const before = deadlinePolicySchema.parse((await repos.settings.setting(DEADLINE_POLICY_KEY)) ?? {});
    const after = deadlinePolicySchema.parse({ ...before, ...patch });
    await repos.settings.putSetting(DEADLINE_POLICY_KEY, after);
    await audit(repos, actor, now, { action: 'settings.deadline_policy', entityType: 'Setting', entityId: DEADLINE_POLICY_KEY, before, after });
    return after;
  });
  deps.config.invalidate();
  return { policy };
}
