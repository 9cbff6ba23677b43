-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_EmailMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT,
    "linkTokenHash" TEXT,
    "transport" TEXT NOT NULL,
    "sentAt" DATETIME,
    "error" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_EmailMessage" ("createdAt", "error", "id", "sentAt", "subject", "text", "to", "transport") SELECT "createdAt", "error", "id", "sentAt", "subject", "text", "to", "transport" FROM "EmailMessage";
DROP TABLE "EmailMessage";
ALTER TABLE "new_EmailMessage" RENAME TO "EmailMessage";
CREATE INDEX "EmailMessage_createdAt_idx" ON "EmailMessage"("createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- Messages a mail server has already taken keep only who, what and when: their links are not kept in clear.
UPDATE "EmailMessage" SET "text" = NULL WHERE "transport" = 'smtp';
