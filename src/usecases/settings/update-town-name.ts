import { z } from 'zod';
import { assertGlobalAllowed } from '../../domain/authorization.js';
import type { Actor } from '../../domain/model.js';
import { storedTownName, TOWN_NAME_KEY, townNameSchema } from '../../domain/township/town-name.js';
import type { Deps } from '../ports.js';
import { audit } from '../support/audit.js';
import { parseInput } from '../support/parse-input.js';

const input = z.object({ townName: townNameSchema }).strict();

/** The township's name that exports, cards and pages print (set by whoever may edit settings); audited. */
export async function updateTownName(deps: Deps, actor: Actor, raw: unknown): Promise<{ townName: string }> {
  const { townName } = parseInput(input, raw);
  assertGlobalAllowed(actor.person, 'EDIT_SETTINGS');
  const now = deps.clock.now();
  await deps.uow.run(async (repos) => {
    const before = storedTownName(await repos.settings.setting(TOWN_NAME_KEY));
    await repos.settings.putSetting(TOWN_NAME_KEY, townName);
    await audit(repos, actor, now, { action: 'settings.town_name', entityType: 'Setting', entityId: TOWN_NAME_KEY, before: { townName: before }, after: { townName } });
  });
  deps.config.invalidate();
  return { townName };
}
