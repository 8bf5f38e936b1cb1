-- CreateEnum
CREATE TYPE "PrizeDrawStatus" AS ENUM ('DRAFT', 'OPEN', 'CLOSED', 'DRAWN');

-- CreateEnum
CREATE TYPE "PrizeDrawEligibility" AS ENUM ('ANYONE', 'LEADS', 'BUYERS');

-- CreateTable
CREATE TABLE "TelegramProfile" (
    "telegramUserId" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "language" TEXT,
    "verifiedPhone" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TelegramProfile_pkey" PRIMARY KEY ("telegramUserId")
);

-- CreateTable
CREATE TABLE "BotConversation" (
    "chatId" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BotConversation_pkey" PRIMARY KEY ("chatId")
);

-- CreateTable
CREATE TABLE "TelegramLinkCode" (
    "id" SERIAL NOT NULL,
    "userId" INTEGER NOT NULL,
    "codeHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TelegramLinkCode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StaffAbsence" (
    "id" SERIAL NOT NULL,
    "userId" INTEGER NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StaffAbsence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssignmentCursor" (
    "pool" TEXT NOT NULL,
    "lastUserId" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AssignmentCursor_pkey" PRIMARY KEY ("pool")
);

-- CreateTable
CREATE TABLE "BotOutbox" (
    "id" SERIAL NOT NULL,
    "chatId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BotOutbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PrizeDraw" (
    "id" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "prizes" TEXT NOT NULL,
    "winnersCount" INTEGER NOT NULL,
    "entryOpensAt" TIMESTAMP(3) NOT NULL,
    "entryClosesAt" TIMESTAMP(3) NOT NULL,
    "eligibility" "PrizeDrawEligibility" NOT NULL DEFAULT 'ANYONE',
    "status" "PrizeDrawStatus" NOT NULL DEFAULT 'DRAFT',
    "commitment" TEXT NOT NULL,
    "seed" TEXT NOT NULL,
    "entriesHash" TEXT,
    "entriesCount" INTEGER NOT NULL DEFAULT 0,
    "winners" TEXT,
    "createdById" INTEGER,
    "openedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "drawnAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PrizeDraw_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PrizeDrawEntry" (
    "id" SERIAL NOT NULL,
    "drawId" INTEGER NOT NULL,
    "telegramUserId" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "seq" INTEGER,
    "place" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PrizeDrawEntry_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "PrizeDrawEntry" ADD CONSTRAINT "PrizeDrawEntry_drawId_fkey" FOREIGN KEY ("drawId") REFERENCES "PrizeDraw"("id") ON DELETE CASCADE ON UPDATE CASCADE;

