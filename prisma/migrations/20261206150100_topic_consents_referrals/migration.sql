-- CreateTable
CREATE TABLE "TopicConsent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "residentId" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    CONSTRAINT "TopicConsent_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Referral" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "consultationId" TEXT NOT NULL,
    "partnerCode" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "consentId" TEXT,
    "consentVersion" TEXT,
    "staffId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "answeredAt" DATETIME,
    CONSTRAINT "Referral_consultationId_fkey" FOREIGN KEY ("consultationId") REFERENCES "Consultation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "TopicConsent_residentId_topic_at_idx" ON "TopicConsent"("residentId", "topic", "at");

-- CreateIndex
CREATE INDEX "Referral_consultationId_createdAt_idx" ON "Referral"("consultationId", "createdAt");
