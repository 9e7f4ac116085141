-- CreateTable
CREATE TABLE "VolunteerRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "referenceNo" TEXT NOT NULL,
    "residentId" TEXT NOT NULL,
    "requesterType" TEXT NOT NULL,
    "orgName" TEXT,
    "kind" TEXT NOT NULL,
    "districtCode" TEXT,
    "address" TEXT,
    "location" TEXT,
    "date" TEXT NOT NULL,
    "part" TEXT NOT NULL,
    "people" INTEGER NOT NULL,
    "notes" TEXT,
    "phone" TEXT,
    "status" TEXT NOT NULL DEFAULT 'received',
    "declineReason" TEXT,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "VolunteerRequest_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "VolunteerRequest_referenceNo_key" ON "VolunteerRequest"("referenceNo");

-- CreateIndex
CREATE INDEX "VolunteerRequest_status_date_idx" ON "VolunteerRequest"("status", "date");
