-- CreateTable
CREATE TABLE "DonationOffer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "referenceNo" TEXT NOT NULL,
    "residentId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "purposeCode" TEXT,
    "amountYen" INTEGER,
    "description" TEXT,
    "itemSize" TEXT,
    "itemAge" TEXT,
    "itemCondition" TEXT,
    "photoAttachmentId" TEXT,
    "name" TEXT NOT NULL,
    "phone" TEXT,
    "slot" TEXT NOT NULL,
    "address" TEXT,
    "status" TEXT NOT NULL DEFAULT 'received',
    "receiptNo" TEXT,
    "staffMessage" TEXT,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "DonationOffer_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DonationItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "offerId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "unopened" BOOLEAN,
    "bestBefore" TEXT,
    "accepted" BOOLEAN NOT NULL,
    "refusedReason" TEXT,
    CONSTRAINT "DonationItem_offerId_fkey" FOREIGN KEY ("offerId") REFERENCES "DonationOffer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "DonationOffer_referenceNo_key" ON "DonationOffer"("referenceNo");

-- CreateIndex
CREATE INDEX "DonationOffer_status_createdAt_idx" ON "DonationOffer"("status", "createdAt");

-- CreateIndex
CREATE INDEX "DonationOffer_residentId_idx" ON "DonationOffer"("residentId");

-- CreateIndex
CREATE UNIQUE INDEX "DonationItem_offerId_position_key" ON "DonationItem"("offerId", "position");
