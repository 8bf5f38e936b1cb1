-- DropIndex
DROP INDEX "Lead_archivedAt_createdAt_id_idx";

-- CreateIndex
CREATE INDEX "Lead_archivedAt_createdAt_id_searchText_idx" ON "Lead"("archivedAt", "createdAt", "id", "searchText");

