import { z } from 'zod';
import { ACCOUNTABILITY_KINDS, type AccountabilityKind, type AccountabilityReason } from '../../domain/accountability/accountability-facts.js';
import { tallyByParty, type FactParty, type PartyTally } from '../../domain/accountability/fact-summary.js';
import { assertGlobalAllowed } from '../../domain/authorization.js';
import type { Actor } from '../../domain/model.js';
import { discloseCase } from '../../domain/privacy/disclosure.js';
import { maskPersonalText } from '../../domain/privacy/mask-text.js';
import { localDateOf, startOfLocalDate, type LocalDate } from '../../lib/local-date.js';
import type { Deps } from '../ports.js';
import { parseInput } from '../support/parse-input.js';

export const accountabilityFilter = z.object({
  year: z.coerce.number({ error: '年度应为数字' }).int().min(2000, { error: '年度不正确' }).max(2100, { error: '年度不正确' }),
  unitId: z.uuid().optional(),
  personId: z.uuid().optional(),
  kind: z.enum(ACCOUNTABILITY_KINDS).optional(),
});

export interface FactView {
  id: string;
  kind: AccountabilityKind;
  reason: AccountabilityReason;
  party: FactParty;
  /** The fact in words, masked (R24). */
  detail: string;
  /** The cases it concerns, for links. */
  cases: { id: string; number: string }[];
  recordedOn: LocalDate;
}

export interface AccountabilityFactsResult {
  year: number;
  facts: FactView[];
  /** The facts counted per person and unit. */
  tallies: PartyTally[];
}

/**
 * R22: the year's facts of inaction, slow and wrong action per person and unit, with their
 * evidence, for the office and the principal leaders — as the ledger shows cases: a fact about a
 * case the reader may not see is not listed (R24/R26: the accused hears nothing of it), and its
 * text is masked with the petitioners of the cases it concerns. Reads only.
 */
export async function listAccountabilityFacts(deps: Deps, actor: Actor, raw: unknown, channel: 'CONSOLE_LIST' | 'EXPORT' = 'CONSOLE_LIST'): Promise<AccountabilityFactsResult> {
  const f = parseInput(accountabilityFilter, raw);
  assertGlobalAllowed(actor.person, 'VIEW_ACCOUNTABILITY');
  return deps.uow.read(async (repos) => {
    const rows = await repos.accountability.facts({
      from: startOfLocalDate(`${f.year}-01-01`),
      to: startOfLocalDate(`${f.year + 1}-01-01`),
      ...(f.kind && { kind: f.kind }),
      ...(f.personId && { personId: f.personId }),
      ...(f.unitId && { unitId: f.unitId }),
    });
    const shown = rows.filter((r) => r.cases.every((c) => discloseCase(actor.person, c, channel).visible));
    const subjects = await repos.cases.subjects([...new Set(shown.flatMap((r) => r.cases.map((c) => c.id)))]);
    const people = new Map((await repos.directory.people()).map((p) => [p.id, p]));
    const units = new Map((await repos.directory.units()).map((u) => [u.id, u.name]));
    const partyOf = (r: (typeof rows)[number]): FactParty => {
      const person = r.personId ? people.get(r.personId) : undefined;
      if (r.personId) return { kind: 'PERSON', id: r.personId, name: person?.name ?? '（已删除人员）', unitName: person?.unitId ? (units.get(person.unitId) ?? null) : null };
      return { kind: 'UNIT', id: r.unitId ?? '', name: units.get(r.unitId ?? '') ?? '（已删除单位）' };
    };
    const facts = shown.map((r) => ({
      id: r.id,
      kind: r.kind,
      reason: r.reason,
      party: partyOf(r),
      detail: maskPersonalText(r.detail, r.cases.flatMap((c) => subjects.get(c.id) ?? [])),
      cases: r.cases.map((c) => ({ id: c.id, number: c.number })),
      recordedOn: localDateOf(r.recordedAt),
    }));
    return { year: f.year, facts, tallies: tallyByParty(facts) };
  });
}
