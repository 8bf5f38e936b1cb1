-- CreateTable
CREATE TABLE "JobRun" (
    "id" SERIAL NOT NULL,
    "queue" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "attemptsMade" INTEGER NOT NULL DEFAULT 0,
    "attempts" INTEGER NOT NULL,
    "runAt" TIMESTAMP(3) NOT NULL,
    "lockedUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "result" TEXT,
    "tickKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "JobRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "JobRun_tickKey_key" ON "JobRun"("tickKey");

-- CreateIndex
CREATE INDEX "JobRun_queue_state_id_idx" ON "JobRun"("queue", "state", "id");

-- CreateIndex
CREATE INDEX "JobRun_state_runAt_idx" ON "JobRun"("state", "runAt");

