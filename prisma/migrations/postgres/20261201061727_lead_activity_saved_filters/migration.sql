-- AlterTable
ALTER TABLE "Lead" ADD COLUMN     "lastActivityAt" TIMESTAMP(3),
ADD COLUMN     "nextCallbackAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "SavedFilter" (
    "id" SERIAL NOT NULL,
    "userId" INTEGER NOT NULL,
    "scope" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SavedFilter_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SavedFilter_userId_scope_name_key" ON "SavedFilter"("userId", "scope", "name");

-- CreateIndex
CREATE INDEX "Lead_archivedAt_status_budgetCurrency_budget_idx" ON "Lead"("archivedAt", "status", "budgetCurrency", "budget");

-- AddForeignKey
ALTER TABLE "SavedFilter" ADD CONSTRAINT "SavedFilter_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Backfill (hand-written): the same rule the core keeps (packages/core/src/leads/lead-activity.ts).
-- GREATEST skips NULLs.
UPDATE "Lead" l SET
  "lastActivityAt" = GREATEST(
    l."createdAt",
    l."statusChangedAt",
    (SELECT MAX(c."createdAt") FROM "Comment" c WHERE c."leadId" = l."id"),
    (SELECT MAX(GREATEST(b."createdAt", b."doneAt")) FROM "Callback" b WHERE b."leadId" = l."id")
  ),
  "nextCallbackAt" = (SELECT MIN(b."dueAt") FROM "Callback" b WHERE b."leadId" = l."id" AND NOT b."isDone");
