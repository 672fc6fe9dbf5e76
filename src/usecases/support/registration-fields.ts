import { z } from 'zod';
import { CASE_SOURCES, COMPLEXITIES } from '../../domain/model.js';
import { id, optionalText, text } from './fields.js';

/** A case's registration as intake takes it and as the office corrects it: one set of checks for both. */
export const registrationFields = {
  title: text(100),
  content: text(5000),
  source: z.enum(CASE_SOURCES),
  category: optionalText(50),
  complexity: z.enum(COMPLEXITIES),
  villageId: id.optional().nullable().transform((v) => v ?? null),
  headcount: z.number().int().min(1).max(100000),
};
