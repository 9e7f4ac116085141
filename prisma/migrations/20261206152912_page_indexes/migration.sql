-- CreateIndex
CREATE INDEX "AuditLog_staffId_at_idx" ON "AuditLog"("staffId", "at");

-- CreateIndex
CREATE INDEX "AuditLog_action_at_idx" ON "AuditLog"("action", "at");

-- CreateIndex
CREATE INDEX "Broadcast_startedAt_idx" ON "Broadcast"("startedAt");

-- CreateIndex
CREATE INDEX "Consultation_conversationId_createdAt_idx" ON "Consultation"("conversationId", "createdAt");

-- CreateIndex
CREATE INDEX "Consultation_createdAt_idx" ON "Consultation"("createdAt");

-- CreateIndex
CREATE INDEX "Conversation_owner_closedAt_idx" ON "Conversation"("owner", "closedAt");

-- CreateIndex
CREATE INDEX "Conversation_openedAt_idx" ON "Conversation"("openedAt");

-- CreateIndex
CREATE INDEX "DonationOffer_createdAt_idx" ON "DonationOffer"("createdAt");

-- CreateIndex
CREATE INDEX "OutboundMessage_status_method_sentAt_idx" ON "OutboundMessage"("status", "method", "sentAt");

-- CreateIndex
CREATE INDEX "Resident_followedAt_idx" ON "Resident"("followedAt");

-- CreateIndex
CREATE INDEX "Resident_unfollowedAt_idx" ON "Resident"("unfollowedAt");

-- CreateIndex
CREATE INDEX "SafetyAlert_createdAt_idx" ON "SafetyAlert"("createdAt");

-- CreateIndex
CREATE INDEX "SurveyResponse_createdAt_idx" ON "SurveyResponse"("createdAt");

-- CreateIndex
CREATE INDEX "Volunteer_status_registeredAt_idx" ON "Volunteer"("status", "registeredAt");

-- CreateIndex
CREATE INDEX "VolunteerRequest_date_idx" ON "VolunteerRequest"("date");
