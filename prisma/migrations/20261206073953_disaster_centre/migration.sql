-- CreateTable
CREATE TABLE "DisasterCentre" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "districts" TEXT NOT NULL,
    "openedOn" TEXT NOT NULL,
    "drill" BOOLEAN NOT NULL,
    "status" TEXT NOT NULL,
    "sameDayCover" BOOLEAN NOT NULL DEFAULT false,
    "walkIns" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "PoolMember" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "centreId" TEXT NOT NULL,
    "residentId" TEXT NOT NULL,
    "volunteerId" TEXT,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "groupName" TEXT,
    "size" INTEGER NOT NULL DEFAULT 1,
    "origin" TEXT NOT NULL,
    "skills" TEXT NOT NULL,
    "availableDates" TEXT NOT NULL,
    "phone" TEXT,
    "emergencyContact" TEXT,
    "coverPlan" TEXT,
    "coverEnrolledOn" TEXT,
    "losses" INTEGER NOT NULL DEFAULT 0,
    "joinedAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "PoolMember_centreId_fkey" FOREIGN KEY ("centreId") REFERENCES "DisasterCentre" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ActivityDay" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "centreId" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "capacity" INTEGER NOT NULL,
    "opensAt" DATETIME NOT NULL,
    "closesAt" DATETIME NOT NULL,
    "reconfirmBy" DATETIME NOT NULL,
    "priorities" TEXT NOT NULL,
    "backfillHours" INTEGER NOT NULL DEFAULT 3,
    "checkInCode" TEXT NOT NULL,
    "drawSeed" TEXT,
    "drawnAt" DATETIME,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "ActivityDay_centreId_fkey" FOREIGN KEY ("centreId") REFERENCES "DisasterCentre" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DayApplication" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "dayId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "position" INTEGER,
    "offeredAt" DATETIME,
    "replyBy" DATETIME,
    "appliedAt" DATETIME NOT NULL,
    "checkedInAt" DATETIME,
    "checkedInBy" TEXT,
    CONSTRAINT "DayApplication_dayId_fkey" FOREIGN KEY ("dayId") REFERENCES "ActivityDay" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "DayApplication_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "PoolMember" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "DisasterCentre_status_idx" ON "DisasterCentre"("status");

-- CreateIndex
CREATE UNIQUE INDEX "PoolMember_centreId_residentId_key" ON "PoolMember"("centreId", "residentId");

-- CreateIndex
CREATE UNIQUE INDEX "ActivityDay_checkInCode_key" ON "ActivityDay"("checkInCode");

-- CreateIndex
CREATE UNIQUE INDEX "ActivityDay_centreId_date_key" ON "ActivityDay"("centreId", "date");

-- CreateIndex
CREATE INDEX "DayApplication_dayId_status_idx" ON "DayApplication"("dayId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "DayApplication_dayId_memberId_key" ON "DayApplication"("dayId", "memberId");
