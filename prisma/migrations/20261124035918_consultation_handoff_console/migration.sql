-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "HandoffRequest";
PRAGMA foreign_keys=on;

-- CreateTable
CREATE TABLE "Conversation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "residentId" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "urgent" BOOLEAN NOT NULL DEFAULT false,
    "teamCode" TEXT,
    "assigneeId" TEXT,
    "fromFlow" TEXT,
    "openedAt" DATETIME NOT NULL,
    "waitingSince" DATETIME,
    "firstStaffReplyAt" DATETIME,
    "closedAt" DATETIME,
    "lastMessageAt" DATETIME NOT NULL,
    "afterHoursNoticeOn" TEXT,
    "survey" TEXT,
    CONSTRAINT "Conversation_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Conversation_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "StaffUser" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ConversationMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "conversationId" TEXT NOT NULL,
    "direction" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "text" TEXT,
    "data" TEXT,
    "attachmentId" TEXT,
    "staffId" TEXT,
    "staffName" TEXT,
    "outboundId" TEXT,
    "eventId" TEXT,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "ConversationMessage_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ConversationMessage_attachmentId_fkey" FOREIGN KEY ("attachmentId") REFERENCES "Attachment" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Attachment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "residentId" TEXT NOT NULL,
    "lineMessageId" TEXT NOT NULL,
    "contentType" TEXT,
    "bytes" BLOB,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Consultation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "referenceNo" TEXT NOT NULL,
    "residentId" TEXT NOT NULL,
    "conversationId" TEXT,
    "categoryCode" TEXT NOT NULL,
    "teamCode" TEXT NOT NULL,
    "forWhom" TEXT NOT NULL,
    "districtCode" TEXT,
    "contactMethod" TEXT NOT NULL,
    "phone" TEXT,
    "contactTime" TEXT,
    "urgency" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "attachmentIds" TEXT NOT NULL DEFAULT '[]',
    "status" TEXT NOT NULL DEFAULT 'new',
    "referralTarget" TEXT,
    "replyDueAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "closedAt" DATETIME,
    CONSTRAINT "Consultation_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Consultation_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SafetyAlert" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "residentId" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "eventId" TEXT,
    "acknowledgedBy" TEXT,
    "acknowledgedAt" DATETIME,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "SafetyAlert_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StaffUser" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "loginId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "teams" TEXT NOT NULL DEFAULT '[]',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "StaffSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "staffId" TEXT NOT NULL,
    "csrfToken" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "lastSeenAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    CONSTRAINT "StaffSession_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "StaffUser" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "staffId" TEXT,
    "action" TEXT NOT NULL,
    "subjectType" TEXT,
    "subjectId" TEXT,
    "residentId" TEXT,
    "detail" TEXT,
    "ip" TEXT,
    "at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "StaffNote" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "conversationId" TEXT NOT NULL,
    "staffId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "StaffNote_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "StaffNote_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "StaffUser" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SurveyResponse" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "conversationId" TEXT NOT NULL,
    "score" INTEGER NOT NULL,
    "comment" TEXT,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "SurveyResponse_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Conversation_owner_urgent_waitingSince_idx" ON "Conversation"("owner", "urgent", "waitingSince");

-- CreateIndex
CREATE INDEX "Conversation_residentId_owner_idx" ON "Conversation"("residentId", "owner");

-- CreateIndex
CREATE INDEX "Conversation_assigneeId_owner_idx" ON "Conversation"("assigneeId", "owner");

-- CreateIndex
CREATE UNIQUE INDEX "ConversationMessage_attachmentId_key" ON "ConversationMessage"("attachmentId");

-- CreateIndex
CREATE INDEX "ConversationMessage_conversationId_createdAt_idx" ON "ConversationMessage"("conversationId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Attachment_lineMessageId_key" ON "Attachment"("lineMessageId");

-- CreateIndex
CREATE UNIQUE INDEX "Consultation_referenceNo_key" ON "Consultation"("referenceNo");

-- CreateIndex
CREATE INDEX "Consultation_status_teamCode_createdAt_idx" ON "Consultation"("status", "teamCode", "createdAt");

-- CreateIndex
CREATE INDEX "SafetyAlert_acknowledgedAt_createdAt_idx" ON "SafetyAlert"("acknowledgedAt", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "StaffUser_loginId_key" ON "StaffUser"("loginId");

-- CreateIndex
CREATE INDEX "StaffSession_staffId_idx" ON "StaffSession"("staffId");

-- CreateIndex
CREATE INDEX "StaffSession_expiresAt_idx" ON "StaffSession"("expiresAt");

-- CreateIndex
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");

-- CreateIndex
CREATE INDEX "AuditLog_residentId_at_idx" ON "AuditLog"("residentId", "at");

-- CreateIndex
CREATE INDEX "StaffNote_conversationId_createdAt_idx" ON "StaffNote"("conversationId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyResponse_conversationId_key" ON "SurveyResponse"("conversationId");
