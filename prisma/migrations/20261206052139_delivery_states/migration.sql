-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_OutboundMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "lineUserId" TEXT NOT NULL,
    "eventId" TEXT,
    "method" TEXT NOT NULL,
    "retryKey" TEXT,
    "messages" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "requestId" TEXT,
    "error" TEXT,
    "createdAt" DATETIME NOT NULL,
    "sentAt" DATETIME,
    "replyToken" TEXT,
    "replyBy" DATETIME,
    "safety" BOOLEAN NOT NULL DEFAULT false,
    "ambiguous" BOOLEAN NOT NULL DEFAULT false,
    "nextAttemptAt" DATETIME,
    "leaseUntil" DATETIME
);
INSERT INTO "new_OutboundMessage" ("attempts", "createdAt", "error", "eventId", "id", "lineUserId", "messages", "method", "requestId", "retryKey", "sentAt", "status") SELECT "attempts", "createdAt", "error", "eventId", "id", "lineUserId", "messages", "method", "requestId", "retryKey", "sentAt", "status" FROM "OutboundMessage";
DROP TABLE "OutboundMessage";
ALTER TABLE "new_OutboundMessage" RENAME TO "OutboundMessage";
CREATE UNIQUE INDEX "OutboundMessage_retryKey_key" ON "OutboundMessage"("retryKey");
CREATE INDEX "OutboundMessage_status_createdAt_idx" ON "OutboundMessage"("status", "createdAt");
CREATE INDEX "OutboundMessage_status_nextAttemptAt_idx" ON "OutboundMessage"("status", "nextAttemptAt");
CREATE INDEX "OutboundMessage_lineUserId_createdAt_idx" ON "OutboundMessage"("lineUserId", "createdAt");
CREATE INDEX "OutboundMessage_eventId_idx" ON "OutboundMessage"("eventId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
