-- AlterTable
ALTER TABLE "DonationOffer" ADD COLUMN "receivedAt" DATETIME;

-- CreateTable
CREATE TABLE "Allocation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "purposeCode" TEXT NOT NULL,
    "amountYen" INTEGER NOT NULL,
    "recipient" TEXT NOT NULL,
    "note" TEXT,
    "allocatedOn" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "WantedItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "note" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "Allocation_allocatedOn_idx" ON "Allocation"("allocatedOn");

-- CreateIndex
CREATE INDEX "WantedItem_active_createdAt_idx" ON "WantedItem"("active", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "DonationOffer_receiptNo_key" ON "DonationOffer"("receiptNo");

-- CreateIndex
CREATE INDEX "DonationOffer_receivedAt_idx" ON "DonationOffer"("receivedAt");
