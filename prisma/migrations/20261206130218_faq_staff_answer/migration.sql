-- AlterTable
ALTER TABLE "FaqQuestion" ADD COLUMN "staffAnswer" TEXT;
