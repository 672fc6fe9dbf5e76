import type { SqlRunner } from '../../src/db/sql-runner.js';

// What someone with the audit table owner's rights can do without the application's key: switch
// the triggers off, change rows, and make the hash chain whole again with the database's own function.

/** Runs `sql` with the audit log's triggers off, as its owner (or a superuser) can. */
export function asTableOwner(db: SqlRunner, sql: string): Promise<void> {
  return db.exec(`ALTER TABLE "AuditLog" DISABLE TRIGGER USER; ${sql}; ALTER TABLE "AuditLog" ENABLE TRIGGER USER;`);
}

/** Recomputes prevHash and hash of every row from `seq` on with audit_log_payload, as the trigger would have. */
export function recomputeHashChain(db: SqlRunner, seq: number): Promise<void> {
  return asTableOwner(
    db,
    `DO $$
     DECLARE r "AuditLog"; prev text := COALESCE((SELECT "hash" FROM "AuditLog" WHERE "seq" < ${seq} ORDER BY "seq" DESC LIMIT 1), repeat('0', 64));
     BEGIN
       FOR r IN SELECT * FROM "AuditLog" WHERE "seq" >= ${seq} ORDER BY "seq" LOOP
         r."prevHash" := prev;
         r."hash" := encode(sha256(convert_to(audit_log_payload(r), 'UTF8')), 'hex');
         UPDATE "AuditLog" SET "prevHash" = r."prevHash", "hash" = r."hash" WHERE "id" = r."id";
         prev := r."hash";
       END LOOP;
     END $$`,
  );
}

/** Deletes the newest `count` rows: what is left still links from end to end. */
export function deleteTail(db: SqlRunner, count: number): Promise<void> {
  return asTableOwner(db, `DELETE FROM "AuditLog" WHERE "seq" > (SELECT max("seq") - ${count} FROM "AuditLog")`);
}
