-- CreateTable
CREATE TABLE "PlatformTask" (
    "id" TEXT NOT NULL,
    "platform" "Platform" NOT NULL,
    "personId" TEXT NOT NULL,
    "dutyKey" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "dueOn" DATE NOT NULL,
    "done" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "PlatformTask_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PlatformTask_platform_personId_dutyKey_key" ON "PlatformTask"("platform", "personId", "dutyKey");

-- CreateIndex
CREATE INDEX "PlatformTask_personId_idx" ON "PlatformTask"("personId");

-- AddForeignKey
ALTER TABLE "PlatformTask" ADD CONSTRAINT "PlatformTask_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
