import { ROLE_LABELS } from '../../../cards/labels.js';
import type { Clock } from '../../lib/clock.js';
import type { Logger } from '../../lib/logger.js';
import type { UnitOfWork } from '../../usecases/ports.js';
import type { ActionResponse } from '../../bot/messaging-port.js';
import type { InboundEvent } from '../../bot/inbound.js';
import { CardPrivacy } from '../../bot/support/private-messenger.js';
import type { SandboxMessageStore } from '../../bot/ports/sandbox-messages.js';
import { Conversations } from './conversations.js';
import { SandboxMessenger } from './messenger.js';
import { sandboxRouter, type SandboxPerson } from './routes.js';
import type Router from '@koa/router';

export interface SandboxPlatformDeps {
  uow: UnitOfWork;
  dispatch(event: InboundEvent): Promise<ActionResponse | void>;
  clock: Clock;
  logger: Logger;
  publicDir: string;
  loopbackOnly: boolean;
  /** Where the chats are kept across restarts (db/repos/sandbox-message-repo.ts). */
  store: SandboxMessageStore;
}

export interface SandboxPlatform {
  messenger: SandboxMessenger;
  router: Router;
  conversations: Conversations;
  /** It answers browsers on this machine only (SANDBOX=auto). */
  loopbackOnly: boolean;
  /** Links every active person to the sandbox, so that pushes reach them before anyone opened the page. */
  start(): Promise<void>;
}

/**
 * The sandbox platform: a chat page in the browser where one acts as any demo person. Every
 * active person gets a sandbox identity (open id = person id) when the people are listed.
 */
export function createSandboxPlatform(deps: SandboxPlatformDeps): SandboxPlatform {
  // The stored copy of a card is masked as a group's would be (R24), whatever one person was shown.
  const privacy = new CardPrivacy(deps.uow, deps.clock);
  const conversations = new Conversations(deps.store, () => deps.clock.now(), (card) => privacy.forDestination(card, 'chat'));
  const linked = new Set<string>();
  const people = async (): Promise<SandboxPerson[]> => {
    const { list, units } = await deps.uow.read(async (repos) => ({ list: await repos.directory.people(), units: await repos.directory.units() }));
    const missing = list.filter((p) => !linked.has(p.id));
    if (missing.length) {
      // One query at a time: a transaction's connection takes no concurrent queries.
      await deps.uow.run(async (repos) => {
        for (const p of missing) if (!(await repos.identities.idsOf(p.id, 'SANDBOX'))) await repos.identities.link(p.id, 'SANDBOX', { openId: p.id });
      });
      for (const p of missing) linked.add(p.id);
    }
    const unitName = new Map(units.map((u) => [u.id, u.name]));
    return list.map((p) => ({
      id: p.id,
      name: p.name,
      roles: [...p.roles],
      roleLabel: p.roles.map((r) => ROLE_LABELS[r]).join('、'),
      unit: p.unitId ? (unitName.get(p.unitId) ?? null) : null,
    }));
  };
  return {
    start: async () => void (await people()),
    messenger: new SandboxMessenger(conversations),
    conversations,
    loopbackOnly: deps.loopbackOnly,
    router: sandboxRouter({ conversations, dispatch: deps.dispatch, people, publicDir: deps.publicDir, clock: deps.clock, logger: deps.logger, loopbackOnly: deps.loopbackOnly }),
  };
}
