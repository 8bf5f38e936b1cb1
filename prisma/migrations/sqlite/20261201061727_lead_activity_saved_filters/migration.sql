-- AlterTable
ALTER TABLE "Lead" ADD COLUMN "lastActivityAt" DATETIME;
ALTER TABLE "Lead" ADD COLUMN "nextCallbackAt" DATETIME;

-- CreateTable
CREATE TABLE "SavedFilter" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "userId" INTEGER NOT NULL,
    "scope" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SavedFilter_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "SavedFilter_userId_scope_name_key" ON "SavedFilter"("userId", "scope", "name");

-- CreateIndex
CREATE INDEX "Lead_archivedAt_status_budgetCurrency_budget_idx" ON "Lead"("archivedAt", "status", "budgetCurrency", "budget");

-- Backfill (hand-written): the same rule the core keeps (packages/core/src/leads/lead-activity.ts).
-- Prisma stores SQLite times as ISO text, so text MAX/MIN order them; max() with several
-- arguments is NULL when any is, hence the COALESCEs.
UPDATE "Lead" SET
  "lastActivityAt" = max(
    "createdAt",
    "statusChangedAt",
    COALESCE((SELECT MAX(c."createdAt") FROM "Comment" c WHERE c."leadId" = "Lead"."id"), "createdAt"),
    COALESCE((SELECT MAX(b."createdAt") FROM "Callback" b WHERE b."leadId" = "Lead"."id"), "createdAt"),
    COALESCE((SELECT MAX(b."doneAt") FROM "Callback" b WHERE b."leadId" = "Lead"."id"), "createdAt")
  ),
  "nextCallbackAt" = (SELECT MIN(b."dueAt") FROM "Callback" b WHERE b."leadId" = "Lead"."id" AND b."isDone" = 0);
