import type { Person } from '../../domain/model.js';
import type { Deps } from '../ports.js';
import type { ContactDirectory, ContactMatch } from '../ports/identity-sync.js';
import type { PlatformIds, PlatformName } from '../ports/platform.js';
import { audit } from '../support/audit.js';

export interface SyncedPerson {
  personId: string;
  name: string;
}

export interface IdentitySyncSummary {
  platform: PlatformName;
  linked: (SyncedPerson & { by: 'mobile' | 'email' })[];
  alreadyLinked: SyncedPerson[];
  notFound: SyncedPerson[];
  /** Found, but the platform account is already linked to another person. */
  conflicts: SyncedPerson[];
}

const who = (p: Person): SyncedPerson => ({ personId: p.id, name: p.name });

/**
 * System job: links every active person with a mobile or email to their account on a chat platform,
 * by mobile first, else by email. Idempotent: people already linked are left alone (and not looked up).
 */
export async function syncPlatformIdentities(deps: Pick<Deps, 'uow' | 'clock'>, directory: ContactDirectory): Promise<IdentitySyncSummary> {
  const platform = directory.platform;
  const people = await deps.uow.run(async (repos) => {
    const all = await repos.people.reachable();
    const found: { person: Person; ids: PlatformIds | null }[] = [];
    for (const person of all) found.push({ person, ids: await repos.identities.idsOf(person.id, platform) });
    return found;
  });
  const summary: IdentitySyncSummary = { platform, linked: [], alreadyLinked: [], notFound: [], conflicts: [] };
  const key = directory.keyId ?? 'openId';
  const todo = people.filter(({ person, ids }) => {
    if (ids?.[key]) summary.alreadyLinked.push(who(person));
    return !ids?.[key];
  });
  if (todo.length === 0) return summary;

  const matches = await directory.lookup({
    mobiles: todo.flatMap(({ person }) => (person.mobile ? [person.mobile] : [])),
    emails: todo.flatMap(({ person }) => (person.email ? [person.email] : [])),
  });
  const byMobile = new Map<string, ContactMatch>();
  const byEmail = new Map<string, ContactMatch>();
  for (const m of matches) {
    if (m.mobile) byMobile.set(m.mobile, m);
    if (m.email) byEmail.set(m.email, m);
  }

  for (const { person, ids } of todo) {
    const viaMobile = person.mobile ? byMobile.get(person.mobile) : undefined;
    const match = viaMobile ?? (person.email ? byEmail.get(person.email) : undefined);
    if (!match) {
      summary.notFound.push(who(person));
      continue;
    }
    const by = viaMobile ? 'mobile' : 'email';
    // Keep ids learnt elsewhere (e.g. user_id from an event) that the directory did not return.
    const merged: PlatformIds = {
      openId: match.ids.openId ?? ids?.openId ?? null,
      unionId: match.ids.unionId ?? ids?.unionId ?? null,
      userId: match.ids.userId ?? ids?.userId ?? null,
    };
    const linked = await deps.uow.run(async (repos) => {
      if (!(await repos.identities.link(person.id, platform, merged))) return false;
      await audit(repos, null, deps.clock.now(), {
        action: 'PLATFORM_IDENTITY_LINKED',
        entityType: 'Person',
        entityId: person.id,
        before: ids,
        after: { platform, ...merged },
        reason: by === 'mobile' ? '按手机号匹配' : '按邮箱匹配',
      });
      return true;
    });
    if (linked) summary.linked.push({ ...who(person), by });
    else summary.conflicts.push(who(person));
  }
  return summary;
}
