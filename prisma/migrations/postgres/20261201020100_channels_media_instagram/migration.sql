-- CreateTable
CREATE TABLE "ComplexMedia" (
    "id" SERIAL NOT NULL,
    "complexId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "rooms" INTEGER,
    "fileName" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "bytes" INTEGER NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ComplexMedia_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InstagramConnection" (
    "id" INTEGER NOT NULL,
    "accountId" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "tokenCipher" TEXT NOT NULL,
    "tokenExpiresAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "lastError" TEXT,
    "connectedById" INTEGER,
    "connectedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "refreshedAt" TIMESTAMP(3),

    CONSTRAINT "InstagramConnection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InstagramContact" (
    "id" SERIAL NOT NULL,
    "igUserId" TEXT NOT NULL,
    "username" TEXT,
    "leadId" INTEGER,
    "lastMessage" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InstagramContact_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ComplexMedia_fileName_key" ON "ComplexMedia"("fileName");

-- CreateIndex
CREATE INDEX "ComplexMedia_complexId_position_idx" ON "ComplexMedia"("complexId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "InstagramContact_igUserId_key" ON "InstagramContact"("igUserId");

-- CreateIndex
CREATE INDEX "InstagramContact_leadId_idx" ON "InstagramContact"("leadId");

