-- CreateEnum
CREATE TYPE "PushStatus" AS ENUM ('PENDING', 'SENT', 'FAILED', 'CANCELLED');

-- CreateTable
CREATE TABLE "Push" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "urgency" TEXT NOT NULL,
    "caseId" TEXT,
    "payload" JSONB NOT NULL,
    "dueAt" TIMESTAMPTZ(3) NOT NULL,
    "status" "PushStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMPTZ(3),

    CONSTRAINT "Push_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Push_key_key" ON "Push"("key");

-- CreateIndex
CREATE INDEX "Push_status_dueAt_idx" ON "Push"("status", "dueAt");

-- CreateIndex
CREATE INDEX "Push_personId_createdAt_idx" ON "Push"("personId", "createdAt");

-- AddForeignKey
ALTER TABLE "Push" ADD CONSTRAINT "Push_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
