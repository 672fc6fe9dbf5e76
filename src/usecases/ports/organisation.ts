import type { VillageRelation } from '../../domain/organisation.js';
import type { Person, Role } from '../../domain/model.js';
import type { UnitKind } from '../../domain/organisation.js';

export interface Unit {
  id: string;
  name: string;
  kind: UnitKind;
  villageId: string | null;
  headId: string | null;
  leaderInChargeId: string | null;
}

export interface Village {
  id: string;
  name: string;
  areaId: string;
  linkedLeaderId: string | null;
}

export interface Area {
  id: string;
  name: string;
  leaderId: string | null;
}

/** A person as the office registers them. */
export interface PersonData {
  name: string;
  title: string | null;
  mobile: string | null;
  email: string | null;
  unitId: string | null;
  roles: Role[];
}

/**
 * The township's people, units, areas and villages as the office edits them. People are never
 * deleted (cases, duties and the audit log refer to them): they are deactivated.
 */
export interface OrganisationRepo {
  /** Everyone, active or not, by name. */
  allPeople(): Promise<Person[]>;
  /** Who belongs to which village, and how (驻村干部, 村干部, 民情信息员). */
  villageLinks(): Promise<{ personId: string; villageId: string; relation: VillageRelation }[]>;
  /** False when the link was already there. */
  linkVillage(personId: string, villageId: string, relation: VillageRelation): Promise<boolean>;
  /** False when there was no such link. */
  unlinkVillage(personId: string, villageId: string, relation: VillageRelation): Promise<boolean>;
  personByMobile(mobile: string): Promise<Person | null>;
  personByEmail(email: string): Promise<Person | null>;
  createPerson(data: PersonData): Promise<Person>;
  updatePerson(id: string, patch: Partial<PersonData & { active: boolean }>): Promise<Person>;
  unitByName(name: string): Promise<Unit | null>;
  createUnit(data: Omit<Unit, 'id'>): Promise<Unit>;
  updateUnit(id: string, patch: Partial<Omit<Unit, 'id'>>): Promise<Unit>;
  /** Areas (片区) by name. */
  areas(): Promise<Area[]>;
  areaByName(name: string): Promise<Area | null>;
  createArea(data: Omit<Area, 'id'>): Promise<Area>;
  updateArea(id: string, patch: Partial<Omit<Area, 'id'>>): Promise<Area>;
  /** Villages with their area and linked leader, by name. */
  allVillages(): Promise<Village[]>;
  villageByName(name: string): Promise<Village | null>;
  createVillage(data: Omit<Village, 'id'>): Promise<Village>;
  updateVillage(id: string, patch: Partial<Omit<Village, 'id'>>): Promise<Village>;
}
