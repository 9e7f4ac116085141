-- CreateTable
CREATE TABLE "HousekeepingRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "startedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "removed" TEXT NOT NULL,
    "pagesFreed" INTEGER NOT NULL DEFAULT 0,
    "pageSize" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT
);

-- CreateIndex
CREATE INDEX "HousekeepingRun_startedAt_idx" ON "HousekeepingRun"("startedAt");

-- CreateIndex
CREATE INDEX "ConversationMessage_outboundId_idx" ON "ConversationMessage"("outboundId");
