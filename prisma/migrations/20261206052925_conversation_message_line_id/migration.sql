-- AlterTable
ALTER TABLE "ConversationMessage" ADD COLUMN "lineMessageId" TEXT;

-- CreateIndex
CREATE INDEX "ConversationMessage_lineMessageId_idx" ON "ConversationMessage"("lineMessageId");

-- Backfill: a resident's earlier messages get their LINE message id from their copied content, else from the
-- webhook event that carried them (processed events keep message.id), so an unsend finds them too.
UPDATE "ConversationMessage" SET "lineMessageId" = COALESCE(
  (SELECT a."lineMessageId" FROM "Attachment" a WHERE a."id" = "ConversationMessage"."attachmentId"),
  (SELECT CASE WHEN json_valid(w."payload") THEN json_extract(w."payload", '$.message.id') END FROM "WebhookEvent" w WHERE w."id" = "ConversationMessage"."eventId" AND w."lineType" = 'message')
) WHERE "direction" = 'in';
