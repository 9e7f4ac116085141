-- CreateTable
CREATE TABLE "DataRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "residentId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "at" DATETIME NOT NULL,
    "doneAt" DATETIME,
    "doneBy" TEXT
);

-- CreateTable
CREATE TABLE "ResidentErasure" (
    "residentId" TEXT NOT NULL PRIMARY KEY,
    "marker" TEXT NOT NULL,
    "staffId" TEXT,
    "at" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "DataRequest_status_at_idx" ON "DataRequest"("status", "at");

-- CreateIndex
CREATE INDEX "DataRequest_residentId_idx" ON "DataRequest"("residentId");

-- CreateIndex
CREATE UNIQUE INDEX "ResidentErasure_marker_key" ON "ResidentErasure"("marker");
