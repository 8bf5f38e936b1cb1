-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Lead" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "fullName" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "searchText" TEXT NOT NULL DEFAULT '',
    "region" TEXT,
    "source" TEXT NOT NULL DEFAULT 'OTHER',
    "status" TEXT NOT NULL DEFAULT 'NEW',
    "lostReason" TEXT,
    "ownerId" INTEGER,
    "complexId" INTEGER,
    "apartmentId" INTEGER,
    "budget" BIGINT,
    "budgetCurrency" TEXT,
    "note" TEXT,
    "statusChangedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Lead_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Lead_complexId_fkey" FOREIGN KEY ("complexId") REFERENCES "Complex" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Lead_apartmentId_fkey" FOREIGN KEY ("apartmentId") REFERENCES "Apartment" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Lead" ("apartmentId", "budget", "budgetCurrency", "complexId", "createdAt", "fullName", "id", "lostReason", "note", "ownerId", "phone", "region", "source", "status", "statusChangedAt", "updatedAt") SELECT "apartmentId", "budget", "budgetCurrency", "complexId", "createdAt", "fullName", "id", "lostReason", "note", "ownerId", "phone", "region", "source", "status", "statusChangedAt", "updatedAt" FROM "Lead";
DROP TABLE "Lead";
ALTER TABLE "new_Lead" RENAME TO "Lead";
CREATE UNIQUE INDEX "Lead_phone_key" ON "Lead"("phone");
CREATE INDEX "Lead_createdAt_id_idx" ON "Lead"("createdAt", "id");
CREATE INDEX "Lead_updatedAt_id_idx" ON "Lead"("updatedAt", "id");
CREATE INDEX "Lead_fullName_id_idx" ON "Lead"("fullName", "id");
CREATE INDEX "Lead_ownerId_createdAt_id_idx" ON "Lead"("ownerId", "createdAt", "id");
CREATE INDEX "Lead_status_createdAt_id_idx" ON "Lead"("status", "createdAt", "id");
CREATE INDEX "Lead_source_createdAt_id_idx" ON "Lead"("source", "createdAt", "id");
CREATE INDEX "Lead_complexId_createdAt_id_idx" ON "Lead"("complexId", "createdAt", "id");
CREATE INDEX "Lead_region_createdAt_id_idx" ON "Lead"("region", "createdAt", "id");
CREATE INDEX "Lead_ownerId_status_idx" ON "Lead"("ownerId", "status");
CREATE INDEX "Lead_source_status_idx" ON "Lead"("source", "status");
CREATE INDEX "Lead_complexId_status_idx" ON "Lead"("complexId", "status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

