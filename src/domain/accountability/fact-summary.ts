import { ACCOUNTABILITY_KINDS, type AccountabilityKind } from './accountability-facts.js';

/** Whom a fact is about: a person (with their unit) or a unit. */
export type FactParty = { kind: 'PERSON'; id: string; name: string; unitName: string | null } | { kind: 'UNIT'; id: string; name: string };

export interface PartyTally {
  party: FactParty;
  byKind: Record<AccountabilityKind, number>;
  total: number;
}

/** R22: the facts counted per person and per unit by kind, the most first (then by name): evidence for the leading group, no verdict. */
export function tallyByParty(facts: readonly { party: FactParty; kind: AccountabilityKind }[]): PartyTally[] {
  const tallies = new Map<string, PartyTally>();
  for (const f of facts) {
    const key = `${f.party.kind}:${f.party.id}`;
    const t = tallies.get(key) ?? { party: f.party, byKind: Object.fromEntries(ACCOUNTABILITY_KINDS.map((k) => [k, 0])) as Record<AccountabilityKind, number>, total: 0 };
    t.byKind[f.kind] += 1;
    t.total += 1;
    tallies.set(key, t);
  }
  return [...tallies.values()].sort((a, b) => b.total - a.total || a.party.name.localeCompare(b.party.name, 'zh'));
}
