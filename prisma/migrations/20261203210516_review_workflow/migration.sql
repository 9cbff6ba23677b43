-- CreateTable
CREATE TABLE "PlanReturn" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "planId" TEXT NOT NULL,
    "remark" TEXT NOT NULL,
    "openThreads" INTEGER NOT NULL DEFAULT 0,
    "returnedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PlanReturn_planId_fkey" FOREIGN KEY ("planId") REFERENCES "ActionPlan" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PlanReturn_returnedById_fkey" FOREIGN KEY ("returnedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Workshop" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "hostCountryId" TEXT,
    "venue" TEXT NOT NULL DEFAULT '',
    "city" TEXT NOT NULL DEFAULT '',
    "timeZone" TEXT NOT NULL,
    "startsOn" TEXT NOT NULL,
    "endsOn" TEXT NOT NULL,
    "organisers" TEXT NOT NULL DEFAULT '',
    "objectives" TEXT NOT NULL DEFAULT '',
    "expectedResults" TEXT NOT NULL DEFAULT '',
    "projectId" TEXT,
    "minutesDocumentId" TEXT,
    "publicAgendaOn" BOOLEAN NOT NULL DEFAULT false,
    "publicAgendaCode" TEXT,
    "minutesStatus" TEXT NOT NULL DEFAULT 'draft',
    "minutesCirculatedAt" DATETIME,
    "minutesAdoptedAt" DATETIME,
    "minutesAdoptedById" TEXT,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Workshop_hostCountryId_fkey" FOREIGN KEY ("hostCountryId") REFERENCES "Country" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Workshop_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Workshop_minutesDocumentId_fkey" FOREIGN KEY ("minutesDocumentId") REFERENCES "CollaborativeDocument" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Workshop_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Workshop_minutesAdoptedById_fkey" FOREIGN KEY ("minutesAdoptedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Workshop" ("city", "createdAt", "createdById", "endsOn", "expectedResults", "hostCountryId", "id", "kind", "minutesDocumentId", "objectives", "organisers", "projectId", "publicAgendaCode", "publicAgendaOn", "startsOn", "timeZone", "title", "updatedAt", "venue") SELECT "city", "createdAt", "createdById", "endsOn", "expectedResults", "hostCountryId", "id", "kind", "minutesDocumentId", "objectives", "organisers", "projectId", "publicAgendaCode", "publicAgendaOn", "startsOn", "timeZone", "title", "updatedAt", "venue" FROM "Workshop";
DROP TABLE "Workshop";
ALTER TABLE "new_Workshop" RENAME TO "Workshop";
CREATE UNIQUE INDEX "Workshop_minutesDocumentId_key" ON "Workshop"("minutesDocumentId");
CREATE UNIQUE INDEX "Workshop_publicAgendaCode_key" ON "Workshop"("publicAgendaCode");
CREATE INDEX "Workshop_startsOn_idx" ON "Workshop"("startsOn");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "PlanReturn_planId_createdAt_idx" ON "PlanReturn"("planId", "createdAt");
