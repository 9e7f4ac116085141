-- CreateIndex
CREATE INDEX "AuditLog_subjectType_subjectId_at_idx" ON "AuditLog"("subjectType", "subjectId", "at");

-- CreateIndex
CREATE INDEX "Broadcast_kind_scheduledAt_idx" ON "Broadcast"("kind", "scheduledAt");

-- CreateIndex
CREATE INDEX "Broadcast_scheduledAt_idx" ON "Broadcast"("scheduledAt");

-- CreateIndex
CREATE INDEX "CouncilEvent_startsAt_idx" ON "CouncilEvent"("startsAt");

-- CreateIndex
CREATE INDEX "DisasterCentre_drill_createdAt_idx" ON "DisasterCentre"("drill", "createdAt");

-- CreateIndex
CREATE INDEX "FaqEntry_updatedAt_idx" ON "FaqEntry"("updatedAt");
