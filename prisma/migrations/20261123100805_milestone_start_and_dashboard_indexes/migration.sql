-- AlterTable
ALTER TABLE "Milestone" ADD COLUMN "startedOn" TEXT;

-- CreateIndex
CREATE INDEX "AuditEvent_entityType_createdAt_idx" ON "AuditEvent"("entityType", "createdAt");

-- CreateIndex
CREATE INDEX "Milestone_sectorId_idx" ON "Milestone"("sectorId");
