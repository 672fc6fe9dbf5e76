-- AlterTable
ALTER TABLE "ReceptionDay" ADD COLUMN     "logNote" TEXT,
ADD COLUMN     "loggedAt" TIMESTAMPTZ(3),
ADD COLUMN     "loggedById" TEXT,
ADD COLUMN     "summary" TEXT,
ADD COLUMN     "visitors" INTEGER;
