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
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Workshop_hostCountryId_fkey" FOREIGN KEY ("hostCountryId") REFERENCES "Country" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Workshop_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Workshop_minutesDocumentId_fkey" FOREIGN KEY ("minutesDocumentId") REFERENCES "CollaborativeDocument" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Workshop_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Workshop" ("city", "createdAt", "createdById", "endsOn", "expectedResults", "hostCountryId", "id", "kind", "minutesDocumentId", "objectives", "organisers", "projectId", "startsOn", "timeZone", "title", "updatedAt", "venue") SELECT "city", "createdAt", "createdById", "endsOn", "expectedResults", "hostCountryId", "id", "kind", "minutesDocumentId", "objectives", "organisers", "projectId", "startsOn", "timeZone", "title", "updatedAt", "venue" FROM "Workshop";
DROP TABLE "Workshop";
ALTER TABLE "new_Workshop" RENAME TO "Workshop";
CREATE UNIQUE INDEX "Workshop_minutesDocumentId_key" ON "Workshop"("minutesDocumentId");
CREATE UNIQUE INDEX "Workshop_publicAgendaCode_key" ON "Workshop"("publicAgendaCode");
CREATE INDEX "Workshop_startsOn_idx" ON "Workshop"("startsOn");
CREATE TABLE "new_WorkshopMaterial" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workshopId" TEXT NOT NULL,
    "sessionId" TEXT,
    "title" TEXT NOT NULL,
    "url" TEXT,
    "fileId" TEXT,
    "isPublic" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "WorkshopMaterial_workshopId_fkey" FOREIGN KEY ("workshopId") REFERENCES "Workshop" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "WorkshopMaterial_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "AgendaSession" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "WorkshopMaterial_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "StoredFile" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_WorkshopMaterial" ("createdAt", "fileId", "id", "title", "url", "workshopId") SELECT "createdAt", "fileId", "id", "title", "url", "workshopId" FROM "WorkshopMaterial";
DROP TABLE "WorkshopMaterial";
ALTER TABLE "new_WorkshopMaterial" RENAME TO "WorkshopMaterial";
CREATE INDEX "WorkshopMaterial_sessionId_idx" ON "WorkshopMaterial"("sessionId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
