-- AlterTable
ALTER TABLE "Participant" ADD COLUMN "invitationSentAt" DATETIME;
ALTER TABLE "Participant" ADD COLUMN "reminderSentAt" DATETIME;
