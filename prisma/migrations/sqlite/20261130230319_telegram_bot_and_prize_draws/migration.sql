-- CreateTable
CREATE TABLE "TelegramProfile" (
    "telegramUserId" TEXT NOT NULL PRIMARY KEY,
    "chatId" TEXT NOT NULL,
    "language" TEXT,
    "verifiedPhone" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "BotConversation" (
    "chatId" TEXT NOT NULL PRIMARY KEY,
    "state" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "TelegramLinkCode" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "userId" INTEGER NOT NULL,
    "codeHash" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "StaffAbsence" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "userId" INTEGER NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "createdById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "AssignmentCursor" (
    "pool" TEXT NOT NULL PRIMARY KEY,
    "lastUserId" INTEGER NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "BotOutbox" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "chatId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "sentAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "PrizeDraw" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "title" TEXT NOT NULL,
    "prizes" TEXT NOT NULL,
    "winnersCount" INTEGER NOT NULL,
    "entryOpensAt" DATETIME NOT NULL,
    "entryClosesAt" DATETIME NOT NULL,
    "eligibility" TEXT NOT NULL DEFAULT 'ANYONE',
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "commitment" TEXT NOT NULL,
    "seed" TEXT NOT NULL,
    "entriesHash" TEXT,
    "entriesCount" INTEGER NOT NULL DEFAULT 0,
    "winners" TEXT,
    "createdById" INTEGER,
    "openedAt" DATETIME,
    "closedAt" DATETIME,
    "drawnAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "PrizeDrawEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "drawId" INTEGER NOT NULL,
    "telegramUserId" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "seq" INTEGER,
    "place" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PrizeDrawEntry_drawId_fkey" FOREIGN KEY ("drawId") REFERENCES "PrizeDraw" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "TelegramProfile_verifiedPhone_idx" ON "TelegramProfile"("verifiedPhone");

-- CreateIndex
CREATE INDEX "BotConversation_expiresAt_idx" ON "BotConversation"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "TelegramLinkCode_codeHash_key" ON "TelegramLinkCode"("codeHash");

-- CreateIndex
CREATE INDEX "TelegramLinkCode_userId_usedAt_idx" ON "TelegramLinkCode"("userId", "usedAt");

-- CreateIndex
CREATE INDEX "StaffAbsence_userId_endsAt_idx" ON "StaffAbsence"("userId", "endsAt");

-- CreateIndex
CREATE INDEX "StaffAbsence_startsAt_endsAt_idx" ON "StaffAbsence"("startsAt", "endsAt");

-- CreateIndex
CREATE UNIQUE INDEX "BotOutbox_dedupeKey_key" ON "BotOutbox"("dedupeKey");

-- CreateIndex
CREATE INDEX "BotOutbox_status_id_idx" ON "BotOutbox"("status", "id");

-- CreateIndex
CREATE INDEX "PrizeDraw_status_id_idx" ON "PrizeDraw"("status", "id");

-- CreateIndex
CREATE INDEX "PrizeDrawEntry_drawId_id_idx" ON "PrizeDrawEntry"("drawId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "PrizeDrawEntry_drawId_telegramUserId_key" ON "PrizeDrawEntry"("drawId", "telegramUserId");

-- CreateIndex
CREATE UNIQUE INDEX "PrizeDrawEntry_drawId_seq_key" ON "PrizeDrawEntry"("drawId", "seq");

