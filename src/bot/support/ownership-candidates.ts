import type { OwnershipCandidates } from '../../../cards/builders/ownership-inputs.js';
import type { Person } from '../../domain/model.js';
import type { HandlerContext } from '../handler.js';

/** A leader as pickers show them: name and title. */
export const leaderRef = (p: Person) => ({ id: p.id, name: p.title ? `${p.name}（${p.title}）` : p.name });

/** Who may be picked in an ownership form: town leaders as owners (R2), all units, cadres as responsible persons. */
export function ownershipCandidates(ctx: HandlerContext): Promise<OwnershipCandidates> {
  return ctx.lookup(async (repos) => {
    const [leaders, units, people] = await Promise.all([
      repos.directory.people(['TOWN_LEADER', 'PRINCIPAL_LEADER']),
      repos.directory.units(),
      repos.directory.people(['CADRE', 'UNIT_HEAD', 'VILLAGE_CADRE', 'VILLAGE_STATIONED_CADRE', 'OFFICE_STAFF']),
    ]);
    const unitName = new Map(units.map((u) => [u.id, u.name]));
    return {
      leaders: leaders.map(leaderRef),
      units: units.map((u) => ({ id: u.id, name: u.name })),
      people: people.map((p) => ({ id: p.id, name: p.name, unitName: p.unitId ? (unitName.get(p.unitId) ?? null) : null })),
    };
  });
}
