-- AlterTable
ALTER TABLE "Broadcast" ADD COLUMN "error" TEXT;
