-- AlterTable
ALTER TABLE "Apartment" ADD COLUMN "bookedAt" DATETIME;

-- CreateTable
CREATE TABLE "PaymentReceipt" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "number" TEXT NOT NULL,
    "paymentId" INTEGER NOT NULL,
    "contractId" INTEGER,
    "amount" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "paidAt" DATETIME NOT NULL,
    "note" TEXT,
    "recordedById" INTEGER,
    "reversedAt" DATETIME,
    "reversedById" INTEGER,
    "reversalReason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PaymentReceipt_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "Payment" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "PaymentReceipt_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "PaymentReceipt_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "PaymentReceipt_reversedById_fkey" FOREIGN KEY ("reversedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ChannelRequest" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "channel" TEXT NOT NULL,
    "sender" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

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
    "archivedAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Lead_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Lead_complexId_fkey" FOREIGN KEY ("complexId") REFERENCES "Complex" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Lead_apartmentId_fkey" FOREIGN KEY ("apartmentId") REFERENCES "Apartment" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Lead" ("apartmentId", "budget", "budgetCurrency", "complexId", "createdAt", "fullName", "id", "lostReason", "note", "ownerId", "phone", "region", "searchText", "source", "status", "statusChangedAt", "updatedAt") SELECT "apartmentId", "budget", "budgetCurrency", "complexId", "createdAt", "fullName", "id", "lostReason", "note", "ownerId", "phone", "region", "searchText", "source", "status", "statusChangedAt", "updatedAt" FROM "Lead";
DROP TABLE "Lead";
ALTER TABLE "new_Lead" RENAME TO "Lead";
CREATE UNIQUE INDEX "Lead_phone_key" ON "Lead"("phone");
CREATE INDEX "Lead_archivedAt_createdAt_id_idx" ON "Lead"("archivedAt", "createdAt", "id");
CREATE INDEX "Lead_createdAt_id_idx" ON "Lead"("createdAt", "id");
CREATE INDEX "Lead_updatedAt_id_idx" ON "Lead"("updatedAt", "id");
CREATE INDEX "Lead_fullName_id_idx" ON "Lead"("fullName", "id");
CREATE INDEX "Lead_ownerId_createdAt_id_idx" ON "Lead"("ownerId", "createdAt", "id");
CREATE INDEX "Lead_status_createdAt_id_idx" ON "Lead"("status", "createdAt", "id");
CREATE INDEX "Lead_source_createdAt_id_idx" ON "Lead"("source", "createdAt", "id");
CREATE INDEX "Lead_complexId_createdAt_id_idx" ON "Lead"("complexId", "createdAt", "id");
CREATE INDEX "Lead_region_createdAt_id_idx" ON "Lead"("region", "createdAt", "id");
CREATE INDEX "Lead_status_ownerId_source_complexId_createdAt_archivedAt_idx" ON "Lead"("status", "ownerId", "source", "complexId", "createdAt", "archivedAt");
CREATE TABLE "new_Contract" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "number" TEXT NOT NULL,
    "leadId" INTEGER NOT NULL,
    "apartmentId" INTEGER NOT NULL,
    "price" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "downPayment" BIGINT NOT NULL DEFAULT 0,
    "installmentMonths" INTEGER NOT NULL DEFAULT 0,
    "fixedUzsRate" BIGINT,
    "listPrice" BIGINT,
    "signedAt" DATETIME,
    "cancelledAt" DATETIME,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "approval" TEXT NOT NULL DEFAULT 'NOT_REQUIRED',
    "approvalNote" TEXT,
    "approvedById" INTEGER,
    "approvedAt" DATETIME,
    "parties" TEXT,
    "createdById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Contract_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "Lead" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Contract_apartmentId_fkey" FOREIGN KEY ("apartmentId") REFERENCES "Apartment" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Contract_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Contract_approvedById_fkey" FOREIGN KEY ("approvedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Contract" ("apartmentId", "cancelledAt", "createdAt", "createdById", "currency", "downPayment", "fixedUzsRate", "id", "installmentMonths", "leadId", "number", "price", "signedAt", "status", "updatedAt") SELECT "apartmentId", "cancelledAt", "createdAt", "createdById", "currency", "downPayment", "fixedUzsRate", "id", "installmentMonths", "leadId", "number", "price", "signedAt", "status", "updatedAt" FROM "Contract";
DROP TABLE "Contract";
ALTER TABLE "new_Contract" RENAME TO "Contract";
CREATE UNIQUE INDEX "Contract_number_key" ON "Contract"("number");
CREATE INDEX "Contract_leadId_status_idx" ON "Contract"("leadId", "status");
CREATE INDEX "Contract_apartmentId_idx" ON "Contract"("apartmentId");
CREATE INDEX "Contract_status_signedAt_idx" ON "Contract"("status", "signedAt");
CREATE TABLE "new_Payment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "leadId" INTEGER NOT NULL,
    "contractId" INTEGER,
    "kind" TEXT NOT NULL DEFAULT 'INSTALLMENT',
    "seq" INTEGER NOT NULL DEFAULT 0,
    "amount" BIGINT NOT NULL,
    "paidAmount" BIGINT NOT NULL DEFAULT 0,
    "currency" TEXT NOT NULL,
    "dueDate" DATETIME NOT NULL,
    "paidAt" DATETIME,
    "method" TEXT,
    "status" TEXT NOT NULL DEFAULT 'SCHEDULED',
    "note" TEXT,
    "recordedById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Payment_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "Lead" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Payment_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Payment_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Payment" ("amount", "contractId", "createdAt", "currency", "dueDate", "id", "kind", "leadId", "method", "note", "paidAmount", "paidAt", "recordedById", "seq", "status", "updatedAt") SELECT "amount", "contractId", "createdAt", "currency", "dueDate", "id", "kind", "leadId", "method", "note", "paidAmount", "paidAt", "recordedById", "seq", "status", "updatedAt" FROM "Payment";
DROP TABLE "Payment";
ALTER TABLE "new_Payment" RENAME TO "Payment";
CREATE INDEX "Payment_leadId_dueDate_idx" ON "Payment"("leadId", "dueDate");
CREATE INDEX "Payment_contractId_seq_idx" ON "Payment"("contractId", "seq");
CREATE INDEX "Payment_status_dueDate_idx" ON "Payment"("status", "dueDate");
CREATE INDEX "Payment_dueDate_idx" ON "Payment"("dueDate");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "PaymentReceipt_paymentId_idx" ON "PaymentReceipt"("paymentId");

-- CreateIndex
CREATE INDEX "PaymentReceipt_contractId_idx" ON "PaymentReceipt"("contractId");

-- CreateIndex
CREATE INDEX "PaymentReceipt_number_idx" ON "PaymentReceipt"("number");

-- CreateIndex
CREATE INDEX "PaymentReceipt_paidAt_idx" ON "PaymentReceipt"("paidAt");

-- CreateIndex
CREATE INDEX "ChannelRequest_channel_sender_createdAt_idx" ON "ChannelRequest"("channel", "sender", "createdAt");


-- Hand-written: redefining "Lead" dropped the search index's triggers with the old table.
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
INSERT INTO "LeadSearch"("LeadSearch") VALUES ('rebuild');

-- Hand-written data: money already received becomes one receipt per instalment; holds and
-- contracts get the values the new rules read.
INSERT INTO "PaymentReceipt" ("number", "paymentId", "contractId", "amount", "currency", "method", "paidAt", "recordedById", "createdAt")
SELECT 'R-' || "id", "id", "contractId", "paidAmount", "currency", COALESCE("method", 'OTHER'), COALESCE("paidAt", "updatedAt"), "recordedById", COALESCE("paidAt", "updatedAt")
FROM "Payment" WHERE "paidAmount" > 0;
UPDATE "Apartment" SET "bookedAt" = "updatedAt" WHERE "status" = 'BOOKED';
UPDATE "Contract" SET "listPrice" = "price" WHERE "listPrice" IS NULL;
