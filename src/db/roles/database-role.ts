import type { SqlRunner } from '../sql-runner.js';

export interface DatabaseRole {
  user: string;
  superuser: boolean;
  /** Owns the schema's tables (or is a member of their owner with its rights): it can migrate, and disable triggers. */
  owner: boolean;
  /** Whether any migration was ever applied (the migrations table exists). */
  migrated: boolean;
  /** May create tables in the schema: a migration can start from an empty database. */
  canCreate: boolean;
}

/** Who this connection is, as far as migrations and the audit log's triggers are concerned. */
export async function databaseRole(db: SqlRunner): Promise<DatabaseRole> {
  const [r] = await db.query<DatabaseRole>(`
    SELECT current_user::text AS "user", r.rolsuper AS "superuser",
           c.oid IS NOT NULL AND pg_has_role(current_user, c.relowner, 'USAGE') AS "owner",
           c.oid IS NOT NULL AS "migrated",
           has_schema_privilege(current_user, 'public', 'CREATE') AS "canCreate"
    FROM pg_roles r
    LEFT JOIN pg_class c ON c.relname = '_prisma_migrations' AND c.relnamespace = 'public'::regnamespace
    WHERE r.rolname = current_user`);
  return r!;
}

/** Whether this role may apply migrations: the owner, a superuser, or anyone who can create the first tables. */
export function canMigrate(role: DatabaseRole): boolean {
  return role.superuser || role.owner || (!role.migrated && role.canCreate);
}
