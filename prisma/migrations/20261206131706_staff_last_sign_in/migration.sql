-- AlterTable
ALTER TABLE "StaffUser" ADD COLUMN "lastSignInAt" DATETIME;
