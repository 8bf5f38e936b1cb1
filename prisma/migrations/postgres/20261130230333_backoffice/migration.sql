-- Expense, Budget and Attendance existed unused (nothing ever wrote them); NOT NULL columns are
-- added without defaults because they hold no rows.
-- DropIndex
DROP INDEX "Expense_spentOn_idx";

-- DropIndex
DROP INDEX "Expense_category_spentOn_idx";

-- DropIndex
DROP INDEX "Budget_category_month_currency_key";

-- DropIndex
DROP INDEX "Attendance_userId_checkIn_idx";

-- AlterTable
ALTER TABLE "Expense" DROP COLUMN "category",
ADD COLUMN     "attachmentKey" TEXT,
ADD COLUMN     "attachmentName" TEXT,
ADD COLUMN     "attachmentSize" INTEGER,
ADD COLUMN     "attachmentType" TEXT,
ADD COLUMN     "categoryId" INTEGER NOT NULL,
ADD COLUMN     "source" "LeadSource",
ADD COLUMN     "voidReason" TEXT,
ADD COLUMN     "voidedAt" TIMESTAMP(3),
ADD COLUMN     "voidedById" INTEGER,
ALTER COLUMN "spentOn" SET DATA TYPE TEXT;

-- AlterTable
ALTER TABLE "Budget" DROP COLUMN "category",
ADD COLUMN     "categoryId" INTEGER NOT NULL,
ADD COLUMN     "complexId" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Attendance" ADD COLUMN     "autoClosed" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "correctedAt" TIMESTAMP(3),
ADD COLUMN     "correctedById" INTEGER,
ADD COLUMN     "correctionReason" TEXT,
ADD COLUMN     "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "day" TEXT NOT NULL,
ADD COLUMN     "lateMinutes" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL;

-- CreateTable
CREATE TABLE "ExpenseCategory" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "isActive" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ExpenseCategory_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CurrencyRate" (
    "month" TEXT NOT NULL,
    "uzsPerUsd" BIGINT NOT NULL,
    "updatedById" INTEGER,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CurrencyRate_pkey" PRIMARY KEY ("month")
);

-- CreateIndex
CREATE UNIQUE INDEX "ExpenseCategory_name_key" ON "ExpenseCategory"("name");

-- CreateIndex
CREATE INDEX "Expense_spentOn_id_idx" ON "Expense"("spentOn", "id");

-- CreateIndex
CREATE INDEX "Expense_categoryId_spentOn_idx" ON "Expense"("categoryId", "spentOn");

-- CreateIndex
CREATE INDEX "Expense_source_spentOn_idx" ON "Expense"("source", "spentOn");

-- CreateIndex
CREATE UNIQUE INDEX "Budget_categoryId_month_complexId_key" ON "Budget"("categoryId", "month", "complexId");

-- CreateIndex
CREATE INDEX "Attendance_day_idx" ON "Attendance"("day");

-- CreateIndex
CREATE INDEX "Attendance_checkOut_day_idx" ON "Attendance"("checkOut", "day");

-- CreateIndex
CREATE UNIQUE INDEX "Attendance_userId_day_key" ON "Attendance"("userId", "day");

-- AddForeignKey
ALTER TABLE "Expense" ADD CONSTRAINT "Expense_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "ExpenseCategory"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Budget" ADD CONSTRAINT "Budget_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "ExpenseCategory"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

