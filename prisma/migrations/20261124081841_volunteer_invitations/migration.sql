-- CreateTable
CREATE TABLE "VolunteerInvitation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "requestId" TEXT NOT NULL,
    "volunteerId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'invited',
    "invitedBy" TEXT,
    "invitedAt" DATETIME NOT NULL,
    "answeredAt" DATETIME,
    "hours" REAL,
    "report" TEXT,
    "reportedAt" DATETIME,
    CONSTRAINT "VolunteerInvitation_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "VolunteerRequest" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "VolunteerInvitation_volunteerId_fkey" FOREIGN KEY ("volunteerId") REFERENCES "Volunteer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "VolunteerInvitation_volunteerId_invitedAt_idx" ON "VolunteerInvitation"("volunteerId", "invitedAt");

-- CreateIndex
CREATE UNIQUE INDEX "VolunteerInvitation_requestId_volunteerId_key" ON "VolunteerInvitation"("requestId", "volunteerId");
