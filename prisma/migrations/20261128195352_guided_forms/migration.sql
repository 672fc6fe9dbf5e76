-- CreateTable
CREATE TABLE "GuidedForm" (
    "id" TEXT NOT NULL,
    "platform" "Platform" NOT NULL,
    "userKey" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "inputs" JSONB NOT NULL,
    "submit" JSONB NOT NULL,
    "answers" JSONB NOT NULL,
    "step" INTEGER NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "GuidedForm_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "GuidedForm_platform_userKey_key" ON "GuidedForm"("platform", "userKey");
