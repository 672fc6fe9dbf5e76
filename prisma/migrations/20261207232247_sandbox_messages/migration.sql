-- CreateTable
CREATE TABLE "SandboxMessage" (
    "seq" SERIAL NOT NULL,
    "id" TEXT NOT NULL,
    "chat" TEXT NOT NULL,
    "fromPerson" TEXT,
    "fromName" TEXT,
    "text" TEXT,
    "cardHtml" TEXT,
    "uuid" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SandboxMessage_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE UNIQUE INDEX "SandboxMessage_id_key" ON "SandboxMessage"("id");

-- CreateIndex
CREATE UNIQUE INDEX "SandboxMessage_uuid_key" ON "SandboxMessage"("uuid");

-- CreateIndex
CREATE INDEX "SandboxMessage_chat_seq_idx" ON "SandboxMessage"("chat", "seq");

-- CreateIndex
CREATE INDEX "SandboxMessage_at_idx" ON "SandboxMessage"("at");
