import type { PrismaClient } from '../generated/prisma/client.js';
import type { Repos, UnitOfWork } from '../usecases/ports.js';
import { auditRepo } from './repos/audit-repo.js';
import { caseRepo } from './repos/case-repo.js';
import { directoryRepo } from './repos/directory-repo.js';
import { extensionRepo } from './repos/extension-repo.js';
import { ownershipRepo, proposalRepo } from './repos/ownership-repos.js';
import { progressRepo } from './repos/progress-repo.js';
import type { Tx } from './repos/tx.js';

export function reposFor(tx: Tx): Repos {
  return {
    cases: caseRepo(tx),
    proposals: proposalRepo(tx),
    ownerships: ownershipRepo(tx),
    progress: progressRepo(tx),
    extensions: extensionRepo(tx),
    directory: directoryRepo(tx),
    audit: auditRepo(tx),
  };
}

/** One Prisma interactive transaction per use case call. */
export function prismaUnitOfWork(prisma: PrismaClient): UnitOfWork {
  return {
    run(fn) {
      // Generous waits: intakes queue behind the case-number row and the audit chain lock.
      return prisma.$transaction((tx) => fn(reposFor(tx)), { maxWait: 30_000, timeout: 60_000 });
    },
  };
}
