-- CreateTable
CREATE TABLE "FaqEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "questions" TEXT NOT NULL,
    "answer" TEXT NOT NULL,
    "links" TEXT NOT NULL DEFAULT '[]',
    "startsWith" TEXT,
    "districts" TEXT NOT NULL DEFAULT '[]',
    "validFrom" TEXT,
    "validUntil" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "seedCode" TEXT,
    "createdBy" TEXT,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "FaqSynonym" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "term" TEXT NOT NULL,
    "means" TEXT NOT NULL,
    "createdBy" TEXT,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "FaqQuestion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "text" TEXT NOT NULL,
    "normalized" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "residentId" TEXT,
    "outcome" TEXT NOT NULL,
    "entryId" TEXT,
    "feedback" TEXT,
    "resolvedAt" DATETIME,
    "resolvedBy" TEXT,
    "at" DATETIME NOT NULL,
    CONSTRAINT "FaqQuestion_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "FaqEntry" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "FaqEntry_seedCode_key" ON "FaqEntry"("seedCode");

-- CreateIndex
CREATE INDEX "FaqEntry_active_idx" ON "FaqEntry"("active");

-- CreateIndex
CREATE UNIQUE INDEX "FaqSynonym_term_key" ON "FaqSynonym"("term");

-- CreateIndex
CREATE INDEX "FaqQuestion_outcome_resolvedAt_at_idx" ON "FaqQuestion"("outcome", "resolvedAt", "at");

-- CreateIndex
CREATE INDEX "FaqQuestion_at_idx" ON "FaqQuestion"("at");
