-- AlterTable
ALTER TABLE "ActivityDay" ADD COLUMN "heatLevel" TEXT;
ALTER TABLE "ActivityDay" ADD COLUMN "reminderMinutes" INTEGER;
ALTER TABLE "ActivityDay" ADD COLUMN "safetyNote" TEXT;

-- CreateTable
CREATE TABLE "Team" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "centreId" TEXT NOT NULL,
    "needId" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "equipment" TEXT NOT NULL DEFAULT '[]',
    "missingEquipment" TEXT NOT NULL DEFAULT '[]',
    "dispatchedAt" DATETIME NOT NULL,
    "backAt" DATETIME,
    "lastReminderAt" DATETIME,
    "overdueAt" DATETIME,
    "createdBy" TEXT,
    CONSTRAINT "Team_centreId_fkey" FOREIGN KEY ("centreId") REFERENCES "DisasterCentre" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Team_needId_fkey" FOREIGN KEY ("needId") REFERENCES "Need" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TeamMember" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "teamId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "leader" BOOLEAN NOT NULL DEFAULT false,
    "hours" REAL,
    "personHours" REAL,
    CONSTRAINT "TeamMember_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TeamMember_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "PoolMember" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EquipmentKind" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "centreId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    CONSTRAINT "EquipmentKind_centreId_fkey" FOREIGN KEY ("centreId") REFERENCES "DisasterCentre" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FieldReport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "teamId" TEXT NOT NULL,
    "needId" TEXT NOT NULL,
    "back" BOOLEAN NOT NULL,
    "people" INTEGER NOT NULL,
    "hours" REAL NOT NULL,
    "done" TEXT NOT NULL,
    "remarks" TEXT,
    "injuries" TEXT,
    "nearMiss" TEXT,
    "outcome" TEXT NOT NULL,
    "remaining" TEXT,
    "photoIds" TEXT NOT NULL DEFAULT '[]',
    "returned" TEXT NOT NULL DEFAULT '[]',
    "missing" TEXT NOT NULL DEFAULT '[]',
    "channel" TEXT NOT NULL,
    "residentId" TEXT,
    "staffId" TEXT,
    "at" DATETIME NOT NULL,
    CONSTRAINT "FieldReport_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FieldAlert" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "centreId" TEXT NOT NULL,
    "teamId" TEXT,
    "memberId" TEXT,
    "residentId" TEXT,
    "raisedAt" DATETIME NOT NULL,
    "acknowledgedAt" DATETIME,
    "acknowledgedBy" TEXT,
    CONSTRAINT "FieldAlert_centreId_fkey" FOREIGN KEY ("centreId") REFERENCES "DisasterCentre" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "FieldAlert_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Team_centreId_status_idx" ON "Team"("centreId", "status");

-- CreateIndex
CREATE INDEX "Team_needId_idx" ON "Team"("needId");

-- CreateIndex
CREATE INDEX "Team_centreId_dispatchedAt_idx" ON "Team"("centreId", "dispatchedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Team_centreId_date_number_key" ON "Team"("centreId", "date", "number");

-- CreateIndex
CREATE INDEX "TeamMember_memberId_idx" ON "TeamMember"("memberId");

-- CreateIndex
CREATE UNIQUE INDEX "TeamMember_teamId_memberId_key" ON "TeamMember"("teamId", "memberId");

-- CreateIndex
CREATE UNIQUE INDEX "EquipmentKind_centreId_code_key" ON "EquipmentKind"("centreId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "FieldReport_teamId_key" ON "FieldReport"("teamId");

-- CreateIndex
CREATE INDEX "FieldReport_needId_idx" ON "FieldReport"("needId");

-- CreateIndex
CREATE INDEX "FieldReport_at_idx" ON "FieldReport"("at");

-- CreateIndex
CREATE INDEX "FieldAlert_centreId_acknowledgedAt_idx" ON "FieldAlert"("centreId", "acknowledgedAt");
