-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('PRINCIPAL_LEADER', 'TOWN_LEADER', 'OFFICE_STAFF', 'APPROVER', 'UNIT_HEAD', 'CADRE', 'AREA_LEADER', 'VILLAGE_STATIONED_CADRE', 'VILLAGE_CADRE', 'SENTIMENT_COLLECTOR', 'DISCIPLINE_INSPECTOR', 'ADMIN');

-- CreateEnum
CREATE TYPE "UnitKind" AS ENUM ('OFFICE', 'DEPARTMENT', 'VILLAGE_COMMITTEE', 'DISCIPLINE', 'OTHER');

-- CreateEnum
CREATE TYPE "VillageRelation" AS ENUM ('STATIONED', 'CADRE', 'COLLECTOR');

-- CreateEnum
CREATE TYPE "Platform" AS ENUM ('LARK', 'DINGTALK', 'SANDBOX');

-- CreateEnum
CREATE TYPE "CaseSource" AS ENUM ('VISIT', 'LETTER', 'ONLINE', 'PHONE', 'RECEPTION_DAY', 'LEADER_VISIT', 'REFERRED', 'SENTIMENT', 'SCREENING');

-- CreateEnum
CREATE TYPE "CaseStatus" AS ENUM ('REGISTERED', 'AWAITING_OWNER', 'AWAITING_APPROVAL', 'IN_PROGRESS', 'EXTENDED', 'RESOLVED', 'FOLLOWED_UP', 'ARCHIVED', 'RETURNED');

-- CreateEnum
CREATE TYPE "Complexity" AS ENUM ('SIMPLE', 'GENERAL', 'COMPLEX');

-- CreateEnum
CREATE TYPE "Classification" AS ENUM ('SUGGESTION', 'ACCUSATION', 'CLAIM');

-- CreateEnum
CREATE TYPE "StabilityAssessment" AS ENUM ('STABLE', 'RISK_REMAINS');

-- CreateEnum
CREATE TYPE "ReportingCadence" AS ENUM ('DAILY', 'WEEKLY', 'BIWEEKLY', 'MONTHLY');

-- CreateEnum
CREATE TYPE "ProposalKind" AS ENUM ('INITIAL', 'TRANSFER');

-- CreateEnum
CREATE TYPE "ProposalStatus" AS ENUM ('PENDING', 'APPROVED', 'RETURNED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "ProgressTag" AS ENUM ('OWNING', 'INVESTIGATION', 'IMPLEMENTATION', 'STABILITY');

-- CreateEnum
CREATE TYPE "DecisionStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED');

-- CreateEnum
CREATE TYPE "ReviewKind" AS ENUM ('REVIEW', 'RE_REVIEW');

-- CreateEnum
CREATE TYPE "Rating" AS ENUM ('SATISFIED', 'BASICALLY_SATISFIED', 'UNSATISFIED', 'NOT_RATED');

-- CreateEnum
CREATE TYPE "StatementKind" AS ENUM ('OVERDUE_EXPLANATION', 'RECEPTION_REPORT', 'SELF_CRITICISM');

-- CreateEnum
CREATE TYPE "ScreeningKind" AS ENUM ('REGULAR', 'SENSITIVE');

-- CreateEnum
CREATE TYPE "AlertKind" AS ENUM ('MAJOR_EVENT', 'DANGER_LETTER', 'ABNORMAL_PETITION', 'SENTIMENT');

-- CreateEnum
CREATE TYPE "AlertStatus" AS ENUM ('OPEN', 'CLOSED');

-- CreateEnum
CREATE TYPE "AckStage" AS ENUM ('NONE', 'RECEIVED', 'ON_THE_WAY', 'ON_SITE');

-- CreateEnum
CREATE TYPE "PersuasionOutcome" AS ENUM ('IN_PROGRESS', 'RETURNED', 'NOT_RETURNED');

-- CreateTable
CREATE TABLE "Area" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "leaderId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Area_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Village" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "areaId" TEXT NOT NULL,
    "linkedLeaderId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Village_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Unit" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "UnitKind" NOT NULL,
    "villageId" TEXT,
    "headId" TEXT,
    "leaderInChargeId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Unit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Person" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "title" TEXT,
    "mobile" TEXT,
    "email" TEXT,
    "unitId" TEXT,
    "roles" "Role"[],
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PersonVillage" (
    "personId" TEXT NOT NULL,
    "villageId" TEXT NOT NULL,
    "relation" "VillageRelation" NOT NULL,

    CONSTRAINT "PersonVillage_pkey" PRIMARY KEY ("personId","villageId","relation")
);

-- CreateTable
CREATE TABLE "PlatformIdentity" (
    "id" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "platform" "Platform" NOT NULL,
    "openId" TEXT,
    "userId" TEXT,
    "unionId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PlatformIdentity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseNumberCounter" (
    "year" INTEGER NOT NULL,
    "last" INTEGER NOT NULL,

    CONSTRAINT "CaseNumberCounter_pkey" PRIMARY KEY ("year")
);

-- CreateTable
CREATE TABLE "Case" (
    "id" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "source" "CaseSource" NOT NULL,
    "category" TEXT,
    "complexity" "Complexity" NOT NULL DEFAULT 'GENERAL',
    "classification" "Classification",
    "status" "CaseStatus" NOT NULL DEFAULT 'REGISTERED',
    "receivedAt" TIMESTAMPTZ(3) NOT NULL,
    "villageId" TEXT,
    "headcount" INTEGER NOT NULL DEFAULT 1,
    "ownershipReasons" TEXT[],
    "dangerFlags" TEXT[],
    "beijingPetition" BOOLEAN NOT NULL DEFAULT false,
    "ownerLeaderId" TEXT,
    "unitId" TEXT,
    "responsiblePersonId" TEXT,
    "territorialUnitId" TEXT,
    "functionalUnitId" TEXT,
    "accusedPersonId" TEXT,
    "accusedUnitId" TEXT,
    "receptionDayId" TEXT,
    "visitId" TEXT,
    "acceptedAt" TIMESTAMPTZ(3),
    "dueOn" DATE,
    "dueRule" TEXT,
    "overdueOn" DATE,
    "stability" "StabilityAssessment",
    "resolution" TEXT,
    "resolvedAt" TIMESTAMPTZ(3),
    "opinionIssuedAt" TIMESTAMPTZ(3),
    "followedUpAt" TIMESTAMPTZ(3),
    "archivedAt" TIMESTAMPTZ(3),
    "reopenCount" INTEGER NOT NULL DEFAULT 0,
    "submittedById" TEXT,
    "submittedAt" TIMESTAMPTZ(3),
    "assignedById" TEXT,
    "assignedAt" TIMESTAMPTZ(3),
    "feedbackById" TEXT,
    "feedbackAt" TIMESTAMPTZ(3),
    "reportedUpById" TEXT,
    "reportedUpAt" TIMESTAMPTZ(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Case_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Petitioner" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "idNumber" TEXT,
    "phone" TEXT,
    "address" TEXT,
    "isPrimary" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Petitioner_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OwnershipProposal" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "kind" "ProposalKind" NOT NULL,
    "leaderId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "responsiblePersonId" TEXT NOT NULL,
    "requirements" TEXT NOT NULL,
    "deadline" DATE NOT NULL,
    "reportingCadence" "ReportingCadence" NOT NULL,
    "reportingNote" TEXT,
    "territorialUnitId" TEXT,
    "functionalUnitId" TEXT,
    "reason" TEXT,
    "status" "ProposalStatus" NOT NULL DEFAULT 'PENDING',
    "proposedById" TEXT NOT NULL,
    "proposedAt" TIMESTAMPTZ(3) NOT NULL,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMPTZ(3),
    "decisionReason" TEXT,

    CONSTRAINT "OwnershipProposal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseOwnership" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "proposalId" TEXT NOT NULL,
    "leaderId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "responsiblePersonId" TEXT NOT NULL,
    "requirements" TEXT NOT NULL,
    "deadline" DATE NOT NULL,
    "reportingCadence" "ReportingCadence" NOT NULL,
    "reportingNote" TEXT,
    "activeFrom" TIMESTAMPTZ(3) NOT NULL,
    "endedAt" TIMESTAMPTZ(3),
    "endReason" TEXT,

    CONSTRAINT "CaseOwnership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProgressEntry" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "unitId" TEXT,
    "tag" "ProgressTag" NOT NULL,
    "content" TEXT NOT NULL,
    "stability" "StabilityAssessment",
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ProgressEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Extension" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "requestedById" TEXT NOT NULL,
    "requestedAt" TIMESTAMPTZ(3) NOT NULL,
    "reason" TEXT NOT NULL,
    "requestedDueOn" DATE NOT NULL,
    "status" "DecisionStatus" NOT NULL DEFAULT 'PENDING',
    "decidedById" TEXT,
    "decidedAt" TIMESTAMPTZ(3),
    "grantedDueOn" DATE,
    "decisionReason" TEXT,
    "petitionerToldAt" TIMESTAMPTZ(3),

    CONSTRAINT "Extension_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseReview" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "kind" "ReviewKind" NOT NULL,
    "requestedAt" TIMESTAMPTZ(3) NOT NULL,
    "dueOn" DATE NOT NULL,
    "answeredAt" TIMESTAMPTZ(3),
    "answer" TEXT,
    "recordedById" TEXT NOT NULL,

    CONSTRAINT "CaseReview_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FollowUp" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "officeRating" "Rating" NOT NULL,
    "unitRating" "Rating" NOT NULL,
    "note" TEXT,
    "recordedById" TEXT,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL,
    "reopened" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "FollowUp_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReceptionDay" (
    "id" TEXT NOT NULL,
    "leaderId" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "location" TEXT,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReceptionDay_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VillageVisit" (
    "id" TEXT NOT NULL,
    "leaderId" TEXT NOT NULL,
    "villageId" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "peopleMet" TEXT,
    "note" TEXT,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "VillageVisit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Meeting" (
    "id" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "topic" TEXT NOT NULL,
    "decisions" TEXT NOT NULL,
    "attendees" TEXT[],
    "recordedById" TEXT NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Meeting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingCase" (
    "meetingId" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "decision" TEXT,

    CONSTRAINT "MeetingCase_pkey" PRIMARY KEY ("meetingId","caseId")
);

-- CreateTable
CREATE TABLE "WrittenStatement" (
    "id" TEXT NOT NULL,
    "dutyKey" TEXT NOT NULL,
    "kind" "StatementKind" NOT NULL,
    "authorId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "caseId" TEXT,
    "dueOn" DATE,
    "content" TEXT,
    "submittedAt" TIMESTAMPTZ(3),
    "openedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "WrittenStatement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SentimentReport" (
    "id" TEXT NOT NULL,
    "villageId" TEXT NOT NULL,
    "reporterId" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "reportedAt" TIMESTAMPTZ(3) NOT NULL,
    "caseId" TEXT,

    CONSTRAINT "SentimentReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScreeningPeriod" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "ScreeningKind" NOT NULL,
    "startsOn" DATE NOT NULL,
    "endsOn" DATE NOT NULL,
    "reportDueOn" DATE NOT NULL,
    "declaredById" TEXT NOT NULL,
    "declaredAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ScreeningPeriod_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScreeningPeriodUnit" (
    "periodId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,

    CONSTRAINT "ScreeningPeriodUnit_pkey" PRIMARY KEY ("periodId","unitId")
);

-- CreateTable
CREATE TABLE "UnitReport" (
    "id" TEXT NOT NULL,
    "periodId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "isZero" BOOLEAN NOT NULL,
    "findings" TEXT,
    "submittedById" TEXT NOT NULL,
    "submittedAt" TIMESTAMPTZ(3) NOT NULL,
    "late" BOOLEAN NOT NULL,

    CONSTRAINT "UnitReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" TEXT NOT NULL,
    "kind" "AlertKind" NOT NULL,
    "caseId" TEXT,
    "villageId" TEXT,
    "title" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "eventKind" TEXT,
    "level" INTEGER NOT NULL DEFAULT 0,
    "levelSince" TIMESTAMPTZ(3),
    "status" "AlertStatus" NOT NULL DEFAULT 'OPEN',
    "raisedById" TEXT,
    "raisedAt" TIMESTAMPTZ(3) NOT NULL,
    "closedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertRecipient" (
    "alertId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "level" INTEGER NOT NULL,
    "required" "AckStage" NOT NULL,
    "stage" "AckStage" NOT NULL DEFAULT 'NONE',
    "notifiedAt" TIMESTAMPTZ(3) NOT NULL,
    "lastNotifiedAt" TIMESTAMPTZ(3),
    "repeats" INTEGER NOT NULL DEFAULT 0,
    "ackedAt" TIMESTAMPTZ(3),
    "missedAt" TIMESTAMPTZ(3),
    "stageAtMiss" "AckStage",

    CONSTRAINT "AlertRecipient_pkey" PRIMARY KEY ("alertId","personId")
);

-- CreateTable
CREATE TABLE "Persuasion" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "alertId" TEXT,
    "leaderId" TEXT NOT NULL,
    "destination" TEXT NOT NULL,
    "collective" BOOLEAN NOT NULL DEFAULT false,
    "occurredOn" DATE NOT NULL,
    "caseOverdue" BOOLEAN NOT NULL DEFAULT false,
    "openedAt" TIMESTAMPTZ(3) NOT NULL,
    "who" TEXT,
    "doneAt" TIMESTAMPTZ(3),
    "outcome" "PersuasionOutcome" NOT NULL DEFAULT 'IN_PROGRESS',
    "note" TEXT,
    "recordedById" TEXT,

    CONSTRAINT "Persuasion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccountabilityFact" (
    "id" TEXT NOT NULL,
    "sourceKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "personId" TEXT,
    "unitId" TEXT,
    "caseId" TEXT,
    "alertId" TEXT,
    "detail" TEXT NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AccountabilityFact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssessmentRule" (
    "code" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "points" DECIMAL(6,2) NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AssessmentRule_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "AssessmentEntry" (
    "id" TEXT NOT NULL,
    "sourceKey" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "unitId" TEXT NOT NULL,
    "ruleCode" TEXT NOT NULL,
    "points" DECIMAL(6,2) NOT NULL,
    "unqualified" BOOLEAN NOT NULL DEFAULT false,
    "evidence" TEXT NOT NULL,
    "caseId" TEXT,
    "occurredOn" DATE NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AssessmentEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CalendarOverride" (
    "date" DATE NOT NULL,
    "isWorkingDay" BOOLEAN NOT NULL,
    "note" TEXT,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CalendarOverride_pkey" PRIMARY KEY ("date")
);

-- CreateTable
CREATE TABLE "KeywordRule" (
    "id" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "pattern" TEXT NOT NULL,
    "isRegex" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "KeywordRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "ProcessedEvent" (
    "platform" "Platform" NOT NULL,
    "eventId" TEXT NOT NULL,
    "processedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ProcessedEvent_pkey" PRIMARY KEY ("platform","eventId")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" BIGSERIAL NOT NULL,
    "seq" BIGINT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "actorId" TEXT,
    "channel" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "caseId" TEXT,
    "before" TEXT,
    "after" TEXT,
    "reason" TEXT,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Area_name_key" ON "Area"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Village_name_key" ON "Village"("name");

-- CreateIndex
CREATE INDEX "Village_areaId_idx" ON "Village"("areaId");

-- CreateIndex
CREATE UNIQUE INDEX "Unit_name_key" ON "Unit"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Unit_villageId_key" ON "Unit"("villageId");

-- CreateIndex
CREATE UNIQUE INDEX "Person_mobile_key" ON "Person"("mobile");

-- CreateIndex
CREATE UNIQUE INDEX "Person_email_key" ON "Person"("email");

-- CreateIndex
CREATE INDEX "Person_unitId_idx" ON "Person"("unitId");

-- CreateIndex
CREATE INDEX "PersonVillage_villageId_idx" ON "PersonVillage"("villageId");

-- CreateIndex
CREATE INDEX "PlatformIdentity_personId_idx" ON "PlatformIdentity"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "PlatformIdentity_platform_openId_key" ON "PlatformIdentity"("platform", "openId");

-- CreateIndex
CREATE UNIQUE INDEX "PlatformIdentity_platform_userId_key" ON "PlatformIdentity"("platform", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "PlatformIdentity_platform_unionId_key" ON "PlatformIdentity"("platform", "unionId");

-- CreateIndex
CREATE UNIQUE INDEX "Case_number_key" ON "Case"("number");

-- CreateIndex
CREATE INDEX "Case_status_dueOn_idx" ON "Case"("status", "dueOn");

-- CreateIndex
CREATE INDEX "Case_overdueOn_status_idx" ON "Case"("overdueOn", "status");

-- CreateIndex
CREATE INDEX "Case_ownerLeaderId_status_idx" ON "Case"("ownerLeaderId", "status");

-- CreateIndex
CREATE INDEX "Case_responsiblePersonId_status_idx" ON "Case"("responsiblePersonId", "status");

-- CreateIndex
CREATE INDEX "Case_unitId_status_idx" ON "Case"("unitId", "status");

-- CreateIndex
CREATE INDEX "Case_villageId_idx" ON "Case"("villageId");

-- CreateIndex
CREATE INDEX "Case_dueOn_idx" ON "Case"("dueOn");

-- CreateIndex
CREATE INDEX "Case_receivedAt_idx" ON "Case"("receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Case_year_seq_key" ON "Case"("year", "seq");

-- CreateIndex
CREATE INDEX "Petitioner_caseId_idx" ON "Petitioner"("caseId");

-- CreateIndex
CREATE INDEX "OwnershipProposal_caseId_idx" ON "OwnershipProposal"("caseId");

-- CreateIndex
CREATE INDEX "OwnershipProposal_status_proposedAt_idx" ON "OwnershipProposal"("status", "proposedAt");

-- CreateIndex
CREATE UNIQUE INDEX "CaseOwnership_proposalId_key" ON "CaseOwnership"("proposalId");

-- CreateIndex
CREATE INDEX "CaseOwnership_caseId_idx" ON "CaseOwnership"("caseId");

-- CreateIndex
CREATE INDEX "CaseOwnership_leaderId_idx" ON "CaseOwnership"("leaderId");

-- CreateIndex
CREATE INDEX "ProgressEntry_caseId_createdAt_idx" ON "ProgressEntry"("caseId", "createdAt");

-- CreateIndex
CREATE INDEX "Extension_caseId_idx" ON "Extension"("caseId");

-- CreateIndex
CREATE UNIQUE INDEX "CaseReview_caseId_kind_key" ON "CaseReview"("caseId", "kind");

-- CreateIndex
CREATE INDEX "FollowUp_caseId_idx" ON "FollowUp"("caseId");

-- CreateIndex
CREATE INDEX "ReceptionDay_date_idx" ON "ReceptionDay"("date");

-- CreateIndex
CREATE UNIQUE INDEX "ReceptionDay_leaderId_date_key" ON "ReceptionDay"("leaderId", "date");

-- CreateIndex
CREATE INDEX "VillageVisit_leaderId_date_idx" ON "VillageVisit"("leaderId", "date");

-- CreateIndex
CREATE INDEX "Meeting_date_idx" ON "Meeting"("date");

-- CreateIndex
CREATE UNIQUE INDEX "WrittenStatement_dutyKey_key" ON "WrittenStatement"("dutyKey");

-- CreateIndex
CREATE INDEX "WrittenStatement_authorId_kind_idx" ON "WrittenStatement"("authorId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "SentimentReport_caseId_key" ON "SentimentReport"("caseId");

-- CreateIndex
CREATE INDEX "SentimentReport_villageId_reportedAt_idx" ON "SentimentReport"("villageId", "reportedAt");

-- CreateIndex
CREATE INDEX "ScreeningPeriod_startsOn_endsOn_idx" ON "ScreeningPeriod"("startsOn", "endsOn");

-- CreateIndex
CREATE UNIQUE INDEX "UnitReport_periodId_unitId_key" ON "UnitReport"("periodId", "unitId");

-- CreateIndex
CREATE INDEX "Alert_status_raisedAt_idx" ON "Alert"("status", "raisedAt");

-- CreateIndex
CREATE INDEX "Alert_caseId_idx" ON "Alert"("caseId");

-- CreateIndex
CREATE INDEX "AlertRecipient_personId_stage_idx" ON "AlertRecipient"("personId", "stage");

-- CreateIndex
CREATE INDEX "Persuasion_caseId_idx" ON "Persuasion"("caseId");

-- CreateIndex
CREATE UNIQUE INDEX "Persuasion_caseId_destination_occurredOn_key" ON "Persuasion"("caseId", "destination", "occurredOn");

-- CreateIndex
CREATE UNIQUE INDEX "AccountabilityFact_sourceKey_key" ON "AccountabilityFact"("sourceKey");

-- CreateIndex
CREATE INDEX "AccountabilityFact_personId_idx" ON "AccountabilityFact"("personId");

-- CreateIndex
CREATE INDEX "AccountabilityFact_unitId_idx" ON "AccountabilityFact"("unitId");

-- CreateIndex
CREATE UNIQUE INDEX "AssessmentEntry_sourceKey_key" ON "AssessmentEntry"("sourceKey");

-- CreateIndex
CREATE INDEX "AssessmentEntry_year_unitId_idx" ON "AssessmentEntry"("year", "unitId");

-- CreateIndex
CREATE UNIQUE INDEX "KeywordRule_category_pattern_key" ON "KeywordRule"("category", "pattern");

-- CreateIndex
CREATE UNIQUE INDEX "AuditLog_seq_key" ON "AuditLog"("seq");

-- CreateIndex
CREATE INDEX "AuditLog_caseId_seq_idx" ON "AuditLog"("caseId", "seq");

-- CreateIndex
CREATE INDEX "AuditLog_entityType_entityId_idx" ON "AuditLog"("entityType", "entityId");

-- AddForeignKey
ALTER TABLE "Area" ADD CONSTRAINT "Area_leaderId_fkey" FOREIGN KEY ("leaderId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Village" ADD CONSTRAINT "Village_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Village" ADD CONSTRAINT "Village_linkedLeaderId_fkey" FOREIGN KEY ("linkedLeaderId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Unit" ADD CONSTRAINT "Unit_headId_fkey" FOREIGN KEY ("headId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Unit" ADD CONSTRAINT "Unit_leaderInChargeId_fkey" FOREIGN KEY ("leaderInChargeId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Person" ADD CONSTRAINT "Person_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PersonVillage" ADD CONSTRAINT "PersonVillage_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PersonVillage" ADD CONSTRAINT "PersonVillage_villageId_fkey" FOREIGN KEY ("villageId") REFERENCES "Village"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlatformIdentity" ADD CONSTRAINT "PlatformIdentity_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_villageId_fkey" FOREIGN KEY ("villageId") REFERENCES "Village"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_receptionDayId_fkey" FOREIGN KEY ("receptionDayId") REFERENCES "ReceptionDay"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "VillageVisit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Petitioner" ADD CONSTRAINT "Petitioner_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OwnershipProposal" ADD CONSTRAINT "OwnershipProposal_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseOwnership" ADD CONSTRAINT "CaseOwnership_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseOwnership" ADD CONSTRAINT "CaseOwnership_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "OwnershipProposal"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgressEntry" ADD CONSTRAINT "ProgressEntry_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Extension" ADD CONSTRAINT "Extension_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseReview" ADD CONSTRAINT "CaseReview_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUp" ADD CONSTRAINT "FollowUp_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VillageVisit" ADD CONSTRAINT "VillageVisit_villageId_fkey" FOREIGN KEY ("villageId") REFERENCES "Village"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingCase" ADD CONSTRAINT "MeetingCase_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingCase" ADD CONSTRAINT "MeetingCase_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WrittenStatement" ADD CONSTRAINT "WrittenStatement_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SentimentReport" ADD CONSTRAINT "SentimentReport_villageId_fkey" FOREIGN KEY ("villageId") REFERENCES "Village"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScreeningPeriodUnit" ADD CONSTRAINT "ScreeningPeriodUnit_periodId_fkey" FOREIGN KEY ("periodId") REFERENCES "ScreeningPeriod"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScreeningPeriodUnit" ADD CONSTRAINT "ScreeningPeriodUnit_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitReport" ADD CONSTRAINT "UnitReport_periodId_fkey" FOREIGN KEY ("periodId") REFERENCES "ScreeningPeriod"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitReport" ADD CONSTRAINT "UnitReport_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_villageId_fkey" FOREIGN KEY ("villageId") REFERENCES "Village"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertRecipient" ADD CONSTRAINT "AlertRecipient_alertId_fkey" FOREIGN KEY ("alertId") REFERENCES "Alert"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Persuasion" ADD CONSTRAINT "Persuasion_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccountabilityFact" ADD CONSTRAINT "AccountabilityFact_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentEntry" ADD CONSTRAINT "AssessmentEntry_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- R25: the audit log is append-only and hash-chained, enforced by the database itself.
-- The chain fields (seq, prevHash, hash) are computed here, not by the application.
CREATE FUNCTION audit_log_payload(r "AuditLog") RETURNS text LANGUAGE sql STABLE AS $$
  SELECT array_to_string(ARRAY[
    r."seq"::text,
    to_char(r."at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    r."actorId", r."channel", r."action", r."entityType", r."entityId", r."caseId",
    r."before", r."after", r."reason", r."prevHash"
  ], chr(31), chr(30))
$$;

CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  last_seq bigint;
  last_hash text;
BEGIN
  -- Serialise appenders until commit so that two transactions never chain to the same row.
  PERFORM pg_advisory_xact_lock(4242025001);
  SELECT "seq", "hash" INTO last_seq, last_hash FROM "AuditLog" ORDER BY "seq" DESC LIMIT 1;
  NEW."seq" := COALESCE(last_seq, 0) + 1;
  NEW."prevHash" := COALESCE(last_hash, repeat('0', 64));
  NEW."hash" := encode(sha256(convert_to(audit_log_payload(NEW), 'UTF8')), 'hex');
  RETURN NEW;
END
$$;

CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'AuditLog is append-only (R25): % refused', TG_OP USING ERRCODE = '42501';
END
$$;

CREATE TRIGGER audit_log_chain BEFORE INSERT ON "AuditLog"
  FOR EACH ROW EXECUTE FUNCTION audit_log_chain();
CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON "AuditLog"
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON "AuditLog"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
