import type { IdentityRepo, PlatformIds, ProcessedEventRepo } from '../../usecases/ports/platform.js';
import { toPerson } from './mappers.js';
import type { Tx } from './tx.js';

const present = (ids: PlatformIds) =>
  [
    ids.openId ? { openId: ids.openId } : null,
    ids.userId ? { userId: ids.userId } : null,
    ids.unionId ? { unionId: ids.unionId } : null,
  ].filter((x) => x !== null);

export function identityRepo(tx: Tx): IdentityRepo {
  return {
    async personOf(platform, ids) {
      const any = present(ids);
      if (any.length === 0) return null;
      // One statement (an EXISTS on the identity): this runs on every inbound event.
      const row = await tx.person.findFirst({ where: { identities: { some: { platform, OR: any } } } });
      return row ? toPerson(row) : null;
    },
    async idsOf(personId, platform) {
      const row = await tx.platformIdentity.findFirst({ where: { personId, platform }, orderBy: { createdAt: 'desc' } });
      return row ? { openId: row.openId, userId: row.userId, unionId: row.unionId } : null;
    },
    async link(personId, platform, ids) {
      const any = present(ids);
      const taken = any.length ? await tx.platformIdentity.findFirst({ where: { platform, OR: any, NOT: { personId } } }) : null;
      if (taken) return false;
      const mine = await tx.platformIdentity.findFirst({ where: { personId, platform } });
      const data = { openId: ids.openId ?? null, userId: ids.userId ?? null, unionId: ids.unionId ?? null };
      if (mine) await tx.platformIdentity.update({ where: { id: mine.id }, data });
      else await tx.platformIdentity.create({ data: { personId, platform, ...data } });
      return true;
    },
    async unlink(personId, platform) {
      const rows = await tx.platformIdentity.findMany({ where: { personId, platform }, orderBy: { createdAt: 'desc' } });
      if (rows.length === 0) return null;
      await tx.platformIdentity.deleteMany({ where: { personId, platform } });
      const { openId, userId, unionId } = rows[0]!;
      return { openId, userId, unionId };
    },
    async all() {
      const rows = await tx.platformIdentity.findMany({ orderBy: [{ personId: 'asc' }, { platform: 'asc' }] });
      return rows.map((r) => ({ personId: r.personId, platform: r.platform, openId: r.openId, userId: r.userId, unionId: r.unionId }));
    },
  };
}

export function processedEventRepo(tx: Tx): ProcessedEventRepo {
  return {
    async claim(platform, eventId, at) {
      const inserted = await tx.$executeRaw`
        INSERT INTO "ProcessedEvent" ("platform", "eventId", "processedAt")
        VALUES (${platform}::"Platform", ${eventId}, ${at})
        ON CONFLICT DO NOTHING`;
      return inserted === 1;
    },
  };
}
