-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ReportingPeriod" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "startsOn" TEXT NOT NULL,
    "endsOn" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "lockedAt" DATETIME,
    "lockedById" TEXT,
    "snapshot" TEXT,
    "narrativeDocumentId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ReportingPeriod_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ReportingPeriod_lockedById_fkey" FOREIGN KEY ("lockedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ReportingPeriod_narrativeDocumentId_fkey" FOREIGN KEY ("narrativeDocumentId") REFERENCES "CollaborativeDocument" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_ReportingPeriod" ("createdAt", "endsOn", "id", "kind", "label", "lockedAt", "lockedById", "projectId", "snapshot", "startsOn", "status", "updatedAt") SELECT "createdAt", "endsOn", "id", "kind", "label", "lockedAt", "lockedById", "projectId", "snapshot", "startsOn", "status", "updatedAt" FROM "ReportingPeriod";
DROP TABLE "ReportingPeriod";
ALTER TABLE "new_ReportingPeriod" RENAME TO "ReportingPeriod";
CREATE UNIQUE INDEX "ReportingPeriod_narrativeDocumentId_key" ON "ReportingPeriod"("narrativeDocumentId");
CREATE UNIQUE INDEX "ReportingPeriod_projectId_startsOn_endsOn_key" ON "ReportingPeriod"("projectId", "startsOn", "endsOn");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
