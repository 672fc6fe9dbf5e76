import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { openDatabase } from '../../src/db/database.js';
import { migrateAndGrant } from '../../src/db/roles/migrate-and-grant.js';
import { admin, SERVER_URL, urlFor } from './pg-server.js';

const run = promisify(execFile);

export interface RoleDatabase {
  /** The tables' owner: migrations, and what only an owner can do. */
  ownerUrl: string;
  /** The application's role: owns nothing, granted what the application does. */
  appUrl: string;
  appRole: string;
  drop(): Promise<void>;
}

/**
 * A new database set up as the README says for production: roles made by
 * scripts/sql/create-roles.sql (psql, as the superuser), then migrated by the owner, which grants
 * the application's role (what `npm run db:migrate` does). `existing`: the database was first
 * migrated by the superuser, as an older docker compose did, and the script hands it over
 * (adopt_from). Dropped with its roles afterwards.
 */
export async function databaseWithRoles(opts: { existing?: boolean } = {}): Promise<RoleDatabase> {
  const name = `xf_role_${randomBytes(5).toString('hex')}`;
  const owner = `${name}_owner`;
  const app = `${name}_app`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  if (opts.existing) await (await openDatabase({ databaseUrl: urlFor(name) })).close();
  const adopt = opts.existing ? ['-v', `adopt_from=${decodeURIComponent(new URL(SERVER_URL).username)}`] : [];
  await run('psql', [
    urlFor(name), '-q', '-v', `owner_role=${owner}`, '-v', 'owner_password=owner-test-password', '-v', `app_role=${app}`, '-v', 'app_password=app-test-password',
    ...adopt, '-f', 'scripts/sql/create-roles.sql',
  ]);
  const ownerUrl = urlFor(name, owner);
  const migrator = await openDatabase({ databaseUrl: ownerUrl, migrate: false });
  try {
    await migrateAndGrant(migrator.sql, app);
  } finally {
    await migrator.close();
  }
  return {
    ownerUrl,
    appUrl: urlFor(name, app),
    appRole: app,
    async drop() {
      await admin(async (c) => {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.query(`DROP ROLE IF EXISTS ${app}; DROP ROLE IF EXISTS ${owner}`);
      });
    },
  };
}
