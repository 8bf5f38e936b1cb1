-- CreateTable
CREATE TABLE "LeadCountDelta" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "status" TEXT NOT NULL,
    "ownerKey" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "complexKey" INTEGER NOT NULL,
    "n" INTEGER NOT NULL
);

