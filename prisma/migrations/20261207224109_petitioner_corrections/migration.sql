-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "petitionersPending" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Petitioner" ADD COLUMN     "supersededAt" TIMESTAMPTZ(3);

-- R16: cases converted from a sentiment report before this migration carry a stand-in petitioner
-- named 待核实（民情采集）. They become cases awaiting their petitioners; the stand-in row is kept,
-- marked superseded, like any corrected row.
UPDATE "Case" SET "petitionersPending" = true
WHERE EXISTS (SELECT 1 FROM "Petitioner" p WHERE p."caseId" = "Case"."id" AND p."name" = '待核实（民情采集）');
UPDATE "Petitioner" SET "supersededAt" = now() WHERE "name" = '待核实（民情采集）';

-- R25: a petitioner row stays as it was written. A correction adds a new row; the only change a
-- row ever takes is being marked superseded, once (the application's role may update that column only).
CREATE FUNCTION petitioner_supersede_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD."supersededAt" IS NOT NULL OR NEW."supersededAt" IS NULL
     OR (NEW."id", NEW."caseId", NEW."name", NEW."idNumber", NEW."phone", NEW."address", NEW."isPrimary")
        IS DISTINCT FROM (OLD."id", OLD."caseId", OLD."name", OLD."idNumber", OLD."phone", OLD."address", OLD."isPrimary") THEN
    RAISE EXCEPTION 'Petitioner rows are kept as written (R25): a correction adds a row and supersedes the old one' USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER petitioner_supersede_only BEFORE UPDATE ON "Petitioner"
  FOR EACH ROW EXECUTE FUNCTION petitioner_supersede_only();
