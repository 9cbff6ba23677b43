-- CreateTable
CREATE TABLE "ProjectOutcome" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "ProjectOutcome_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProjectIndicator" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "outputId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "baseline" REAL NOT NULL DEFAULT 0,
    "target" REAL NOT NULL,
    "definition" TEXT,
    "filters" TEXT NOT NULL DEFAULT '{}',
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ProjectIndicator_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProjectIndicator_outputId_fkey" FOREIGN KEY ("outputId") REFERENCES "ProjectOutput" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReportingPeriod" (
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ReportingPeriod_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ReportingPeriod_lockedById_fkey" FOREIGN KEY ("lockedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IndicatorTarget" (
    "indicatorId" TEXT NOT NULL,
    "periodId" TEXT NOT NULL,
    "target" REAL NOT NULL,

    PRIMARY KEY ("indicatorId", "periodId"),
    CONSTRAINT "IndicatorTarget_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "ProjectIndicator" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "IndicatorTarget_periodId_fkey" FOREIGN KEY ("periodId") REFERENCES "ReportingPeriod" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IndicatorValue" (
    "indicatorId" TEXT NOT NULL,
    "periodId" TEXT NOT NULL,
    "value" REAL NOT NULL,
    "evidence" TEXT NOT NULL,
    "enteredById" TEXT,
    "enteredAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("indicatorId", "periodId"),
    CONSTRAINT "IndicatorValue_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "ProjectIndicator" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "IndicatorValue_periodId_fkey" FOREIGN KEY ("periodId") REFERENCES "ReportingPeriod" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "IndicatorValue_enteredById_fkey" FOREIGN KEY ("enteredById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ProjectOutput" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "outcomeId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "ProjectOutput_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProjectOutput_outcomeId_fkey" FOREIGN KEY ("outcomeId") REFERENCES "ProjectOutcome" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
-- Each project's old outputs (a title, a metric and a target) move under one outcome per project,
-- and each becomes an output with one counted indicator carrying the old metric and target.
INSERT INTO "ProjectOutcome" ("id", "projectId", "title", "sortOrder")
SELECT DISTINCT 'outcome-' || "projectId", "projectId", 'Project outcome', 0 FROM "ProjectOutput";
INSERT INTO "new_ProjectOutput" ("id", "projectId", "outcomeId", "sortOrder", "title")
SELECT "id", "projectId", 'outcome-' || "projectId", "sortOrder", "title" FROM "ProjectOutput";
INSERT INTO "ProjectIndicator" ("id", "projectId", "outputId", "title", "unit", "baseline", "target", "definition", "filters", "sortOrder", "updatedAt")
SELECT 'indicator-' || "id", "projectId", "id", "title",
    CASE "metric" WHEN 'people_trained' THEN 'people' WHEN 'standards_completed' THEN 'standards' WHEN 'schemes_piloted' THEN 'schemes' ELSE 'workshops' END,
    0, "target",
    CASE "metric" WHEN 'people_trained' THEN 'people_trained' WHEN 'standards_completed' THEN 'milestones_completed' WHEN 'schemes_piloted' THEN 'milestones_completed' ELSE 'workshops_held' END,
    CASE "metric"
        WHEN 'people_trained' THEN '{"kinds":null,"categories":null,"countryIds":null}'
        WHEN 'standards_completed' THEN '{"stageCodes":["national_standard"],"countryIds":null}'
        WHEN 'schemes_piloted' THEN '{"stageCodes":["industry_scheme_piloted"],"countryIds":null}'
        WHEN 'study_visits' THEN '{"kinds":["study_visit"],"countryIds":null}'
        ELSE '{"kinds":["national_workshop","regional_meeting"],"countryIds":null}'
    END,
    "sortOrder", CURRENT_TIMESTAMP
FROM "ProjectOutput";
DROP TABLE "ProjectOutput";
ALTER TABLE "new_ProjectOutput" RENAME TO "ProjectOutput";
CREATE INDEX "ProjectOutput_outcomeId_sortOrder_idx" ON "ProjectOutput"("outcomeId", "sortOrder");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ProjectOutcome_projectId_sortOrder_idx" ON "ProjectOutcome"("projectId", "sortOrder");

-- CreateIndex
CREATE INDEX "ProjectIndicator_projectId_sortOrder_idx" ON "ProjectIndicator"("projectId", "sortOrder");

-- CreateIndex
CREATE UNIQUE INDEX "ReportingPeriod_projectId_startsOn_endsOn_key" ON "ReportingPeriod"("projectId", "startsOn", "endsOn");
