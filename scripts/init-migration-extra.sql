-- R25: the audit log is append-only and hash-chained, enforced by the database itself.
-- The chain fields (seq, prevHash, hash) are computed here, not by the application.
CREATE FUNCTION audit_log_payload(r "AuditLog") RETURNS text LANGUAGE sql STABLE AS $$
  SELECT array_to_string(ARRAY[
    r."seq"::text,
    to_char(r."at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    r."actorId", r."channel", r."action", r."entityType", r."entityId", r."caseId",
    r."before", r."after", r."reason", r."prevHash"
  ], chr(31), chr(30))
$$;

CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  last_seq bigint;
  last_hash text;
BEGIN
  -- Serialise appenders until commit so that two transactions never chain to the same row.
  PERFORM pg_advisory_xact_lock(4242025001);
  SELECT "seq", "hash" INTO last_seq, last_hash FROM "AuditLog" ORDER BY "seq" DESC LIMIT 1;
  NEW."seq" := COALESCE(last_seq, 0) + 1;
  NEW."prevHash" := COALESCE(last_hash, repeat('0', 64));
  NEW."hash" := encode(sha256(convert_to(audit_log_payload(NEW), 'UTF8')), 'hex');
  RETURN NEW;
END
$$;

CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'AuditLog is append-only (R25): % refused', TG_OP USING ERRCODE = '42501';
END
$$;

CREATE TRIGGER audit_log_chain BEFORE INSERT ON "AuditLog"
  FOR EACH ROW EXECUTE FUNCTION audit_log_chain();
CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON "AuditLog"
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON "AuditLog"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
