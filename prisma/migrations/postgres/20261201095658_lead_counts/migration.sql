-- CreateTable
CREATE TABLE "LeadCount" (
    "status" "LeadStatus" NOT NULL,
    "ownerKey" INTEGER NOT NULL,
    "source" "LeadSource" NOT NULL,
    "complexKey" INTEGER NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "LeadCount_pkey" PRIMARY KEY ("status","ownerKey","source","complexKey")
);


-- Hand-written (Prisma does not model triggers): "LeadCount" follows every write to "Lead" in
-- the writing statement's own transaction. A change moves one lead between two count rows; they
-- are always locked in key order, so two opposite moves (NEW→LOST beside LOST→NEW) wait for each
-- other instead of deadlocking.
CREATE FUNCTION "lead_count_change"(
  "leadStatus" "LeadStatus", "owner" INTEGER, "leadSource" "LeadSource", "complex" INTEGER,
  "delta" INTEGER
) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "LeadCount" ("status", "ownerKey", "source", "complexKey", "n")
  VALUES ("leadStatus", COALESCE("owner", 0), "leadSource", COALESCE("complex", 0), "delta")
  ON CONFLICT ("status", "ownerKey", "source", "complexKey")
  DO UPDATE SET "n" = "LeadCount"."n" + EXCLUDED."n";
$$;

CREATE FUNCTION "lead_count_trigger"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  "gone" BOOLEAN := TG_OP <> 'INSERT' AND OLD."archivedAt" IS NULL;
  "come" BOOLEAN := TG_OP <> 'DELETE' AND NEW."archivedAt" IS NULL;
  "oldKey" TEXT;
  "newKey" TEXT;
BEGIN
  IF "gone" AND "come" THEN
    "oldKey" := concat_ws('|', OLD."status", COALESCE(OLD."ownerId", 0), OLD."source", COALESCE(OLD."complexId", 0));
    "newKey" := concat_ws('|', NEW."status", COALESCE(NEW."ownerId", 0), NEW."source", COALESCE(NEW."complexId", 0));
    IF "oldKey" = "newKey" THEN
      RETURN NULL;
    ELSIF "oldKey" < "newKey" THEN
      PERFORM "lead_count_change"(OLD."status", OLD."ownerId", OLD."source", OLD."complexId", -1);
      PERFORM "lead_count_change"(NEW."status", NEW."ownerId", NEW."source", NEW."complexId", 1);
    ELSE
      PERFORM "lead_count_change"(NEW."status", NEW."ownerId", NEW."source", NEW."complexId", 1);
      PERFORM "lead_count_change"(OLD."status", OLD."ownerId", OLD."source", OLD."complexId", -1);
    END IF;
  ELSIF "gone" THEN
    PERFORM "lead_count_change"(OLD."status", OLD."ownerId", OLD."source", OLD."complexId", -1);
  ELSIF "come" THEN
    PERFORM "lead_count_change"(NEW."status", NEW."ownerId", NEW."source", NEW."complexId", 1);
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Lead_count"
AFTER INSERT OR DELETE OR UPDATE OF "status", "ownerId", "source", "complexId", "archivedAt"
ON "Lead" FOR EACH ROW EXECUTE FUNCTION "lead_count_trigger"();

INSERT INTO "LeadCount" ("status", "ownerKey", "source", "complexKey", "n")
SELECT "status", COALESCE("ownerId", 0), "source", COALESCE("complexId", 0), COUNT(*)
FROM "Lead" WHERE "archivedAt" IS NULL
GROUP BY "status", COALESCE("ownerId", 0), "source", COALESCE("complexId", 0);
