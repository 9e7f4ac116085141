-- CreateTable
CREATE TABLE "Need" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "referenceNo" TEXT NOT NULL,
    "centreId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "statusSince" DATETIME NOT NULL,
    "priority" TEXT NOT NULL DEFAULT 'medium',
    "flags" TEXT NOT NULL DEFAULT '[]',
    "householdName" TEXT,
    "address" TEXT,
    "addressKey" TEXT,
    "latitude" REAL,
    "longitude" REAL,
    "districtCode" TEXT,
    "damage" TEXT NOT NULL DEFAULT '[]',
    "work" TEXT NOT NULL DEFAULT '[]',
    "workOther" TEXT,
    "households" TEXT NOT NULL DEFAULT '[]',
    "preferredDates" TEXT NOT NULL DEFAULT '[]',
    "contactMethod" TEXT NOT NULL,
    "phone" TEXT,
    "phoneKey" TEXT,
    "notes" TEXT,
    "screening" TEXT NOT NULL DEFAULT '[]',
    "surveyDecision" TEXT,
    "closedReason" TEXT,
    "referral" TEXT,
    "scheduledOn" TEXT,
    "followedUpAt" DATETIME,
    "mergedIntoId" TEXT,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Need_centreId_fkey" FOREIGN KEY ("centreId") REFERENCES "DisasterCentre" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "NeedReport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "needId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "relation" TEXT NOT NULL,
    "residentId" TEXT,
    "reporterName" TEXT,
    "reporterPhone" TEXT,
    "staffId" TEXT,
    "content" TEXT NOT NULL,
    "photoIds" TEXT NOT NULL DEFAULT '[]',
    "suspects" TEXT NOT NULL DEFAULT '[]',
    "reviewedAt" DATETIME,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "NeedReport_needId_fkey" FOREIGN KEY ("needId") REFERENCES "Need" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "NeedEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "needId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "from" TEXT,
    "to" TEXT,
    "note" TEXT,
    "staffId" TEXT,
    "at" DATETIME NOT NULL,
    CONSTRAINT "NeedEvent_needId_fkey" FOREIGN KEY ("needId") REFERENCES "Need" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Need_referenceNo_key" ON "Need"("referenceNo");

-- CreateIndex
CREATE INDEX "Need_centreId_status_statusSince_idx" ON "Need"("centreId", "status", "statusSince");

-- CreateIndex
CREATE INDEX "Need_addressKey_idx" ON "Need"("addressKey");

-- CreateIndex
CREATE INDEX "Need_phoneKey_idx" ON "Need"("phoneKey");

-- CreateIndex
CREATE INDEX "Need_latitude_longitude_idx" ON "Need"("latitude", "longitude");

-- CreateIndex
CREATE INDEX "NeedReport_needId_idx" ON "NeedReport"("needId");

-- CreateIndex
CREATE INDEX "NeedReport_residentId_idx" ON "NeedReport"("residentId");

-- CreateIndex
CREATE INDEX "NeedEvent_needId_at_idx" ON "NeedEvent"("needId", "at");
