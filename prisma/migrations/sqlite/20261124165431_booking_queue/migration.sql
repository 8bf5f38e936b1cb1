-- CreateTable
CREATE TABLE "BookingQueueEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "apartmentId" INTEGER NOT NULL,
    "leadId" INTEGER NOT NULL,
    "createdById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "BookingQueueEntry_apartmentId_fkey" FOREIGN KEY ("apartmentId") REFERENCES "Apartment" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "BookingQueueEntry_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "Lead" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "BookingQueueEntry_apartmentId_createdAt_id_idx" ON "BookingQueueEntry"("apartmentId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "BookingQueueEntry_leadId_idx" ON "BookingQueueEntry"("leadId");

-- CreateIndex
CREATE UNIQUE INDEX "BookingQueueEntry_apartmentId_leadId_key" ON "BookingQueueEntry"("apartmentId", "leadId");

