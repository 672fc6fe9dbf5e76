import pg from 'pg';

/** The PostgreSQL server benchmarks run on: DATABASE_URL, else the local test server. */
export const serverUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

/** The URL of another database on the same server. */
export function urlFor(name: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Runs one statement on the server's default database (CREATE / DROP DATABASE). */
export async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
