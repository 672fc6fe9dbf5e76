import { createHash, randomBytes } from 'node:crypto';
import type { PrismaClient } from '../generated/prisma/client.js';
import { csrfTokenOf, SESSION_HOURS, SESSION_IDLE_MINUTES, type ConsoleSessions } from '../http/console/session.js';

/** 32 random bytes in base64url: what `start` hands out, and nothing else is looked up. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const IDLE_MS = SESSION_IDLE_MINUTES * 60_000;
/** A session's last use is written at most this often, not on every page. */
const TOUCH_EVERY_MS = 60_000;

const idOf = (token: string) => createHash('sha256').update(token).digest('base64url');

/** Console sessions as rows of ConsoleSession, keyed by the hash of the cookie's token. */
export function dbConsoleSessions(prisma: PrismaClient): ConsoleSessions {
  return {
    async start(personId, now) {
      // Sessions that ended by time are swept when the next one starts.
      await prisma.consoleSession.deleteMany({ where: { OR: [{ expiresAt: { lte: now } }, { lastSeenAt: { lte: new Date(now.getTime() - IDLE_MS) } }] } });
      const token = randomBytes(32).toString('base64url');
      await prisma.consoleSession.create({
        data: { id: idOf(token), personId, startedAt: now, lastSeenAt: now, expiresAt: new Date(now.getTime() + SESSION_HOURS * 3_600_000) },
      });
      return token;
    },
    async find(token, now) {
      if (!token || !TOKEN.test(token)) return null;
      const id = idOf(token);
      const row = await prisma.consoleSession.findUnique({ where: { id } });
      if (!row) return null;
      if (row.expiresAt <= now || row.lastSeenAt.getTime() <= now.getTime() - IDLE_MS) {
        await prisma.consoleSession.deleteMany({ where: { id } });
        return null;
      }
      if (now.getTime() - row.lastSeenAt.getTime() >= TOUCH_EVERY_MS) await prisma.consoleSession.updateMany({ where: { id }, data: { lastSeenAt: now } });
      return { personId: row.personId, csrf: csrfTokenOf(token) };
    },
    async end(token) {
      if (TOKEN.test(token)) await prisma.consoleSession.deleteMany({ where: { id: idOf(token) } });
    },
  };
}
