import { fromDbDate, toDbDate } from '../../lib/local-date.js';
import { ACK_STAGES, stageRank } from '../../domain/escalation/ack-stage.js';
import type { AccountabilityKind, AccountabilityReason } from '../../domain/accountability/accountability-facts.js';
import { caseNumbersIn } from '../../domain/case-numbers.js';
import type * as db from '../../generated/prisma/client.js';
import type {
  AccountabilityRepo, AlertRecord, AlertRepo, PersuasionRecord, PersuasionRepo,
} from '../../usecases/ports/escalation.js';
import type { Tx } from './tx.js';

type AlertRow = db.Alert & { recipients: db.AlertRecipient[] };

function toAlert(r: AlertRow): AlertRecord {
  return {
    id: r.id,
    kind: r.kind,
    caseId: r.caseId,
    villageId: r.villageId,
    title: r.title,
    detail: r.detail,
    eventKind: r.eventKind,
    level: r.level,
    levelSince: r.levelSince,
    status: r.status,
    raisedById: r.raisedById,
    raisedAt: r.raisedAt,
    closedAt: r.closedAt,
    recipients: r.recipients.map((x) => ({
      personId: x.personId,
      reason: x.reason,
      level: x.level,
      required: x.required,
      stage: x.stage,
      notifiedAt: x.notifiedAt,
      lastNotifiedAt: x.lastNotifiedAt,
      repeats: x.repeats,
      ackedAt: x.ackedAt,
      missedAt: x.missedAt,
      stageAtMiss: x.stageAtMiss,
    })),
  };
}

const withRecipients = { recipients: { orderBy: [{ level: 'asc' as const }, { personId: 'asc' as const }] } };

export function alertRepo(tx: Tx): AlertRepo {
  const get = async (id: string) => {
    const row = await tx.alert.findUnique({ where: { id }, include: withRecipients });
    return row ? toAlert(row) : null;
  };
  return {
    async create(a) {
      const row = await tx.alert.create({
        data: {
          kind: a.kind,
          caseId: a.caseId,
          villageId: a.villageId,
          title: a.title,
          detail: a.detail,
          eventKind: a.eventKind,
          raisedById: a.raisedById,
          raisedAt: a.raisedAt,
          recipients: {
            create: a.recipients.map((r) => ({ personId: r.personId, reason: r.reason, required: r.required, level: 0, notifiedAt: a.raisedAt })),
          },
        },
        include: withRecipients,
      });
      return toAlert(row);
    },
    get,
    async lock(id) {
      const locked = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Alert" WHERE "id" = ${id} FOR UPDATE`;
      return locked.length === 0 ? null : get(id);
    },
    async advanceStage(alertId, personId, stage, ackedAt) {
      // Conditional on an earlier stage: of two identical acknowledgements exactly one changes the row.
      const earlier = ACK_STAGES.filter((s) => stageRank(s) < stageRank(stage));
      const { count } = await tx.alertRecipient.updateMany({
        where: { alertId, personId, stage: { in: [...earlier] } },
        data: { stage, ...(ackedAt ? { ackedAt } : {}) },
      });
      return count === 1;
    },
    async close(id, at) {
      const { count } = await tx.alert.updateMany({ where: { id, status: 'OPEN' }, data: { status: 'CLOSED', closedAt: at } });
      return count === 1;
    },
    async markRepeated(alertId, personIds, at) {
      if (personIds.length === 0) return;
      await tx.alertRecipient.updateMany({
        where: { alertId, personId: { in: [...personIds] } },
        data: { lastNotifiedAt: at, repeats: { increment: 1 } },
      });
    },
    async climb(alertId, to, at, added, missed) {
      await tx.alert.update({ where: { id: alertId }, data: { level: to, levelSince: at } });
      if (added.length > 0) {
        await tx.alertRecipient.createMany({
          data: added.map((r) => ({ alertId, personId: r.personId, reason: r.reason, required: r.required, level: to, notifiedAt: at })),
        });
      }
      for (const m of missed) {
        await tx.alertRecipient.updateMany({ where: { alertId, personId: m.personId, missedAt: null }, data: { missedAt: at, stageAtMiss: m.stage } });
      }
    },
    async openIds(limit, afterId) {
      const rows = await tx.alert.findMany({ where: { status: 'OPEN', ...(afterId ? { id: { gt: afterId } } : {}) }, select: { id: true }, orderBy: { id: 'asc' }, take: limit });
      return rows.map((r) => r.id);
    },
    async villagePeople(villageId, relation) {
      const rows = await tx.personVillage.findMany({
        where: { villageId, relation, person: { active: true } },
        select: { personId: true },
        orderBy: { personId: 'asc' },
      });
      return rows.map((r) => r.personId);
    },
  };
}

function toPersuasion(r: db.Persuasion): PersuasionRecord {
  return { ...r, destination: r.destination as PersuasionRecord['destination'], occurredOn: fromDbDate(r.occurredOn) };
}

export function persuasionRepo(tx: Tx): PersuasionRepo {
  return {
    async create(p) {
      return toPersuasion(await tx.persuasion.create({ data: { ...p, occurredOn: toDbDate(p.occurredOn) } }));
    },
    async get(id) {
      const row = await tx.persuasion.findUnique({ where: { id } });
      return row ? toPersuasion(row) : null;
    },
    async find(caseId, destination, occurredOn) {
      const row = await tx.persuasion.findUnique({
        where: { caseId_destination_occurredOn: { caseId, destination, occurredOn: toDbDate(occurredOn) } },
      });
      return row ? toPersuasion(row) : null;
    },
    async record(id, r) {
      const { count } = await tx.persuasion.updateMany({ where: { id, outcome: { not: 'RETURNED' } }, data: r });
      return count === 1;
    },
  };
}

export function accountabilityRepo(tx: Tx): AccountabilityRepo {
  return {
    async missedAcks() {
      const rows = await tx.alertRecipient.findMany({
        where: { missedAt: { not: null } },
        include: { alert: { select: { title: true } } },
        orderBy: [{ missedAt: 'asc' }, { personId: 'asc' }],
      });
      return rows.map((r) => ({
        alertId: r.alertId,
        alertTitle: r.alert.title,
        personId: r.personId,
        required: r.required,
        stageAtMiss: r.stageAtMiss ?? 'NONE',
        missedAt: r.missedAt!,
      }));
    },
    async cases(today) {
      const rows = await tx.case.findMany({
        where: { OR: [{ overdueOn: { not: null } }, { reopenCount: { gt: 0 } }, { dueOn: { lt: toDbDate(today) } }] },
        select: {
          id: true, number: true, unitId: true, ownerLeaderId: true, responsiblePersonId: true,
          dueOn: true, overdueOn: true, resolvedAt: true, reopenCount: true,
        },
        orderBy: { number: 'asc' },
      });
      return rows.map((r) => ({ ...r, dueOn: r.dueOn ? fromDbDate(r.dueOn) : null, overdueOn: r.overdueOn ? fromDbDate(r.overdueOn) : null }));
    },
    async record(fact, at) {
      // ON CONFLICT DO NOTHING on sourceKey: a fact is kept once however often it is observed.
      const { count } = await tx.accountabilityFact.createMany({ data: [{ ...fact, recordedAt: at }], skipDuplicates: true });
      return count === 1;
    },
    async facts(f) {
      const unitPeople = f.unitId ? (await tx.person.findMany({ where: { unitId: f.unitId }, select: { id: true } })).map((p) => p.id) : [];
      const rows = await tx.accountabilityFact.findMany({
        where: {
          recordedAt: { gte: f.from, lt: f.to },
          ...(f.kind && { kind: f.kind }),
          ...(f.personId && { personId: f.personId }),
          ...(f.unitId && { OR: [{ unitId: f.unitId }, { personId: { in: unitPeople } }] }),
        },
        orderBy: [{ recordedAt: 'desc' }, { sourceKey: 'asc' }],
      });
      const alerts = new Map(
        (await tx.alert.findMany({ where: { id: { in: rows.flatMap((r) => (r.alertId ? [r.alertId] : [])) } }, select: { id: true, caseId: true } })).map((a) => [a.id, a.caseId]),
      );
      const idsOf = (r: (typeof rows)[number]) => [r.caseId, r.alertId ? alerts.get(r.alertId) : null].filter((x): x is string => typeof x === 'string');
      const cases = await tx.case.findMany({
        where: { OR: [{ id: { in: rows.flatMap(idsOf) } }, { number: { in: rows.flatMap((r) => caseNumbersIn(r.detail)) } }] },
        select: { id: true, number: true, ownerLeaderId: true, responsiblePersonId: true, unitId: true, territorialUnitId: true, functionalUnitId: true, accusedPersonId: true, accusedUnitId: true, classification: true },
      });
      const byId = new Map(cases.map((c) => [c.id, c]));
      const byNumber = new Map(cases.map((c) => [c.number, c]));
      return rows.map((r) => {
        const concerned = [...idsOf(r).map((id) => byId.get(id)), ...caseNumbersIn(r.detail).map((n) => byNumber.get(n))].filter((c) => c !== undefined);
        return {
          id: r.id, kind: r.kind as AccountabilityKind, reason: r.reason as AccountabilityReason, personId: r.personId, unitId: r.unitId, alertId: r.alertId,
          detail: r.detail, recordedAt: r.recordedAt, cases: [...new Map(concerned.map((c) => [c.id, c])).values()],
        };
      });
    },
  };
}
