import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseScopeSql } from '../../src/db/queries/case-scope-sql.js';
import { ROLES } from '../../src/domain/model.js';
import { caseScope, inCaseScope, type ListChannel } from '../../src/domain/privacy/case-scope.js';
import { Prisma } from '../../src/generated/prisma/client.js';
import { caseShapes, viewer as person } from '../support/case-shapes.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';

describe.each(['postgres', 'embedded'] as const)('R24/R26: the case scope in SQL (%s)', (kind) => {
  let t: TestDatabase;
  const cases = caseShapes();

  beforeAll(async () => {
    t = await freshDatabase(kind);
    const rows = cases.map((c, i) => Prisma.sql`(${c.id}, ${`XF-2026-${String(i + 1).padStart(4, '0')}`}, 2026, ${i + 1}, '标题', '内容', 'VISIT'::"CaseSource", now(), now(),
      ${c.ownerLeaderId}, ${c.responsiblePersonId}, ${c.unitId}, ${c.territorialUnitId}, ${c.functionalUnitId}, ${c.accusedPersonId}, ${c.accusedUnitId}, ${c.classification}::"Classification")`);
    for (let i = 0; i < rows.length; i += 500) {
      await t.db.prisma.$executeRaw`INSERT INTO "Case" ("id", "number", "year", "seq", "title", "content", "source", "receivedAt", "updatedAt",
        "ownerLeaderId", "responsiblePersonId", "unitId", "territorialUnitId", "functionalUnitId", "accusedPersonId", "accusedUnitId", "classification")
        VALUES ${Prisma.join(rows.slice(i, i + 500))}`;
    }
  });
  afterAll(async () => t?.drop());

  const viewers = [...ROLES.map((r) => person([r])), person(['CADRE'], { unitId: null }), person(['OFFICE_STAFF'], { active: false })];
  const channels: ListChannel[] = ['GROUP_CHAT', 'CONSOLE_LIST'];

  it('R24: for every role and channel, the query selects exactly the cases the domain shows', async () => {
    for (const viewer of viewers) {
      for (const channel of channels) {
        const scope = caseScope(viewer, channel);
        const got = await t.db.prisma.$queryRaw<{ id: string }[]>(Prisma.sql`SELECT c."id" FROM "Case" c WHERE ${caseScopeSql(scope)} ORDER BY c."id"`);
        const want = cases.filter((c) => inCaseScope(scope, c)).map((c) => c.id).sort();
        expect(got.map((r) => r.id), `${viewer.roles.join('+')}${viewer.unitId ? '' : ' without unit'}${viewer.active ? '' : ' inactive'} ${channel}`).toEqual(want);
      }
    }
  });
});
