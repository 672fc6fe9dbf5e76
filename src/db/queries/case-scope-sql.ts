import { SYSTEM_SCOPE, type CaseScope } from '../../domain/privacy/case-scope.js';
import { Prisma } from '../../generated/prisma/client.js';

/**
 * The domain's case scope (src/domain/privacy/case-scope.ts, `inCaseScope`) as a condition on the
 * case alias `c`: the lists, counts, searches and exports of one viewer filter with it.
 * test/db/case-scope-sql.test.ts holds it equal to `inCaseScope` case by case.
 */
export function caseScopeSql(s: CaseScope): Prisma.Sql {
  if (s === SYSTEM_SCOPE) return Prisma.sql`true`;
  if (!s.active) return Prisma.sql`false`;
  const me = s.viewerId;
  const where: Prisma.Sql[] = [Prisma.sql`c."accusedPersonId" IS DISTINCT FROM ${me}`];
  if (s.unitId !== null) where.push(Prisma.sql`c."accusedUnitId" IS DISTINCT FROM ${s.unitId}`);
  if (s.groupSafe) {
    where.push(Prisma.sql`c."classification" IS DISTINCT FROM 'ACCUSATION' AND c."accusedPersonId" IS NULL AND c."accusedUnitId" IS NULL`);
  }
  const assigned = Prisma.sql`(c."ownerLeaderId" = ${me} OR c."responsiblePersonId" = ${me})`;
  const inUnit = s.unitId === null ? Prisma.sql`false` : Prisma.sql`${s.unitId} IN (c."unitId", c."territorialUnitId", c."functionalUnitId")`;
  const accusation = s.everyAccusation ? Prisma.sql`true` : assigned;
  const ordinary = s.everyCase ? Prisma.sql`true` : Prisma.sql`(${assigned} OR ${inUnit})`;
  if (s.everyCase && s.everyAccusation) return Prisma.join(where, ' AND ');
  where.push(Prisma.sql`(CASE WHEN c."classification" = 'ACCUSATION' THEN ${accusation} ELSE ${ordinary} END) IS TRUE`);
  return Prisma.join(where, ' AND ');
}
