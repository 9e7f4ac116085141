-- CreateIndex
CREATE INDEX "AuditLog_subjectType_subjectId_at_idx" ON "AuditLog"("subjectType", "subjectId", "at");

-- CreateIndex
CREATE INDEX "CouncilEvent_startsAt_idx" ON "CouncilEvent"("startsAt");

-- CreateIndex
CREATE INDEX "DisasterCentre_drill_createdAt_idx" ON "DisasterCentre"("drill", "createdAt");
