import pg from 'pg';

/** The PostgreSQL server the tests create their databases on. */
export const SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

/** The URL of another database on the server, as the server's user or as `user`. */
export function urlFor(name: string, user?: string): string {
  const u = new URL(SERVER_URL);
  if (user) u.username = user;
  u.pathname = `/${name}`;
  return u.toString();
}

/** Runs `fn` on a connection of the server's own user (CREATE / DROP DATABASE, roles). */
export async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
