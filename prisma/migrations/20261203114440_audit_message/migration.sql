-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN "messageKey" TEXT;
ALTER TABLE "AuditEvent" ADD COLUMN "messageParams" TEXT;
