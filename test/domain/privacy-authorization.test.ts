import { describe, expect, it } from 'vitest';
import { authorizeCase, authorizeGlobal, type CaseAccessFacts } from '../../src/domain/authorization.js';
import type { Person, Role } from '../../src/domain/model.js';
import { maskAddress, maskIdNumber, maskName, maskPetitioner, maskPhone } from '../../src/domain/privacy/masks.js';

const person = (id: string, roles: Role[], unitId: string | null = null): Person => ({ id, name: id, title: null, mobile: null, email: null, unitId, roles, active: true });
const facts = (over: Partial<CaseAccessFacts> = {}): CaseAccessFacts => ({
  ownerLeaderId: 'leader', responsiblePersonId: 'cadre', unitId: 'justice', territorialUnitId: null, functionalUnitId: null,
  accusedPersonId: null, accusedUnitId: null, classification: null, ...over,
});

describe('R24 masking', () => {
  it('R24: names, phones, ID numbers and addresses are masked for group chats', () => {
    expect(maskName('张小明')).toBe('张*明');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳小锋')).toBe('欧**锋');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskIdNumber('110101199003074514')).toBe('1101**********4514');
    expect(maskAddress('青山村三组12号')).toBe('青山村***');
    expect(maskPetitioner({ name: '李四', idNumber: null, phone: '13900001111', address: null, isPrimary: true })).toEqual({ name: '李*', idNumber: null, phone: '139****1111', address: null, isPrimary: true });
  });
});

describe('authorization: who may do what to which case', () => {
  const office = person('office', ['OFFICE_STAFF'], 'office-unit');
  const leader = person('leader', ['TOWN_LEADER']);
  const cadre = person('cadre', ['CADRE'], 'justice');
  const unitHead = person('head', ['UNIT_HEAD'], 'justice');
  const stranger = person('stranger', ['CADRE'], 'police');
  const principal = person('principal', ['PRINCIPAL_LEADER']);
  const approver = person('approver', ['APPROVER']);

  it('R24: full personal data only for the office and the people assigned to the case', () => {
    expect(authorizeCase(office, 'VIEW_PERSONAL_DATA', facts()).allowed).toBe(true);
    expect(authorizeCase(leader, 'VIEW_PERSONAL_DATA', facts()).allowed).toBe(true);
    expect(authorizeCase(cadre, 'VIEW_PERSONAL_DATA', facts()).allowed).toBe(true);
    expect(authorizeCase(unitHead, 'VIEW_PERSONAL_DATA', facts()).allowed).toBe(false);
    expect(authorizeCase(principal, 'VIEW_PERSONAL_DATA', facts()).allowed).toBe(false);
    expect(authorizeCase(unitHead, 'VIEW', facts()).allowed).toBe(true);
    expect(authorizeCase(principal, 'VIEW', facts()).allowed).toBe(true);
  });

  it('R24: the person or unit complained about never sees the case, whatever their role', () => {
    const accusedLeader = facts({ accusedPersonId: 'leader' });
    expect(authorizeCase(leader, 'VIEW', accusedLeader)).toEqual({ allowed: false, reason: expect.stringContaining('回避') });
    expect(authorizeCase(unitHead, 'VIEW', facts({ accusedUnitId: 'justice' })).allowed).toBe(false);
    const accusedOffice = person('office2', ['OFFICE_STAFF'], 'police');
    expect(authorizeCase(accusedOffice, 'VIEW_PERSONAL_DATA', facts({ accusedUnitId: 'police' })).allowed).toBe(false);
  });

  it('R26: an accusation is for the office, discipline inspection and its handlers only', () => {
    const accusation = facts({ classification: 'ACCUSATION' });
    expect(authorizeCase(person('d', ['DISCIPLINE_INSPECTOR'], 'discipline'), 'VIEW', accusation).allowed).toBe(true);
    expect(authorizeCase(unitHead, 'VIEW', accusation).allowed).toBe(false);
    expect(authorizeCase(approver, 'VIEW', accusation).allowed).toBe(false);
  });

  it('R4/R10: proposals and extension decisions belong to the leading group, approval to the standing committee', () => {
    expect(authorizeCase(office, 'PROPOSE_OWNERSHIP', facts()).allowed).toBe(true);
    expect(authorizeCase(leader, 'PROPOSE_OWNERSHIP', facts()).allowed).toBe(false);
    expect(authorizeCase(approver, 'DECIDE_OWNERSHIP', facts()).allowed).toBe(true);
    expect(authorizeCase(office, 'DECIDE_OWNERSHIP', facts()).allowed).toBe(false);
    expect(authorizeCase(cadre, 'REQUEST_EXTENSION', facts()).allowed).toBe(true);
    expect(authorizeCase(unitHead, 'REQUEST_EXTENSION', facts()).allowed).toBe(false);
    expect(authorizeCase(office, 'DECIDE_EXTENSION', facts()).allowed).toBe(true);
  });

  it('R19: people of either unit of a multi-unit case may report progress; strangers may not', () => {
    const multi = facts({ territorialUnitId: 'village-a', functionalUnitId: 'police' });
    expect(authorizeCase(stranger, 'ADD_PROGRESS', multi).allowed).toBe(true);
    expect(authorizeCase(stranger, 'ADD_PROGRESS', facts()).allowed).toBe(false);
  });

  it('people, units and platform accounts are managed by the office and admins only; leaders may read the console but not manage', () => {
    const admin = person('admin', ['ADMIN']);
    expect(authorizeGlobal(office, 'MANAGE_PEOPLE').allowed).toBe(true);
    expect(authorizeGlobal(admin, 'MANAGE_PEOPLE').allowed).toBe(true);
    expect(authorizeGlobal(admin, 'EDIT_SETTINGS').allowed).toBe(true);
    for (const p of [principal, approver, leader, unitHead, person('discipline', ['DISCIPLINE_INSPECTOR'])]) {
      expect(authorizeGlobal(p, 'MANAGE_PEOPLE')).toEqual({ allowed: false, reason: expect.stringContaining('信访办或系统管理员') });
      expect(authorizeGlobal(p, 'EDIT_SETTINGS').allowed).toBe(false);
    }
    expect(authorizeGlobal(principal, 'LIST_ALL_CASES').allowed).toBe(true);
    expect(authorizeGlobal({ ...office, active: false }, 'MANAGE_PEOPLE').allowed).toBe(false);
  });

  it('a deactivated account may do nothing', () => {
    expect(authorizeCase({ ...office, active: false }, 'VIEW', facts()).allowed).toBe(false);
    expect(authorizeGlobal({ ...office, active: false }, 'INTAKE').allowed).toBe(false);
  });
});
