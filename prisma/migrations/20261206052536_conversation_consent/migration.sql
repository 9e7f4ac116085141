-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN "consentedAt" DATETIME;
