import { REPORTING_CADENCES, type ReportingCadence } from '../../src/domain/model.js';
import { REPORTING_CADENCE_LABELS } from '../../src/domain/ownership/reporting-cadence.js';
import type { LocalDate } from '../../src/lib/local-date.js';
import type { Choice, FormInput } from '../model.js';
import { choicesOf, namedChoices, type NamedRef } from './common.js';

/** Who may be chosen: leaders (镇级领导), units (责任单位) and cadres (责任人). */
export interface OwnershipCandidates {
  leaders: readonly NamedRef[];
  units: readonly NamedRef[];
  people: readonly (NamedRef & { unitName?: string | null })[];
}

export interface OwnershipDefaults {
  deadline?: LocalDate | null;
  reportingCadence?: ReportingCadence;
}

/** R2's five fields (plus R19's two units), shared by the ownership and transfer forms. */
/** Responsible persons as a select shows them: name and unit. */
export function responsibleChoices(people: OwnershipCandidates['people']): Choice[] {
  return people.map((p) => ({ value: p.id, label: p.unitName ? `${p.name}（${p.unitName}）` : p.name }));
}

export function ownershipInputs(c: OwnershipCandidates, d: OwnershipDefaults = {}): FormInput[] {
  const units = namedChoices(c.units);
  return [
    { kind: 'select', name: 'leaderId', label: '包案领导', required: true, options: namedChoices(c.leaders) },
    { kind: 'select', name: 'unitId', label: '责任单位', required: true, options: units },
    {
      kind: 'select',
      name: 'responsiblePersonId',
      label: '责任人',
      required: true,
      options: responsibleChoices(c.people),
    },
    { kind: 'text', name: 'requirements', label: '责任要求', required: true, multiline: true, maxLength: 1000 },
    { kind: 'date', name: 'deadline', label: '办结时限', required: true, ...(d.deadline ? { initial: d.deadline } : {}) },
    {
      kind: 'select',
      name: 'reportingCadence',
      label: '报送方式',
      required: true,
      options: choicesOf(REPORTING_CADENCE_LABELS, REPORTING_CADENCES),
      initial: d.reportingCadence ?? 'WEEKLY',
    },
    { kind: 'text', name: 'reportingNote', label: '报送要求', required: false, maxLength: 200, placeholder: '如：每周五前报送书面进展' },
    { kind: 'select', name: 'territorialUnitId', label: '稳控属地单位（多单位案件）', required: false, options: units },
    { kind: 'select', name: 'functionalUnitId', label: '解决属事单位（多单位案件）', required: false, options: units },
  ];
}
