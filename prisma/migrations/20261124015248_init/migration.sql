-- CreateTable
CREATE TABLE "WebhookEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "lineType" TEXT NOT NULL,
    "sourceType" TEXT NOT NULL,
    "userKey" TEXT,
    "mode" TEXT NOT NULL,
    "timestamp" BIGINT NOT NULL,
    "isRedelivery" BOOLEAN NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "error" TEXT,
    "receivedAt" DATETIME NOT NULL,
    "processedAt" DATETIME
);

-- CreateTable
CREATE TABLE "Resident" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "lineUserId" TEXT NOT NULL,
    "language" TEXT NOT NULL DEFAULT 'ja',
    "languageChosen" BOOLEAN NOT NULL DEFAULT false,
    "followed" BOOLEAN NOT NULL DEFAULT true,
    "followedAt" DATETIME NOT NULL,
    "unfollowedAt" DATETIME,
    "consent" TEXT NOT NULL DEFAULT 'pending',
    "consentVersion" TEXT,
    "consentAt" DATETIME,
    "districtCode" TEXT,
    "topics" TEXT NOT NULL DEFAULT '[]',
    "onboardedAt" DATETIME,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "FlowState" (
    "residentId" TEXT NOT NULL PRIMARY KEY,
    "flowId" TEXT NOT NULL,
    "flowVersion" INTEGER NOT NULL,
    "step" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "stepStartedAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "FlowState_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "HandoffRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "residentId" TEXT NOT NULL,
    "fromFlow" TEXT,
    "status" TEXT NOT NULL DEFAULT 'open',
    "eventId" TEXT,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "HandoffRequest_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OutboundMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "lineUserId" TEXT NOT NULL,
    "eventId" TEXT,
    "method" TEXT NOT NULL,
    "retryKey" TEXT,
    "messages" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "requestId" TEXT,
    "error" TEXT,
    "createdAt" DATETIME NOT NULL,
    "sentAt" DATETIME
);

-- CreateIndex
CREATE INDEX "WebhookEvent_userKey_status_timestamp_idx" ON "WebhookEvent"("userKey", "status", "timestamp");

-- CreateIndex
CREATE INDEX "WebhookEvent_status_receivedAt_idx" ON "WebhookEvent"("status", "receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Resident_lineUserId_key" ON "Resident"("lineUserId");

-- CreateIndex
CREATE INDEX "Resident_followed_consent_idx" ON "Resident"("followed", "consent");

-- CreateIndex
CREATE INDEX "HandoffRequest_status_createdAt_idx" ON "HandoffRequest"("status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "OutboundMessage_retryKey_key" ON "OutboundMessage"("retryKey");

-- CreateIndex
CREATE INDEX "OutboundMessage_status_createdAt_idx" ON "OutboundMessage"("status", "createdAt");

-- CreateIndex
CREATE INDEX "OutboundMessage_lineUserId_createdAt_idx" ON "OutboundMessage"("lineUserId", "createdAt");
