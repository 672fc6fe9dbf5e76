import { z } from 'zod';
import { REPORTING_CADENCES } from '../../domain/model.js';
import { id, localDate, optionalText, text } from '../support/fields.js';

/** R2: the five things an ownership names (plus the R19 units of a multi-unit case). */
export const ownershipTermsInput = z.object({
  leaderId: id,
  unitId: id,
  responsiblePersonId: id,
  requirements: text(2000),
  deadline: localDate,
  reportingCadence: z.enum(REPORTING_CADENCES),
  reportingNote: optionalText(200),
  territorialUnitId: id.optional().nullable().transform((v) => v ?? null),
  functionalUnitId: id.optional().nullable().transform((v) => v ?? null),
});
