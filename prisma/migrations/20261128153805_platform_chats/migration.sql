-- CreateEnum
CREATE TYPE "ChatKind" AS ENUM ('GROUP', 'DIRECT');

-- CreateTable
CREATE TABLE "PlatformChat" (
    "platform" "Platform" NOT NULL,
    "chatId" TEXT NOT NULL,
    "kind" "ChatKind" NOT NULL,
    "seenAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "PlatformChat_pkey" PRIMARY KEY ("platform","chatId")
);
