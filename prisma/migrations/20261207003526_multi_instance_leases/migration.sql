-- AlterTable
ALTER TABLE "BroadcastBatch" ADD COLUMN "leaseOwner" TEXT;
ALTER TABLE "BroadcastBatch" ADD COLUMN "leaseUntil" DATETIME;

-- AlterTable
ALTER TABLE "OutboundMessage" ADD COLUMN "leaseOwner" TEXT;

-- CreateTable
CREATE TABLE "ProcessingLease" (
    "userKey" TEXT NOT NULL PRIMARY KEY,
    "owner" TEXT NOT NULL,
    "leaseUntil" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ScheduledRun" (
    "job" TEXT NOT NULL,
    "slot" DATETIME NOT NULL,
    "owner" TEXT NOT NULL,
    "leaseUntil" DATETIME NOT NULL,
    "finishedAt" DATETIME,

    PRIMARY KEY ("job", "slot")
);

-- CreateTable
CREATE TABLE "LoginFailure" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "at" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "ProcessingLease_leaseUntil_idx" ON "ProcessingLease"("leaseUntil");

-- CreateIndex
CREATE INDEX "ScheduledRun_slot_idx" ON "ScheduledRun"("slot");

-- CreateIndex
CREATE INDEX "LoginFailure_key_at_idx" ON "LoginFailure"("key", "at");
