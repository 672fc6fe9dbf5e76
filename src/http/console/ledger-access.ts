import type { Person } from '../../domain/model.js';
import { caseScope } from '../../domain/privacy/case-scope.js';
import { searchesPersonalData, type PersonalData } from '../../domain/privacy/disclosure.js';
import { maskSearchTerm } from '../../domain/privacy/mask-search-term.js';
import { redactor } from '../../domain/privacy/redactor.js';
import { ledgerPetitionerMatches, type LedgerAccess, type LedgerFilter, type LedgerRow } from '../../db/queries/ledger.js';
import { recordLedgerSearch } from '../../usecases/cases/record-ledger-search.js';
import type { ConsoleDeps } from './context.js';

// What the ledger's page and its exports share: who finds what (R24/R26), how a row is shown,
// the names its filters are told in, and the audit of a search that looked up a person (R25).

/** What this viewer may find in the ledger (R24/R26). */
export const ledgerAccess = (viewer: Person, channel: 'CONSOLE_LIST' | 'EXPORT'): LedgerAccess => ({ scope: caseScope(viewer, channel), searchPersonalData: searchesPersonalData(viewer) });

/** R24: a row as the ledger shows or exports it — masked, title too, unless an office export asked for full data. */
export function shownRow(row: LedgerRow, personalData: PersonalData): LedgerRow {
  const r = redactor(personalData, [...row.petitioners, ...row.formerPetitioners]);
  return { ...row, title: r.text(row.title), petitioners: row.petitioners.map((p) => ({ ...r.petitioner({ ...p, isPrimary: false }), address: null })) };
}

export async function directoryNames(c: ConsoleDeps) {
  return c.deps.uow.read(async (repos) => {
    const n = await repos.directory.names();
    return {
      villages: new Map(n.villages.map((x) => [x.id, x.name])),
      units: new Map(n.units.map((x) => [x.id, x.name])),
      people: new Map(n.people.map((x) => [x.id, x.name])),
      leaders: (await repos.directory.people(['TOWN_LEADER', 'PRINCIPAL_LEADER'])).map((p) => ({ id: p.id, name: p.name })),
    };
  });
}

/**
 * R24/R25: when the search text found cases through their petitioners, the look-up is audited
 * (masked term, the cases it reached); returns the filter as it may then be written down — in the
 * audit log and on a masked export — with the term masked. Otherwise the filter as it was.
 */
export async function auditPetitionerSearch(c: ConsoleDeps, viewer: Person, f: LedgerFilter, access: LedgerAccess, output: 'PAGE' | 'EXPORT'): Promise<{ searched: boolean; written: LedgerFilter }> {
  const found = await ledgerPetitionerMatches(c.prisma, f, access);
  if (found.count === 0 || !f.q) return { searched: false, written: f };
  await recordLedgerSearch(c.deps, { person: viewer, channel: 'CONSOLE' }, { term: f.q, cases: found.numbers, count: found.count, output });
  return { searched: true, written: { ...f, q: maskSearchTerm(f.q) } };
}
