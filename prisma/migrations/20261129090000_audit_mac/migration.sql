-- R25: each audit row also carries an HMAC made by the application with a key the database never
-- sees (AUDIT_KEY), over the row and the previous row's MAC: a table owner who recomputes the
-- hash chain after a change cannot recompute the MACs. Rows written before this stay as they are
-- (mac NULL) and verify by their hash chain; the first signed row covers the last one's hash.
ALTER TABLE "AuditLog" ADD COLUMN "mac" TEXT,
ADD COLUMN "macKeyId" TEXT;

-- The application signs a row before inserting it, so it must know the head it will follow:
-- this takes the append lock (held until commit, as the trigger does) and then reads the head.
-- Two statements in one VOLATILE function: the read after the lock sees what the previous holder
-- committed, in one round trip.
CREATE FUNCTION audit_log_lock_head(OUT "seq" bigint, OUT "hash" text, OUT "mac" text, OUT "macKeyId" text)
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(4242025001);
  SELECT a."seq", a."hash", a."mac", a."macKeyId" INTO "seq", "hash", "mac", "macKeyId" FROM "AuditLog" a ORDER BY a."seq" DESC LIMIT 1;
END
$$;

-- Once the chain is signed, a row without a MAC would cut it; a MAC made for another head would
-- not verify: both are refused at once rather than found later by audit:verify.
CREATE OR REPLACE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  last_seq bigint;
  last_hash text;
  last_mac text;
BEGIN
  -- Serialise appenders until commit so that two transactions never chain to the same row.
  PERFORM pg_advisory_xact_lock(4242025001);
  SELECT "seq", "hash", "mac" INTO last_seq, last_hash, last_mac FROM "AuditLog" ORDER BY "seq" DESC LIMIT 1;
  IF NEW."mac" IS NULL AND last_mac IS NOT NULL THEN
    RAISE EXCEPTION 'AuditLog is signed (R25): a row without its MAC is refused' USING ERRCODE = '42501';
  END IF;
  IF NEW."mac" IS NOT NULL AND (NEW."seq" IS DISTINCT FROM COALESCE(last_seq, 0) + 1 OR NEW."prevHash" IS DISTINCT FROM COALESCE(last_hash, repeat('0', 64))) THEN
    RAISE EXCEPTION 'AuditLog (R25): the MAC was made for another head (seq %, the next is %)', NEW."seq", COALESCE(last_seq, 0) + 1;
  END IF;
  NEW."seq" := COALESCE(last_seq, 0) + 1;
  NEW."prevHash" := COALESCE(last_hash, repeat('0', 64));
  NEW."hash" := encode(sha256(convert_to(audit_log_payload(NEW), 'UTF8')), 'hex');
  RETURN NEW;
END
$$;
