import { fromDbDate, toDbDate } from '../../lib/local-date.js';
import { OPEN_STATUSES } from '../../domain/case-status.js';
import type { Petitioner } from '../../domain/model.js';
import type { PersonalSubject } from '../../domain/privacy/mask-text.js';
import type * as db from '../../generated/prisma/client.js';
import type { CaseRepo, NewCase } from '../../usecases/ports.js';
import { toCase, toOwnership, toPetitioner, toProgress } from './mappers.js';
import type { Tx } from './tx.js';

const subjectOf = (p: db.Petitioner): PersonalSubject => ({ name: p.name, idNumber: p.idNumber, phone: p.phone, address: p.address });

const dates = <T extends Partial<NewCase>>(c: T) => ({
  ...c,
  ...(c.dueOn !== undefined ? { dueOn: c.dueOn === null ? null : toDbDate(c.dueOn) } : {}),
  ...(c.overdueOn !== undefined ? { overdueOn: c.overdueOn === null ? null : toDbDate(c.overdueOn) } : {}),
});

export function caseRepo(tx: Tx): CaseRepo {
  return {
    async nextSeq(year) {
      // The row lock taken by the upsert serialises concurrent intakes of a year until commit;
      // a rolled-back intake gives its number back, so numbers stay consecutive.
      const rows = await tx.$queryRaw<{ last: number }[]>`
        INSERT INTO "CaseNumberCounter" ("year", "last") VALUES (${year}, 1)
        ON CONFLICT ("year") DO UPDATE SET "last" = "CaseNumberCounter"."last" + 1
        RETURNING "last"`;
      return Number(rows[0]!.last);
    },
    async create(data, petitioners: Petitioner[]) {
      const row = await tx.case.create({
        data: {
          ...dates(data),
          petitioners: { create: petitioners.map(({ id: _id, ...p }) => p) },
        },
      });
      return toCase(row);
    },
    async get(id) {
      const row = await tx.case.findUnique({ where: { id } });
      return row ? toCase(row) : null;
    },
    async getByNumber(number) {
      const row = await tx.case.findUnique({ where: { number } });
      return row ? toCase(row) : null;
    },
    async lock(id) {
      // The row is read by the locking statement itself: raw rows of "Case" have the model's shape.
      const [row] = await tx.$queryRaw<db.Case[]>`SELECT * FROM "Case" WHERE "id" = ${id} FOR UPDATE`;
      return row ? toCase(row) : null;
    },
    async update(id, patch) {
      return toCase(await tx.case.update({ where: { id }, data: dates(patch) }));
    },
    async openPastDueUnmarked(today) {
      const rows = await tx.case.findMany({
        where: { status: { in: [...OPEN_STATUSES] }, dueOn: { lt: toDbDate(today) }, overdueOn: null },
        orderBy: { dueOn: 'asc' },
      });
      return rows.map(toCase);
    },
    async dossier(ref) {
      const row = await tx.case.findUnique({
        where: 'id' in ref ? { id: ref.id } : { number: ref.number },
        include: {
          petitioners: { orderBy: [{ isPrimary: 'desc' }, { name: 'asc' }] },
          ownerships: { where: { endedAt: null }, include: { proposal: true }, take: 1 },
          progress: { orderBy: { createdAt: 'asc' } },
          proposals: { where: { status: 'PENDING' }, orderBy: { proposedAt: 'desc' }, take: 1, select: { id: true } },
          extensions: { where: { status: 'PENDING' }, orderBy: { requestedAt: 'asc' }, take: 1, select: { id: true } },
        },
      });
      if (!row) return null;
      const { petitioners, ownerships, progress, proposals, extensions, ...c } = row;
      const active = ownerships[0];
      return {
        case: toCase(c),
        petitioners: petitioners.filter((p) => p.supersededAt === null).map(toPetitioner),
        formerPetitioners: petitioners.filter((p) => p.supersededAt !== null).map(subjectOf),
        ownership: active ? { ...toOwnership(active), territorialUnitId: active.proposal.territorialUnitId, functionalUnitId: active.proposal.functionalUnitId } : null,
        progress: progress.map(toProgress),
        pendingProposalId: proposals[0]?.id ?? null,
        pendingExtensionId: extensions[0]?.id ?? null,
      };
    },
    async openDeadlines(limit, afterId) {
      const rows = await tx.case.findMany({
        where: { status: { in: [...OPEN_STATUSES] }, dueOn: { not: null }, ...(afterId ? { id: { gt: afterId } } : {}) },
        select: { id: true, dueOn: true },
        orderBy: { id: 'asc' },
        take: limit,
      });
      return rows.map((r) => ({ id: r.id, dueOn: fromDbDate(r.dueOn!) }));
    },
    async subjects(caseIds) {
      const out = new Map<string, PersonalSubject[]>(caseIds.map((id) => [id, []]));
      if (caseIds.length === 0) return out;
      const rows = await tx.petitioner.findMany({
        where: { caseId: { in: [...new Set(caseIds)] } },
        select: { caseId: true, name: true, idNumber: true, phone: true, address: true },
      });
      for (const { caseId, ...subject } of rows) out.get(caseId)?.push(subject);
      return out;
    },
    async subjectsByNumber(numbers) {
      const out = new Map<string, PersonalSubject[]>(numbers.map((n) => [n, []]));
      if (numbers.length === 0) return out;
      const rows = await tx.petitioner.findMany({
        where: { case: { number: { in: [...new Set(numbers)] } } },
        select: { name: true, idNumber: true, phone: true, address: true, case: { select: { number: true } } },
      });
      for (const { case: c, ...subject } of rows) out.get(c.number)?.push(subject);
      return out;
    },
    async petitioners(caseId) {
      const rows = await tx.petitioner.findMany({ where: { caseId, supersededAt: null }, orderBy: [{ isPrimary: 'desc' }, { name: 'asc' }] });
      return rows.map(toPetitioner);
    },
    async addPetitioner(caseId, p) {
      const { id: _id, ...data } = p;
      return toPetitioner(await tx.petitioner.create({ data: { ...data, caseId } }));
    },
    async supersedePetitioner(caseId, id, at) {
      const { count } = await tx.petitioner.updateMany({ where: { id, caseId, supersededAt: null }, data: { supersededAt: at } });
      return count === 1;
    },
  };
}
