-- DropIndex
DROP INDEX "BroadcastDelivery_batchId_idx";

-- DropIndex
DROP INDEX "BroadcastDelivery_broadcastId_batchId_idx";

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_BroadcastBatch" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "broadcastId" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "recipients" TEXT NOT NULL DEFAULT '[]',
    "retryKey" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "requestId" TEXT,
    "error" TEXT,
    "createdAt" DATETIME NOT NULL,
    "sentAt" DATETIME,
    CONSTRAINT "BroadcastBatch_broadcastId_fkey" FOREIGN KEY ("broadcastId") REFERENCES "Broadcast" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_BroadcastBatch" ("attempts", "broadcastId", "createdAt", "error", "id", "language", "requestId", "retryKey", "sentAt", "status") SELECT "attempts", "broadcastId", "createdAt", "error", "id", "language", "requestId", "retryKey", "sentAt", "status" FROM "BroadcastBatch";
DROP TABLE "BroadcastBatch";
ALTER TABLE "new_BroadcastBatch" RENAME TO "BroadcastBatch";
CREATE UNIQUE INDEX "BroadcastBatch_retryKey_key" ON "BroadcastBatch"("retryKey");
CREATE INDEX "BroadcastBatch_broadcastId_status_idx" ON "BroadcastBatch"("broadcastId", "status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
