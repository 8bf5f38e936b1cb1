-- CreateTable
CREATE TABLE "LeadCountDelta" (
    "id" SERIAL NOT NULL,
    "status" "LeadStatus" NOT NULL,
    "ownerKey" INTEGER NOT NULL,
    "source" "LeadSource" NOT NULL,
    "complexKey" INTEGER NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "LeadCountDelta_pkey" PRIMARY KEY ("id")
);


-- Hand-written (Prisma does not model triggers or functions). A write to "Lead" no longer
-- updates the shared "LeadCount" rows: it appends its change to "LeadCountDelta". Appends take
-- no lock another writer waits for, so transactions that move many leads (an import, a bulk
-- reassign) in any order can no longer deadlock over the count rows, as they could when each
-- change updated two of them. "lead_count_fold" adds the appended changes into "LeadCount";
-- readers sum both tables, so a count is exact before and after a fold.
CREATE OR REPLACE FUNCTION "lead_count_change"(
  "leadStatus" "LeadStatus", "owner" INTEGER, "leadSource" "LeadSource", "complex" INTEGER,
  "delta" INTEGER
) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "LeadCountDelta" ("status", "ownerKey", "source", "complexKey", "n")
  VALUES ("leadStatus", COALESCE("owner", 0), "leadSource", COALESCE("complex", 0), "delta");
$$;

CREATE OR REPLACE FUNCTION "lead_count_trigger"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  "gone" BOOLEAN := TG_OP <> 'INSERT' AND OLD."archivedAt" IS NULL;
  "come" BOOLEAN := TG_OP <> 'DELETE' AND NEW."archivedAt" IS NULL;
BEGIN
  IF "gone" AND "come"
     AND OLD."status" = NEW."status" AND OLD."source" = NEW."source"
     AND OLD."ownerId" IS NOT DISTINCT FROM NEW."ownerId"
     AND OLD."complexId" IS NOT DISTINCT FROM NEW."complexId" THEN
    RETURN NULL;
  END IF;
  IF "gone" THEN
    PERFORM "lead_count_change"(OLD."status", OLD."ownerId", OLD."source", OLD."complexId", -1);
  END IF;
  IF "come" THEN
    PERFORM "lead_count_change"(NEW."status", NEW."ownerId", NEW."source", NEW."complexId", 1);
  END IF;
  RETURN NULL;
END;
$$;

-- Moves every committed change into "LeadCount" and returns how many it moved. One fold at a
-- time (a transaction-scoped advisory lock; a second caller returns 0 at once). The count rows
-- are written in key order.
CREATE FUNCTION "lead_count_fold"() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  "moved" INTEGER;
BEGIN
  IF NOT pg_try_advisory_xact_lock(hashtext('lead_count_fold')) THEN
    RETURN 0;
  END IF;
  WITH "taken" AS (
    DELETE FROM "LeadCountDelta"
    RETURNING "status", "ownerKey", "source", "complexKey", "n"
  ), "summed" AS (
    SELECT "status", "ownerKey", "source", "complexKey", SUM("n")::INTEGER AS "n", COUNT(*) AS "rows"
    FROM "taken" GROUP BY "status", "ownerKey", "source", "complexKey"
  ), "written" AS (
    INSERT INTO "LeadCount" ("status", "ownerKey", "source", "complexKey", "n")
    SELECT "status", "ownerKey", "source", "complexKey", "n" FROM "summed"
    ORDER BY "status", "ownerKey", "source", "complexKey"
    ON CONFLICT ("status", "ownerKey", "source", "complexKey")
    DO UPDATE SET "n" = "LeadCount"."n" + EXCLUDED."n"
  )
  SELECT COALESCE(SUM("rows"), 0) INTO "moved" FROM "summed";
  RETURN "moved";
END;
$$;

