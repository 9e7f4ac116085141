-- AlterTable (a column with a constant default is added in place; no copy of the outbound table)
ALTER TABLE "OutboundMessage" ADD COLUMN "pushedAfterUnknownReply" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "BroadcastBatch_status_createdAt_idx" ON "BroadcastBatch"("status", "createdAt");

-- CreateIndex
CREATE INDEX "SafetyAlert_conversationId_idx" ON "SafetyAlert"("conversationId");
