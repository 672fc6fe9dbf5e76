import { createHash, randomBytes } from 'node:crypto';
import type { PrismaClient } from '../generated/prisma/client.js';
import { LOGIN_LINK_MINUTES, type LoginLinks } from '../http/console/login-links.js';

const PREFIX = 'consoleLoginLink:';
const key = (token: string) => PREFIX + createHash('sha256').update(token).digest('base64url');

/**
 * Login links kept in the database (only a hash of the token), so that `npm run console:link`
 * or any web process can issue one and any web process can accept it — once: redeeming deletes it.
 */
export function dbLoginLinks(prisma: PrismaClient): LoginLinks {
  return {
    async issue(personId, now) {
      // Links never used are swept when the next one is made.
      await prisma.setting.deleteMany({ where: { key: { startsWith: PREFIX }, updatedAt: { lt: new Date(Date.now() - LOGIN_LINK_MINUTES * 60_000) } } });
      const token = randomBytes(24).toString('base64url');
      await prisma.setting.create({ data: { key: key(token), value: { personId, expiresAt: now.getTime() + LOGIN_LINK_MINUTES * 60_000 } } });
      return token;
    },
    async redeem(token, now) {
      if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return null;
      const row = await prisma.setting.findUnique({ where: { key: key(token) } });
      if (!row) return null;
      const { count } = await prisma.setting.deleteMany({ where: { key: row.key } });
      const v = row.value as { personId?: unknown; expiresAt?: unknown };
      if (count !== 1 || typeof v.personId !== 'string' || typeof v.expiresAt !== 'number' || v.expiresAt <= now.getTime()) return null;
      return v.personId;
    },
  };
}
