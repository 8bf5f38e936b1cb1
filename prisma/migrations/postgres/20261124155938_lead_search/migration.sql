-- DropIndex
DROP INDEX "Lead_phone_idx";

-- AlterTable
ALTER TABLE "Lead" ADD COLUMN     "searchText" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE UNIQUE INDEX "Lead_phone_key" ON "Lead"("phone");

