-- CreateTable
CREATE TABLE "MeetingBriefing" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "meetingKey" TEXT NOT NULL,
    "workshopId" TEXT,
    "meetingOn" TEXT NOT NULL,
    "sinceOn" TEXT,
    "frozenAt" DATETIME,
    "frozenById" TEXT,
    "snapshot" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MeetingBriefing_workshopId_fkey" FOREIGN KEY ("workshopId") REFERENCES "Workshop" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "MeetingBriefing_frozenById_fkey" FOREIGN KEY ("frozenById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MeetingBriefNote" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "briefingId" TEXT NOT NULL,
    "countryId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "updatedById" TEXT,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "MeetingBriefNote_briefingId_fkey" FOREIGN KEY ("briefingId") REFERENCES "MeetingBriefing" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "MeetingBriefNote_countryId_fkey" FOREIGN KEY ("countryId") REFERENCES "Country" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "MeetingBriefNote_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "MeetingBriefing_meetingKey_key" ON "MeetingBriefing"("meetingKey");

-- CreateIndex
CREATE UNIQUE INDEX "MeetingBriefNote_briefingId_countryId_key" ON "MeetingBriefNote"("briefingId", "countryId");
