-- AlterTable
ALTER TABLE "OutboundMessage" ADD COLUMN     "payloadDroppedAt" TIMESTAMPTZ(3),
ALTER COLUMN "payload" DROP NOT NULL;

-- AlterTable
ALTER TABLE "Push" ADD COLUMN     "payloadDroppedAt" TIMESTAMPTZ(3),
ALTER COLUMN "payload" DROP NOT NULL;

-- CreateIndex
CREATE INDEX "OutboundMessage_payloadDroppedAt_status_createdAt_idx" ON "OutboundMessage"("payloadDroppedAt", "status", "createdAt");

-- CreateIndex
CREATE INDEX "Push_payloadDroppedAt_status_createdAt_idx" ON "Push"("payloadDroppedAt", "status", "createdAt");
