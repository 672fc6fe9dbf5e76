import { fromDbDate } from '../../lib/local-date.js';
import type * as db from '../../generated/prisma/client.js';
import type { CaseRecord, Extension, OwnershipProposal, Person, Petitioner, ProgressEntry } from '../../domain/model.js';
import type { ActiveOwnership } from '../../usecases/ports.js';

// Rows → domain shapes. Dates of @db.Date columns become 'YYYY-MM-DD' strings.

const date = (d: Date | null): string | null => (d ? fromDbDate(d) : null);

export function toCase(r: db.Case): CaseRecord {
  const { updatedAt: _u, createdAt: _c, dueOn, overdueOn, ...rest } = r;
  return { ...rest, dueOn: date(dueOn), overdueOn: date(overdueOn) };
}

export function toPerson(r: db.Person): Person {
  return { id: r.id, name: r.name, title: r.title, mobile: r.mobile, email: r.email, unitId: r.unitId, roles: r.roles, active: r.active };
}

export function toPetitioner(r: db.Petitioner): Petitioner {
  return { id: r.id, name: r.name, idNumber: r.idNumber, phone: r.phone, address: r.address, isPrimary: r.isPrimary };
}

export function toProposal(r: db.OwnershipProposal): OwnershipProposal {
  return { ...r, deadline: fromDbDate(r.deadline) };
}

export function toOwnership(r: db.CaseOwnership): ActiveOwnership {
  return {
    id: r.id,
    caseId: r.caseId,
    proposalId: r.proposalId,
    leaderId: r.leaderId,
    unitId: r.unitId,
    responsiblePersonId: r.responsiblePersonId,
    requirements: r.requirements,
    deadline: fromDbDate(r.deadline),
    reportingCadence: r.reportingCadence,
    reportingNote: r.reportingNote,
    territorialUnitId: null,
    functionalUnitId: null,
    activeFrom: r.activeFrom,
  };
}

export function toProgress(r: db.ProgressEntry): ProgressEntry {
  return r;
}

export function toExtension(r: db.Extension): Extension {
  const { petitionerToldAt: _t, ...rest } = r;
  return { ...rest, requestedDueOn: fromDbDate(r.requestedDueOn), grantedDueOn: date(r.grantedDueOn) };
}
