-- DropIndex
DROP INDEX "Contract_leadId_key";

-- CreateIndex
CREATE INDEX "Contract_leadId_status_idx" ON "Contract"("leadId", "status");

