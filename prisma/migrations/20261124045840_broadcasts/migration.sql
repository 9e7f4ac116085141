-- CreateTable
CREATE TABLE "Broadcast" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "targeting" TEXT NOT NULL,
    "urgent" BOOLEAN NOT NULL DEFAULT false,
    "scheduledAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'scheduled',
    "createdBy" TEXT,
    "createdAt" DATETIME NOT NULL,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "targeted" INTEGER NOT NULL DEFAULT 0,
    "sent" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "BroadcastBatch" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "broadcastId" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "retryKey" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "requestId" TEXT,
    "error" TEXT,
    "createdAt" DATETIME NOT NULL,
    "sentAt" DATETIME,
    CONSTRAINT "BroadcastBatch_broadcastId_fkey" FOREIGN KEY ("broadcastId") REFERENCES "Broadcast" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BroadcastDelivery" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "broadcastId" TEXT NOT NULL,
    "lineUserId" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "batchId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    CONSTRAINT "BroadcastDelivery_broadcastId_fkey" FOREIGN KEY ("broadcastId") REFERENCES "Broadcast" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "BroadcastDelivery_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "BroadcastBatch" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Broadcast_status_scheduledAt_idx" ON "Broadcast"("status", "scheduledAt");

-- CreateIndex
CREATE UNIQUE INDEX "BroadcastBatch_retryKey_key" ON "BroadcastBatch"("retryKey");

-- CreateIndex
CREATE INDEX "BroadcastBatch_broadcastId_status_idx" ON "BroadcastBatch"("broadcastId", "status");

-- CreateIndex
CREATE INDEX "BroadcastDelivery_broadcastId_batchId_idx" ON "BroadcastDelivery"("broadcastId", "batchId");

-- CreateIndex
CREATE INDEX "BroadcastDelivery_batchId_idx" ON "BroadcastDelivery"("batchId");

-- CreateIndex
CREATE UNIQUE INDEX "BroadcastDelivery_broadcastId_lineUserId_key" ON "BroadcastDelivery"("broadcastId", "lineUserId");
