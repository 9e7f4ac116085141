-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "WebhookEvent" (
    "id" TEXT NOT NULL,
    "lineType" TEXT NOT NULL,
    "sourceType" TEXT NOT NULL,
    "userKey" TEXT,
    "mode" TEXT NOT NULL,
    "timestamp" BIGINT NOT NULL,
    "isRedelivery" BOOLEAN NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "error" TEXT,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "processedAt" TIMESTAMP(3),

    CONSTRAINT "WebhookEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Resident" (
    "id" TEXT NOT NULL,
    "lineUserId" TEXT NOT NULL,
    "language" TEXT NOT NULL DEFAULT 'ja',
    "languageChosen" BOOLEAN NOT NULL DEFAULT false,
    "followed" BOOLEAN NOT NULL DEFAULT true,
    "followedAt" TIMESTAMP(3) NOT NULL,
    "unfollowedAt" TIMESTAMP(3),
    "consent" TEXT NOT NULL DEFAULT 'pending',
    "consentVersion" TEXT,
    "consentAt" TIMESTAMP(3),
    "districtCode" TEXT,
    "topics" TEXT NOT NULL DEFAULT '[]',
    "salons" TEXT NOT NULL DEFAULT '[]',
    "onboardedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Resident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FlowState" (
    "residentId" TEXT NOT NULL,
    "flowId" TEXT NOT NULL,
    "flowVersion" INTEGER NOT NULL,
    "step" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "stepStartedAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FlowState_pkey" PRIMARY KEY ("residentId")
);

-- CreateTable
CREATE TABLE "OutboundMessage" (
    "id" TEXT NOT NULL,
    "lineUserId" TEXT NOT NULL,
    "eventId" TEXT,
    "method" TEXT NOT NULL,
    "retryKey" TEXT,
    "messages" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "requestId" TEXT,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "sentAt" TIMESTAMP(3),
    "replyToken" TEXT,
    "replyBy" TIMESTAMP(3),
    "safety" BOOLEAN NOT NULL DEFAULT false,
    "ambiguous" BOOLEAN NOT NULL DEFAULT false,
    "nextAttemptAt" TIMESTAMP(3),
    "leaseUntil" TIMESTAMP(3),
    "pushedAfterUnknownReply" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "OutboundMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Conversation" (
    "id" TEXT NOT NULL,
    "residentId" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "urgent" BOOLEAN NOT NULL DEFAULT false,
    "teamCode" TEXT,
    "assigneeId" TEXT,
    "fromFlow" TEXT,
    "openedAt" TIMESTAMP(3) NOT NULL,
    "waitingSince" TIMESTAMP(3),
    "firstStaffReplyAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "lastMessageAt" TIMESTAMP(3) NOT NULL,
    "afterHoursNoticeOn" TEXT,
    "survey" TEXT,
    "consentedAt" TIMESTAMP(3),

    CONSTRAINT "Conversation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConversationMessage" (
    "id" TEXT NOT NULL,
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
    "lineMessageId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ConversationMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Attachment" (
    "id" TEXT NOT NULL,
    "residentId" TEXT NOT NULL,
    "lineMessageId" TEXT NOT NULL,
    "contentType" TEXT,
    "bytes" BYTEA,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Attachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Consultation" (
    "id" TEXT NOT NULL,
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
    "replyDueAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "Consultation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SafetyAlert" (
    "id" TEXT NOT NULL,
    "residentId" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "eventId" TEXT,
    "acknowledgedBy" TEXT,
    "acknowledgedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SafetyAlert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StaffUser" (
    "id" TEXT NOT NULL,
    "loginId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "teams" TEXT NOT NULL DEFAULT '[]',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "lastSignInAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StaffUser_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StaffTwoFactor" (
    "staffId" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "enabledAt" TIMESTAMP(3),
    "lastStep" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StaffTwoFactor_pkey" PRIMARY KEY ("staffId")
);

-- CreateTable
CREATE TABLE "StaffRecoveryCode" (
    "id" TEXT NOT NULL,
    "staffId" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StaffRecoveryCode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StaffSession" (
    "id" TEXT NOT NULL,
    "staffId" TEXT NOT NULL,
    "csrfToken" TEXT NOT NULL,
    "pendingSecondFactor" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StaffSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" TEXT NOT NULL,
    "staffId" TEXT,
    "action" TEXT NOT NULL,
    "subjectType" TEXT,
    "subjectId" TEXT,
    "residentId" TEXT,
    "detail" TEXT,
    "ip" TEXT,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StaffNote" (
    "id" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "staffId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StaffNote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyResponse" (
    "id" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "score" INTEGER NOT NULL,
    "comment" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SurveyResponse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Broadcast" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "targeting" TEXT NOT NULL,
    "urgent" BOOLEAN NOT NULL DEFAULT false,
    "scheduledAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'scheduled',
    "error" TEXT,
    "createdBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "targeted" INTEGER NOT NULL DEFAULT 0,
    "sent" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Broadcast_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BroadcastBatch" (
    "id" TEXT NOT NULL,
    "broadcastId" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "recipients" TEXT NOT NULL DEFAULT '[]',
    "retryKey" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "requestId" TEXT,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "BroadcastBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BroadcastDelivery" (
    "id" TEXT NOT NULL,
    "broadcastId" TEXT NOT NULL,
    "lineUserId" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "batchId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',

    CONSTRAINT "BroadcastDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CouncilEvent" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "place" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "capacity" INTEGER NOT NULL,
    "deadline" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "reminderId" TEXT,
    "createdBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CouncilEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EventRegistration" (
    "id" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "residentId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "name" TEXT NOT NULL,
    "phone" TEXT,
    "promotedBy" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EventRegistration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SalonChange" (
    "id" TEXT NOT NULL,
    "salonCode" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "start" TEXT,
    "end" TEXT,
    "note" TEXT,
    "createdBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SalonChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Volunteer" (
    "id" TEXT NOT NULL,
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
    "registeredAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "leftAt" TIMESTAMP(3),
    "erasedAt" TIMESTAMP(3),

    CONSTRAINT "Volunteer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VolunteerRequest" (
    "id" TEXT NOT NULL,
    "referenceNo" TEXT NOT NULL,
    "residentId" TEXT NOT NULL,
    "requesterType" TEXT NOT NULL,
    "orgName" TEXT,
    "kind" TEXT NOT NULL,
    "districtCode" TEXT,
    "address" TEXT,
    "location" TEXT,
    "date" TEXT NOT NULL,
    "part" TEXT NOT NULL,
    "people" INTEGER NOT NULL,
    "notes" TEXT,
    "phone" TEXT,
    "status" TEXT NOT NULL DEFAULT 'received',
    "declineReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "VolunteerRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VolunteerInvitation" (
    "id" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "volunteerId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'invited',
    "invitedBy" TEXT,
    "invitedAt" TIMESTAMP(3) NOT NULL,
    "answeredAt" TIMESTAMP(3),
    "hours" DOUBLE PRECISION,
    "report" TEXT,
    "reportedAt" TIMESTAMP(3),

    CONSTRAINT "VolunteerInvitation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DonationOffer" (
    "id" TEXT NOT NULL,
    "referenceNo" TEXT NOT NULL,
    "residentId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "purposeCode" TEXT,
    "amountYen" INTEGER,
    "description" TEXT,
    "itemSize" TEXT,
    "itemAge" TEXT,
    "itemCondition" TEXT,
    "photoAttachmentId" TEXT,
    "name" TEXT NOT NULL,
    "phone" TEXT,
    "slot" TEXT NOT NULL,
    "address" TEXT,
    "status" TEXT NOT NULL DEFAULT 'received',
    "receiptNo" TEXT,
    "receivedAt" TIMESTAMP(3),
    "staffMessage" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DonationOffer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DonationItem" (
    "id" TEXT NOT NULL,
    "offerId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "unopened" BOOLEAN,
    "bestBefore" TEXT,
    "accepted" BOOLEAN NOT NULL,
    "refusedReason" TEXT,

    CONSTRAINT "DonationItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Allocation" (
    "id" TEXT NOT NULL,
    "purposeCode" TEXT NOT NULL,
    "amountYen" INTEGER NOT NULL,
    "recipient" TEXT NOT NULL,
    "note" TEXT,
    "allocatedOn" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Allocation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WantedItem" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "note" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WantedItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DisasterCentre" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "districts" TEXT NOT NULL,
    "openedOn" TEXT NOT NULL,
    "drill" BOOLEAN NOT NULL,
    "status" TEXT NOT NULL,
    "sameDayCover" BOOLEAN NOT NULL DEFAULT false,
    "walkIns" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DisasterCentre_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PoolMember" (
    "id" TEXT NOT NULL,
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
    "joinedAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PoolMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActivityDay" (
    "id" TEXT NOT NULL,
    "centreId" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "capacity" INTEGER NOT NULL,
    "opensAt" TIMESTAMP(3) NOT NULL,
    "closesAt" TIMESTAMP(3) NOT NULL,
    "reconfirmBy" TIMESTAMP(3) NOT NULL,
    "priorities" TEXT NOT NULL,
    "backfillHours" INTEGER NOT NULL DEFAULT 3,
    "checkInCode" TEXT NOT NULL,
    "drawSeed" TEXT,
    "drawnAt" TIMESTAMP(3),
    "reminderMinutes" INTEGER,
    "heatLevel" TEXT,
    "safetyNote" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ActivityDay_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DayApplication" (
    "id" TEXT NOT NULL,
    "dayId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "position" INTEGER,
    "offeredAt" TIMESTAMP(3),
    "replyBy" TIMESTAMP(3),
    "appliedAt" TIMESTAMP(3) NOT NULL,
    "checkedInAt" TIMESTAMP(3),
    "checkedInBy" TEXT,

    CONSTRAINT "DayApplication_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Need" (
    "id" TEXT NOT NULL,
    "referenceNo" TEXT NOT NULL,
    "centreId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "statusSince" TIMESTAMP(3) NOT NULL,
    "priority" TEXT NOT NULL DEFAULT 'medium',
    "flags" TEXT NOT NULL DEFAULT '[]',
    "householdName" TEXT,
    "address" TEXT,
    "addressKey" TEXT,
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
    "districtCode" TEXT,
    "damage" TEXT NOT NULL DEFAULT '[]',
    "work" TEXT NOT NULL DEFAULT '[]',
    "workOther" TEXT,
    "households" TEXT NOT NULL DEFAULT '[]',
    "preferredDates" TEXT NOT NULL DEFAULT '[]',
    "contactMethod" TEXT NOT NULL,
    "phone" TEXT,
    "phoneKey" TEXT,
    "notes" TEXT,
    "screening" TEXT NOT NULL DEFAULT '[]',
    "surveyDecision" TEXT,
    "closedReason" TEXT,
    "referral" TEXT,
    "scheduledOn" TEXT,
    "followedUpAt" TIMESTAMP(3),
    "mergedIntoId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Need_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NeedReport" (
    "id" TEXT NOT NULL,
    "needId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "relation" TEXT NOT NULL,
    "residentId" TEXT,
    "reporterName" TEXT,
    "reporterPhone" TEXT,
    "staffId" TEXT,
    "content" TEXT NOT NULL,
    "photoIds" TEXT NOT NULL DEFAULT '[]',
    "suspects" TEXT NOT NULL DEFAULT '[]',
    "reviewedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NeedReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NeedEvent" (
    "id" TEXT NOT NULL,
    "needId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "from" TEXT,
    "to" TEXT,
    "note" TEXT,
    "staffId" TEXT,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NeedEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Team" (
    "id" TEXT NOT NULL,
    "centreId" TEXT NOT NULL,
    "needId" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "equipment" TEXT NOT NULL DEFAULT '[]',
    "missingEquipment" TEXT NOT NULL DEFAULT '[]',
    "dispatchedAt" TIMESTAMP(3) NOT NULL,
    "backAt" TIMESTAMP(3),
    "lastReminderAt" TIMESTAMP(3),
    "overdueAt" TIMESTAMP(3),
    "createdBy" TEXT,

    CONSTRAINT "Team_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TeamMember" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "leader" BOOLEAN NOT NULL DEFAULT false,
    "hours" DOUBLE PRECISION,
    "personHours" DOUBLE PRECISION,

    CONSTRAINT "TeamMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EquipmentKind" (
    "id" TEXT NOT NULL,
    "centreId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "EquipmentKind_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FieldReport" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "needId" TEXT NOT NULL,
    "back" BOOLEAN NOT NULL,
    "people" INTEGER NOT NULL,
    "hours" DOUBLE PRECISION NOT NULL,
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
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FieldReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FieldAlert" (
    "id" TEXT NOT NULL,
    "centreId" TEXT NOT NULL,
    "teamId" TEXT,
    "memberId" TEXT,
    "residentId" TEXT,
    "raisedAt" TIMESTAMP(3) NOT NULL,
    "acknowledgedAt" TIMESTAMP(3),
    "acknowledgedBy" TEXT,

    CONSTRAINT "FieldAlert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FaqEntry" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FaqEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FaqSynonym" (
    "id" TEXT NOT NULL,
    "term" TEXT NOT NULL,
    "means" TEXT NOT NULL,
    "createdBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FaqSynonym_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FaqQuestion" (
    "id" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "normalized" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "residentId" TEXT,
    "outcome" TEXT NOT NULL,
    "entryId" TEXT,
    "feedback" TEXT,
    "staffAnswer" TEXT,
    "resolvedAt" TIMESTAMP(3),
    "resolvedBy" TEXT,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FaqQuestion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Complaint" (
    "id" TEXT NOT NULL,
    "referenceNo" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "contact" TEXT NOT NULL,
    "phone" TEXT,
    "residentId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'new',
    "notes" TEXT,
    "outcome" TEXT,
    "outcomeToldAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Complaint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DataRequest" (
    "id" TEXT NOT NULL,
    "residentId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "at" TIMESTAMP(3) NOT NULL,
    "doneAt" TIMESTAMP(3),
    "doneBy" TEXT,

    CONSTRAINT "DataRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ResidentErasure" (
    "residentId" TEXT NOT NULL,
    "marker" TEXT NOT NULL,
    "staffId" TEXT,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ResidentErasure_pkey" PRIMARY KEY ("residentId")
);

-- CreateTable
CREATE TABLE "TopicConsent" (
    "id" TEXT NOT NULL,
    "residentId" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TopicConsent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Referral" (
    "id" TEXT NOT NULL,
    "consultationId" TEXT NOT NULL,
    "partnerCode" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "consentId" TEXT,
    "consentVersion" TEXT,
    "staffId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "answeredAt" TIMESTAMP(3),

    CONSTRAINT "Referral_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HousekeepingRun" (
    "id" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3) NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "removed" TEXT NOT NULL,
    "pagesFreed" INTEGER NOT NULL DEFAULT 0,
    "pageSize" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,

    CONSTRAINT "HousekeepingRun_pkey" PRIMARY KEY ("id")
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
CREATE INDEX "Resident_followedAt_idx" ON "Resident"("followedAt");

-- CreateIndex
CREATE INDEX "Resident_unfollowedAt_idx" ON "Resident"("unfollowedAt");

-- CreateIndex
CREATE UNIQUE INDEX "OutboundMessage_retryKey_key" ON "OutboundMessage"("retryKey");

-- CreateIndex
CREATE INDEX "OutboundMessage_status_createdAt_idx" ON "OutboundMessage"("status", "createdAt");

-- CreateIndex
CREATE INDEX "OutboundMessage_status_nextAttemptAt_idx" ON "OutboundMessage"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutboundMessage_lineUserId_createdAt_idx" ON "OutboundMessage"("lineUserId", "createdAt");

-- CreateIndex
CREATE INDEX "OutboundMessage_eventId_idx" ON "OutboundMessage"("eventId");

-- CreateIndex
CREATE INDEX "OutboundMessage_status_method_sentAt_idx" ON "OutboundMessage"("status", "method", "sentAt");

-- CreateIndex
CREATE INDEX "Conversation_owner_urgent_waitingSince_idx" ON "Conversation"("owner", "urgent", "waitingSince");

-- CreateIndex
CREATE INDEX "Conversation_residentId_owner_idx" ON "Conversation"("residentId", "owner");

-- CreateIndex
CREATE INDEX "Conversation_assigneeId_owner_idx" ON "Conversation"("assigneeId", "owner");

-- CreateIndex
CREATE INDEX "Conversation_owner_closedAt_idx" ON "Conversation"("owner", "closedAt");

-- CreateIndex
CREATE INDEX "Conversation_openedAt_idx" ON "Conversation"("openedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ConversationMessage_attachmentId_key" ON "ConversationMessage"("attachmentId");

-- CreateIndex
CREATE INDEX "ConversationMessage_conversationId_createdAt_idx" ON "ConversationMessage"("conversationId", "createdAt");

-- CreateIndex
CREATE INDEX "ConversationMessage_lineMessageId_idx" ON "ConversationMessage"("lineMessageId");

-- CreateIndex
CREATE INDEX "ConversationMessage_outboundId_idx" ON "ConversationMessage"("outboundId");

-- CreateIndex
CREATE UNIQUE INDEX "Attachment_lineMessageId_key" ON "Attachment"("lineMessageId");

-- CreateIndex
CREATE UNIQUE INDEX "Consultation_referenceNo_key" ON "Consultation"("referenceNo");

-- CreateIndex
CREATE INDEX "Consultation_status_teamCode_createdAt_idx" ON "Consultation"("status", "teamCode", "createdAt");

-- CreateIndex
CREATE INDEX "Consultation_conversationId_createdAt_idx" ON "Consultation"("conversationId", "createdAt");

-- CreateIndex
CREATE INDEX "Consultation_createdAt_idx" ON "Consultation"("createdAt");

-- CreateIndex
CREATE INDEX "SafetyAlert_acknowledgedAt_createdAt_idx" ON "SafetyAlert"("acknowledgedAt", "createdAt");

-- CreateIndex
CREATE INDEX "SafetyAlert_conversationId_idx" ON "SafetyAlert"("conversationId");

-- CreateIndex
CREATE INDEX "SafetyAlert_createdAt_idx" ON "SafetyAlert"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "StaffUser_loginId_key" ON "StaffUser"("loginId");

-- CreateIndex
CREATE INDEX "StaffRecoveryCode_staffId_idx" ON "StaffRecoveryCode"("staffId");

-- CreateIndex
CREATE INDEX "StaffSession_staffId_idx" ON "StaffSession"("staffId");

-- CreateIndex
CREATE INDEX "StaffSession_expiresAt_idx" ON "StaffSession"("expiresAt");

-- CreateIndex
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");

-- CreateIndex
CREATE INDEX "AuditLog_residentId_at_idx" ON "AuditLog"("residentId", "at");

-- CreateIndex
CREATE INDEX "AuditLog_staffId_at_idx" ON "AuditLog"("staffId", "at");

-- CreateIndex
CREATE INDEX "AuditLog_action_at_idx" ON "AuditLog"("action", "at");

-- CreateIndex
CREATE INDEX "AuditLog_subjectType_subjectId_at_idx" ON "AuditLog"("subjectType", "subjectId", "at");

-- CreateIndex
CREATE INDEX "StaffNote_conversationId_createdAt_idx" ON "StaffNote"("conversationId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyResponse_conversationId_key" ON "SurveyResponse"("conversationId");

-- CreateIndex
CREATE INDEX "SurveyResponse_createdAt_idx" ON "SurveyResponse"("createdAt");

-- CreateIndex
CREATE INDEX "Broadcast_status_scheduledAt_idx" ON "Broadcast"("status", "scheduledAt");

-- CreateIndex
CREATE INDEX "Broadcast_startedAt_idx" ON "Broadcast"("startedAt");

-- CreateIndex
CREATE INDEX "Broadcast_kind_scheduledAt_idx" ON "Broadcast"("kind", "scheduledAt");

-- CreateIndex
CREATE INDEX "Broadcast_scheduledAt_idx" ON "Broadcast"("scheduledAt");

-- CreateIndex
CREATE UNIQUE INDEX "BroadcastBatch_retryKey_key" ON "BroadcastBatch"("retryKey");

-- CreateIndex
CREATE INDEX "BroadcastBatch_broadcastId_status_idx" ON "BroadcastBatch"("broadcastId", "status");

-- CreateIndex
CREATE INDEX "BroadcastBatch_status_createdAt_idx" ON "BroadcastBatch"("status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "BroadcastDelivery_broadcastId_lineUserId_key" ON "BroadcastDelivery"("broadcastId", "lineUserId");

-- CreateIndex
CREATE INDEX "CouncilEvent_status_startsAt_idx" ON "CouncilEvent"("status", "startsAt");

-- CreateIndex
CREATE INDEX "CouncilEvent_startsAt_idx" ON "CouncilEvent"("startsAt");

-- CreateIndex
CREATE INDEX "EventRegistration_eventId_status_at_idx" ON "EventRegistration"("eventId", "status", "at");

-- CreateIndex
CREATE UNIQUE INDEX "EventRegistration_eventId_residentId_key" ON "EventRegistration"("eventId", "residentId");

-- CreateIndex
CREATE INDEX "SalonChange_date_idx" ON "SalonChange"("date");

-- CreateIndex
CREATE UNIQUE INDEX "Volunteer_residentId_key" ON "Volunteer"("residentId");

-- CreateIndex
CREATE INDEX "Volunteer_status_idx" ON "Volunteer"("status");

-- CreateIndex
CREATE INDEX "Volunteer_status_registeredAt_idx" ON "Volunteer"("status", "registeredAt");

-- CreateIndex
CREATE UNIQUE INDEX "VolunteerRequest_referenceNo_key" ON "VolunteerRequest"("referenceNo");

-- CreateIndex
CREATE INDEX "VolunteerRequest_status_date_idx" ON "VolunteerRequest"("status", "date");

-- CreateIndex
CREATE INDEX "VolunteerRequest_date_idx" ON "VolunteerRequest"("date");

-- CreateIndex
CREATE INDEX "VolunteerInvitation_volunteerId_invitedAt_idx" ON "VolunteerInvitation"("volunteerId", "invitedAt");

-- CreateIndex
CREATE UNIQUE INDEX "VolunteerInvitation_requestId_volunteerId_key" ON "VolunteerInvitation"("requestId", "volunteerId");

-- CreateIndex
CREATE UNIQUE INDEX "DonationOffer_referenceNo_key" ON "DonationOffer"("referenceNo");

-- CreateIndex
CREATE UNIQUE INDEX "DonationOffer_receiptNo_key" ON "DonationOffer"("receiptNo");

-- CreateIndex
CREATE INDEX "DonationOffer_status_createdAt_idx" ON "DonationOffer"("status", "createdAt");

-- CreateIndex
CREATE INDEX "DonationOffer_residentId_idx" ON "DonationOffer"("residentId");

-- CreateIndex
CREATE INDEX "DonationOffer_receivedAt_idx" ON "DonationOffer"("receivedAt");

-- CreateIndex
CREATE INDEX "DonationOffer_createdAt_idx" ON "DonationOffer"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "DonationItem_offerId_position_key" ON "DonationItem"("offerId", "position");

-- CreateIndex
CREATE INDEX "Allocation_allocatedOn_idx" ON "Allocation"("allocatedOn");

-- CreateIndex
CREATE INDEX "WantedItem_active_createdAt_idx" ON "WantedItem"("active", "createdAt");

-- CreateIndex
CREATE INDEX "DisasterCentre_status_idx" ON "DisasterCentre"("status");

-- CreateIndex
CREATE INDEX "DisasterCentre_drill_createdAt_idx" ON "DisasterCentre"("drill", "createdAt");

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

-- CreateIndex
CREATE UNIQUE INDEX "Need_referenceNo_key" ON "Need"("referenceNo");

-- CreateIndex
CREATE INDEX "Need_centreId_status_statusSince_idx" ON "Need"("centreId", "status", "statusSince");

-- CreateIndex
CREATE INDEX "Need_addressKey_idx" ON "Need"("addressKey");

-- CreateIndex
CREATE INDEX "Need_phoneKey_idx" ON "Need"("phoneKey");

-- CreateIndex
CREATE INDEX "Need_latitude_longitude_idx" ON "Need"("latitude", "longitude");

-- CreateIndex
CREATE INDEX "NeedReport_needId_idx" ON "NeedReport"("needId");

-- CreateIndex
CREATE INDEX "NeedReport_residentId_idx" ON "NeedReport"("residentId");

-- CreateIndex
CREATE INDEX "NeedEvent_needId_at_idx" ON "NeedEvent"("needId", "at");

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

-- CreateIndex
CREATE UNIQUE INDEX "FaqEntry_seedCode_key" ON "FaqEntry"("seedCode");

-- CreateIndex
CREATE INDEX "FaqEntry_active_idx" ON "FaqEntry"("active");

-- CreateIndex
CREATE INDEX "FaqEntry_updatedAt_idx" ON "FaqEntry"("updatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "FaqSynonym_term_key" ON "FaqSynonym"("term");

-- CreateIndex
CREATE INDEX "FaqQuestion_outcome_resolvedAt_at_idx" ON "FaqQuestion"("outcome", "resolvedAt", "at");

-- CreateIndex
CREATE INDEX "FaqQuestion_at_idx" ON "FaqQuestion"("at");

-- CreateIndex
CREATE UNIQUE INDEX "Complaint_referenceNo_key" ON "Complaint"("referenceNo");

-- CreateIndex
CREATE INDEX "Complaint_status_createdAt_idx" ON "Complaint"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Complaint_createdAt_idx" ON "Complaint"("createdAt");

-- CreateIndex
CREATE INDEX "DataRequest_status_at_idx" ON "DataRequest"("status", "at");

-- CreateIndex
CREATE INDEX "DataRequest_residentId_idx" ON "DataRequest"("residentId");

-- CreateIndex
CREATE UNIQUE INDEX "ResidentErasure_marker_key" ON "ResidentErasure"("marker");

-- CreateIndex
CREATE INDEX "TopicConsent_residentId_topic_at_idx" ON "TopicConsent"("residentId", "topic", "at");

-- CreateIndex
CREATE INDEX "Referral_consultationId_createdAt_idx" ON "Referral"("consultationId", "createdAt");

-- CreateIndex
CREATE INDEX "HousekeepingRun_startedAt_idx" ON "HousekeepingRun"("startedAt");

-- AddForeignKey
ALTER TABLE "FlowState" ADD CONSTRAINT "FlowState_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Conversation" ADD CONSTRAINT "Conversation_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Conversation" ADD CONSTRAINT "Conversation_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConversationMessage" ADD CONSTRAINT "ConversationMessage_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConversationMessage" ADD CONSTRAINT "ConversationMessage_attachmentId_fkey" FOREIGN KEY ("attachmentId") REFERENCES "Attachment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Consultation" ADD CONSTRAINT "Consultation_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Consultation" ADD CONSTRAINT "Consultation_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SafetyAlert" ADD CONSTRAINT "SafetyAlert_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffTwoFactor" ADD CONSTRAINT "StaffTwoFactor_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "StaffUser"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffRecoveryCode" ADD CONSTRAINT "StaffRecoveryCode_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "StaffUser"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffSession" ADD CONSTRAINT "StaffSession_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "StaffUser"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffNote" ADD CONSTRAINT "StaffNote_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffNote" ADD CONSTRAINT "StaffNote_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "StaffUser"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyResponse" ADD CONSTRAINT "SurveyResponse_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BroadcastBatch" ADD CONSTRAINT "BroadcastBatch_broadcastId_fkey" FOREIGN KEY ("broadcastId") REFERENCES "Broadcast"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BroadcastDelivery" ADD CONSTRAINT "BroadcastDelivery_broadcastId_fkey" FOREIGN KEY ("broadcastId") REFERENCES "Broadcast"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BroadcastDelivery" ADD CONSTRAINT "BroadcastDelivery_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "BroadcastBatch"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventRegistration" ADD CONSTRAINT "EventRegistration_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "CouncilEvent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventRegistration" ADD CONSTRAINT "EventRegistration_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Volunteer" ADD CONSTRAINT "Volunteer_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VolunteerRequest" ADD CONSTRAINT "VolunteerRequest_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VolunteerInvitation" ADD CONSTRAINT "VolunteerInvitation_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "VolunteerRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VolunteerInvitation" ADD CONSTRAINT "VolunteerInvitation_volunteerId_fkey" FOREIGN KEY ("volunteerId") REFERENCES "Volunteer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DonationOffer" ADD CONSTRAINT "DonationOffer_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DonationItem" ADD CONSTRAINT "DonationItem_offerId_fkey" FOREIGN KEY ("offerId") REFERENCES "DonationOffer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PoolMember" ADD CONSTRAINT "PoolMember_centreId_fkey" FOREIGN KEY ("centreId") REFERENCES "DisasterCentre"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivityDay" ADD CONSTRAINT "ActivityDay_centreId_fkey" FOREIGN KEY ("centreId") REFERENCES "DisasterCentre"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DayApplication" ADD CONSTRAINT "DayApplication_dayId_fkey" FOREIGN KEY ("dayId") REFERENCES "ActivityDay"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DayApplication" ADD CONSTRAINT "DayApplication_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "PoolMember"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Need" ADD CONSTRAINT "Need_centreId_fkey" FOREIGN KEY ("centreId") REFERENCES "DisasterCentre"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NeedReport" ADD CONSTRAINT "NeedReport_needId_fkey" FOREIGN KEY ("needId") REFERENCES "Need"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NeedEvent" ADD CONSTRAINT "NeedEvent_needId_fkey" FOREIGN KEY ("needId") REFERENCES "Need"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Team" ADD CONSTRAINT "Team_centreId_fkey" FOREIGN KEY ("centreId") REFERENCES "DisasterCentre"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Team" ADD CONSTRAINT "Team_needId_fkey" FOREIGN KEY ("needId") REFERENCES "Need"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TeamMember" ADD CONSTRAINT "TeamMember_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TeamMember" ADD CONSTRAINT "TeamMember_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "PoolMember"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EquipmentKind" ADD CONSTRAINT "EquipmentKind_centreId_fkey" FOREIGN KEY ("centreId") REFERENCES "DisasterCentre"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FieldReport" ADD CONSTRAINT "FieldReport_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FieldAlert" ADD CONSTRAINT "FieldAlert_centreId_fkey" FOREIGN KEY ("centreId") REFERENCES "DisasterCentre"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FieldAlert" ADD CONSTRAINT "FieldAlert_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FaqQuestion" ADD CONSTRAINT "FaqQuestion_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "FaqEntry"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Complaint" ADD CONSTRAINT "Complaint_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TopicConsent" ADD CONSTRAINT "TopicConsent_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Referral" ADD CONSTRAINT "Referral_consultationId_fkey" FOREIGN KEY ("consultationId") REFERENCES "Consultation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
