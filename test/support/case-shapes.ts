import type { CaseAccessFacts } from '../../src/domain/authorization.js';
import { CLASSIFICATIONS, type Person, type Role } from '../../src/domain/model.js';

/** A viewer `me` of unit `my-unit` with the given roles. */
export const viewer = (roles: Role[], over: Partial<Person> = {}): Person => ({ id: 'me', name: '我', title: null, mobile: null, email: null, unitId: 'my-unit', roles, active: true, ...over });

/** Every shape of a case as it relates to the viewer `me` of unit `my-unit` (3,888 of them). */
export function caseShapes(): (CaseAccessFacts & { id: string })[] {
  const out: (CaseAccessFacts & { id: string })[] = [];
  for (const ownerLeaderId of ['me', 'other', null])
    for (const responsiblePersonId of ['me', 'other', null])
      for (const unitId of ['my-unit', 'other-unit', null])
        for (const territorialUnitId of ['my-unit', null])
          for (const functionalUnitId of ['my-unit', null])
            for (const accusedPersonId of ['me', 'other', null])
              for (const accusedUnitId of ['my-unit', 'other-unit', null])
                for (const classification of [null, ...CLASSIFICATIONS])
                  out.push({ id: `case-${out.length}`, ownerLeaderId, responsiblePersonId, unitId, territorialUnitId, functionalUnitId, accusedPersonId, accusedUnitId, classification });
  return out;
}
