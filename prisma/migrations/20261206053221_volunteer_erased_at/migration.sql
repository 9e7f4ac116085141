-- AlterTable
ALTER TABLE "Volunteer" ADD COLUMN "erasedAt" DATETIME;
