-- AlterTable
ALTER TABLE "User" ADD COLUMN "homeChangesSince" DATETIME;
ALTER TABLE "User" ADD COLUMN "homeSeenAt" DATETIME;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ActionItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "planId" TEXT NOT NULL,
    "activity" TEXT NOT NULL,
    "leadAgency" TEXT NOT NULL DEFAULT '',
    "startsOn" TEXT,
    "dueOn" TEXT,
    "status" TEXT NOT NULL DEFAULT 'not_started',
    "progress" INTEGER NOT NULL DEFAULT 0,
    "indicator" TEXT NOT NULL DEFAULT '',
    "milestoneId" TEXT,
    "projectId" TEXT,
    "sourceOutcomeId" TEXT,
    "sourceNote" TEXT NOT NULL DEFAULT '',
    "ownerId" TEXT,
    "progressNote" TEXT NOT NULL DEFAULT '',
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "updatedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ActionItem_planId_fkey" FOREIGN KEY ("planId") REFERENCES "ActionPlan" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ActionItem_milestoneId_fkey" FOREIGN KEY ("milestoneId") REFERENCES "Milestone" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ActionItem_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ActionItem_sourceOutcomeId_fkey" FOREIGN KEY ("sourceOutcomeId") REFERENCES "Outcome" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ActionItem_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ActionItem_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_ActionItem" ("activity", "createdAt", "dueOn", "id", "indicator", "leadAgency", "milestoneId", "planId", "progress", "projectId", "sortOrder", "sourceNote", "sourceOutcomeId", "startsOn", "status", "updatedAt", "updatedById") SELECT "activity", "createdAt", "dueOn", "id", "indicator", "leadAgency", "milestoneId", "planId", "progress", "projectId", "sortOrder", "sourceNote", "sourceOutcomeId", "startsOn", "status", "updatedAt", "updatedById" FROM "ActionItem";
DROP TABLE "ActionItem";
ALTER TABLE "new_ActionItem" RENAME TO "ActionItem";
CREATE INDEX "ActionItem_planId_sortOrder_idx" ON "ActionItem"("planId", "sortOrder");
CREATE INDEX "ActionItem_milestoneId_idx" ON "ActionItem"("milestoneId");
CREATE INDEX "ActionItem_ownerId_idx" ON "ActionItem"("ownerId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
