-- CreateTable
CREATE TABLE "ComplexMedia" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "complexId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "rooms" INTEGER,
    "fileName" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "bytes" INTEGER NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "InstagramConnection" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "accountId" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "tokenCipher" TEXT NOT NULL,
    "tokenExpiresAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "lastError" TEXT,
    "connectedById" INTEGER,
    "connectedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "refreshedAt" DATETIME
);

-- CreateTable
CREATE TABLE "InstagramContact" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "igUserId" TEXT NOT NULL,
    "username" TEXT,
    "leadId" INTEGER,
    "lastMessage" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "ComplexMedia_fileName_key" ON "ComplexMedia"("fileName");

-- CreateIndex
CREATE INDEX "ComplexMedia_complexId_position_idx" ON "ComplexMedia"("complexId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "InstagramContact_igUserId_key" ON "InstagramContact"("igUserId");

-- CreateIndex
CREATE INDEX "InstagramContact_leadId_idx" ON "InstagramContact"("leadId");

