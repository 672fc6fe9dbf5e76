import type { PrismaClient } from '../generated/prisma/client.js';
import type { Repos, UnitOfWork } from '../usecases/ports.js';
import { auditRepo } from './repos/audit-repo.js';
import { caseRepo } from './repos/case-repo.js';
import { directoryRepo } from './repos/directory-repo.js';
import { extensionRepo } from './repos/extension-repo.js';
import { ownershipRepo, proposalRepo } from './repos/ownership-repos.js';
import { progressRepo } from './repos/progress-repo.js';
import { meetingRepo } from './repos/meeting-repo.js';
import { receptionRepo } from './repos/reception-repo.js';
import { screeningRepo } from './repos/screening-repo.js';
import { sentimentRepo } from './repos/sentiment-repo.js';
import { statementRepo } from './repos/statement-repo.js';
import { visitRepo } from './repos/visit-repo.js';
import { assessmentFactsRepo, assessmentRepo } from './repos/assessment-repo.js';
import { followUpRepo } from './repos/follow-up-repo.js';
import { reviewRepo } from './repos/review-repo.js';
import { accountabilityRepo, alertRepo, persuasionRepo } from './repos/escalation-repo.js';
import { settingsRepo } from './repos/settings-repo.js';
import { identityRepo, processedEventRepo } from './repos/platform-repo.js';
import { peopleRepo } from './repos/people-repo.js';
import { organisationRepo } from './repos/organisation-repo.js';
import { receptionLogRepo } from './repos/reception-log-repo.js';
import { worklistRepo } from './repos/worklist-repo.js';
import { pushRepo } from './repos/push-repo.js';
import { sentCopiesRepo } from './repos/sent-copies-repo.js';
import { reminderFactsRepo } from './repos/reminder-facts-repo.js';
import { consoleSessionRepo } from './repos/session-repo.js';
import type { Tx } from './repos/tx.js';
import type { AuditKey } from './audit/audit-key.js';

/** The repositories on a transaction, or (`outside` given) on the client itself. */
export function reposFor(tx: Tx, auditKey: AuditKey, outside?: PrismaClient): Repos {
  return {
    cases: caseRepo(tx),
    proposals: proposalRepo(tx),
    ownerships: ownershipRepo(tx),
    progress: progressRepo(tx),
    extensions: extensionRepo(tx),
    directory: directoryRepo(tx),
    audit: auditRepo(tx, auditKey, outside),
    reviews: reviewRepo(tx),
    followUps: followUpRepo(tx),
    assessment: assessmentRepo(tx),
    assessmentFacts: assessmentFactsRepo(tx),
    meetings: meetingRepo(tx),
    statements: statementRepo(tx),
    receptions: receptionRepo(tx),
    visits: visitRepo(tx),
    sentiments: sentimentRepo(tx),
    screenings: screeningRepo(tx),
    alerts: alertRepo(tx),
    persuasions: persuasionRepo(tx),
    accountability: accountabilityRepo(tx),
    settings: settingsRepo(tx),
    identities: identityRepo(tx),
    events: processedEventRepo(tx),
    people: peopleRepo(tx),
    receptionLogs: receptionLogRepo(tx),
    worklists: worklistRepo(tx),
    pushes: pushRepo(tx),
    sentCopies: sentCopiesRepo(tx),
    reminderFacts: reminderFactsRepo(tx),
    organisation: organisationRepo(tx),
    consoleSessions: consoleSessionRepo(tx),
  };
}

/** One Prisma interactive transaction per use case call; audit rows are signed with `auditKey` (R25). */
export function prismaUnitOfWork(prisma: PrismaClient, auditKey: AuditKey): UnitOfWork {
  return {
    run(fn) {
      // Generous waits: intakes queue behind the case-number row and the audit chain lock.
      return prisma.$transaction((tx) => fn(reposFor(tx, auditKey)), { maxWait: 30_000, timeout: 60_000 });
    },
    read(fn) {
      return fn(reposFor(prisma, auditKey, prisma));
    },
  };
}
