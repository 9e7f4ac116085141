-- CreateTable
CREATE TABLE "Volunteer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "residentId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "phone" TEXT,
    "districtCode" TEXT,
    "skills" TEXT NOT NULL DEFAULT '[]',
    "availability" TEXT NOT NULL DEFAULT '{}',
    "insuranceFiscalYear" INTEGER,
    "insurancePlan" TEXT,
    "insuranceEnrolledOn" TEXT,
    "status" TEXT NOT NULL DEFAULT 'active',
    "registeredAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "leftAt" DATETIME,
    CONSTRAINT "Volunteer_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Volunteer_residentId_key" ON "Volunteer"("residentId");

-- CreateIndex
CREATE INDEX "Volunteer_status_idx" ON "Volunteer"("status");
