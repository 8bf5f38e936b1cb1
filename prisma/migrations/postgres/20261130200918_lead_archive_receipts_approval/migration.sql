-- CreateEnum
CREATE TYPE "ContractApproval" AS ENUM ('NOT_REQUIRED', 'PENDING', 'APPROVED', 'REJECTED');

-- DropForeignKey
ALTER TABLE "Contract" DROP CONSTRAINT "Contract_leadId_fkey";

-- DropForeignKey
ALTER TABLE "Payment" DROP CONSTRAINT "Payment_leadId_fkey";

-- DropForeignKey
ALTER TABLE "Payment" DROP CONSTRAINT "Payment_contractId_fkey";

-- DropIndex
DROP INDEX "Lead_status_ownerId_source_complexId_createdAt_idx";

-- AlterTable
ALTER TABLE "Apartment" ADD COLUMN     "bookedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Lead" ADD COLUMN     "archivedAt" TIMESTAMP(3),
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Contract" ADD COLUMN     "approval" "ContractApproval" NOT NULL DEFAULT 'NOT_REQUIRED',
ADD COLUMN     "approvalNote" TEXT,
ADD COLUMN     "approvedAt" TIMESTAMP(3),
ADD COLUMN     "approvedById" INTEGER,
ADD COLUMN     "listPrice" BIGINT,
ADD COLUMN     "parties" TEXT;

-- CreateTable
CREATE TABLE "PaymentReceipt" (
    "id" SERIAL NOT NULL,
    "number" TEXT NOT NULL,
    "paymentId" INTEGER NOT NULL,
    "contractId" INTEGER,
    "amount" BIGINT NOT NULL,
    "currency" "Currency" NOT NULL,
    "method" "PaymentMethod" NOT NULL,
    "paidAt" TIMESTAMP(3) NOT NULL,
    "note" TEXT,
    "recordedById" INTEGER,
    "reversedAt" TIMESTAMP(3),
    "reversedById" INTEGER,
    "reversalReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PaymentReceipt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChannelRequest" (
    "id" SERIAL NOT NULL,
    "channel" TEXT NOT NULL,
    "sender" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChannelRequest_pkey" PRIMARY KEY ("id")
);

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

-- CreateIndex
CREATE INDEX "Lead_archivedAt_createdAt_id_idx" ON "Lead"("archivedAt", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Lead_status_ownerId_source_complexId_createdAt_archivedAt_idx" ON "Lead"("status", "ownerId", "source", "complexId", "createdAt", "archivedAt");

-- AddForeignKey
ALTER TABLE "Contract" ADD CONSTRAINT "Contract_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "Lead"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contract" ADD CONSTRAINT "Contract_approvedById_fkey" FOREIGN KEY ("approvedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "Lead"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaymentReceipt" ADD CONSTRAINT "PaymentReceipt_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "Payment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaymentReceipt" ADD CONSTRAINT "PaymentReceipt_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaymentReceipt" ADD CONSTRAINT "PaymentReceipt_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaymentReceipt" ADD CONSTRAINT "PaymentReceipt_reversedById_fkey" FOREIGN KEY ("reversedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Hand-written data: money already received becomes one receipt per instalment; holds and
-- contracts get the values the new rules read.
INSERT INTO "PaymentReceipt" ("number", "paymentId", "contractId", "amount", "currency", "method", "paidAt", "recordedById", "createdAt")
SELECT 'R-' || "id", "id", "contractId", "paidAmount", "currency", COALESCE("method", 'OTHER'), COALESCE("paidAt", "updatedAt"), "recordedById", COALESCE("paidAt", "updatedAt")
FROM "Payment" WHERE "paidAmount" > 0;
UPDATE "Apartment" SET "bookedAt" = "updatedAt" WHERE "status" = 'BOOKED';
UPDATE "Contract" SET "listPrice" = "price" WHERE "listPrice" IS NULL;
