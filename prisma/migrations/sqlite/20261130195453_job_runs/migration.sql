-- CreateTable
CREATE TABLE "JobRun" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "queue" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "attemptsMade" INTEGER NOT NULL DEFAULT 0,
    "attempts" INTEGER NOT NULL,
    "runAt" DATETIME NOT NULL,
    "lockedUntil" DATETIME,
    "lastError" TEXT,
    "result" TEXT,
    "tickKey" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "finishedAt" DATETIME
);

-- CreateIndex
CREATE UNIQUE INDEX "JobRun_tickKey_key" ON "JobRun"("tickKey");

-- CreateIndex
CREATE INDEX "JobRun_queue_state_id_idx" ON "JobRun"("queue", "state", "id");

-- CreateIndex
CREATE INDEX "JobRun_state_runAt_idx" ON "JobRun"("state", "runAt");

