-- DropIndex
DROP INDEX "Lead_ownerId_status_idx";

-- DropIndex
DROP INDEX "Lead_source_status_idx";

-- DropIndex
DROP INDEX "Lead_complexId_status_idx";

-- CreateIndex
CREATE INDEX "Lead_status_ownerId_source_complexId_createdAt_idx" ON "Lead"("status", "ownerId", "source", "complexId", "createdAt");

