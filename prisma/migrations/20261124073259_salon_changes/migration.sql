-- CreateTable
CREATE TABLE "SalonChange" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "salonCode" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "start" TEXT,
    "end" TEXT,
    "note" TEXT,
    "createdBy" TEXT,
    "createdAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "SalonChange_date_idx" ON "SalonChange"("date");
