import { randomBytes } from 'node:crypto';
import type { PrismaClient } from '../generated/prisma/client.js';

const KEY = 'consoleSessionSecret';

/**
 * The key that signs console sessions: made once, kept in the database, so that every web
 * process accepts the same cookies and a restart logs nobody out.
 */
export async function consoleSecret(prisma: PrismaClient): Promise<string> {
  await prisma.setting.createMany({ data: [{ key: KEY, value: randomBytes(32).toString('base64url') }], skipDuplicates: true });
  const row = await prisma.setting.findUniqueOrThrow({ where: { key: KEY } });
  return row.value as string;
}
