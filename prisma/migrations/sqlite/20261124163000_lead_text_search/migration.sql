-- Hand-written (Prisma does not model full-text indexes): a trigram FTS5 index over
-- "Lead"."searchText", so "contains" search uses an index instead of scanning every lead.
-- The index is external-content and kept in step by triggers. A later migration that
-- redefines "Lead" (copy + DROP + rename) drops these triggers with the old table: it must
-- recreate them and run the 'rebuild' below (a test fails until it does).
CREATE VIRTUAL TABLE "LeadSearch" USING fts5("searchText", content='Lead', content_rowid='id', tokenize='trigram');
INSERT INTO "LeadSearch"("LeadSearch") VALUES ('rebuild');

CREATE TRIGGER "Lead_search_insert" AFTER INSERT ON "Lead" BEGIN
  INSERT INTO "LeadSearch"(rowid, "searchText") VALUES (new."id", new."searchText");
END;
CREATE TRIGGER "Lead_search_delete" AFTER DELETE ON "Lead" BEGIN
  INSERT INTO "LeadSearch"("LeadSearch", rowid, "searchText") VALUES ('delete', old."id", old."searchText");
END;
CREATE TRIGGER "Lead_search_update" AFTER UPDATE OF "searchText" ON "Lead" BEGIN
  INSERT INTO "LeadSearch"("LeadSearch", rowid, "searchText") VALUES ('delete', old."id", old."searchText");
  INSERT INTO "LeadSearch"(rowid, "searchText") VALUES (new."id", new."searchText");
END;
