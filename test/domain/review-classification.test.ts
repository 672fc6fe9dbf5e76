import { describe, expect, it } from 'vitest';
import { authorizeCase, type CaseAccessFacts } from '../../src/domain/authorization.js';
import type { Person, Role } from '../../src/domain/model.js';
import { assertCanClassify, routesToDiscipline } from '../../src/domain/review/classification.js';

const person = (id: string, roles: Role[], unitId: string | null = null): Person => ({
  id, name: id, title: null, mobile: null, email: null, unitId, roles, active: true,
});
const accusation: CaseAccessFacts = {
  ownerLeaderId: null,
  responsiblePersonId: null,
  unitId: 'discipline',
  territorialUnitId: null,
  functionalUnitId: null,
  accusedPersonId: 'accused',
  accusedUnitId: 'roads',
  classification: 'ACCUSATION',
};

describe('R26 classification', () => {
  it.each([
    ['first classification', { status: 'IN_PROGRESS', classification: null, opinionIssuedAt: null }, 'CLAIM', true],
    ['the same again is a no-op', { status: 'IN_PROGRESS', classification: 'CLAIM', opinionIssuedAt: null }, 'CLAIM', false],
    ['a correction before any opinion', { status: 'RESOLVED', classification: 'SUGGESTION', opinionIssuedAt: null }, 'ACCUSATION', true],
  ] as const)('R26: %s', (_what, facts, to, changes) => {
    expect(assertCanClassify(facts, to)).toBe(changes);
  });

  it.each([
    ['after the written opinion', { status: 'RESOLVED', classification: 'CLAIM', opinionIssuedAt: new Date() }, 'SUGGESTION', 'CONFLICT', /处理意见书/],
    ['an archived case', { status: 'ARCHIVED', classification: null, opinionIssuedAt: null }, 'CLAIM', 'INVALID_TRANSITION', /已归档/],
  ] as const)('R26: classification is refused for %s', (_what, facts, to, code, message) => {
    expect(() => assertCanClassify(facts, to)).toThrow(expect.objectContaining({ code, message: expect.stringMatching(message) }));
  });

  it('R26: only an accusation is routed to discipline inspection', () => {
    expect(['SUGGESTION', 'ACCUSATION', 'CLAIM', null].map((c) => routesToDiscipline(c as never))).toEqual([false, true, false, false]);
  });

  it.each([
    ['the accused person', person('accused', ['TOWN_LEADER', 'APPROVER']), false],
    ['a head of the accused unit', person('roadsHead', ['UNIT_HEAD'], 'roads'), false],
    ['a principal leader who is the accused', person('accused', ['PRINCIPAL_LEADER']), false],
    ['a discipline inspector', person('inspector', ['DISCIPLINE_INSPECTOR'], 'discipline'), true],
    ['the petition office', person('office', ['OFFICE_STAFF'], 'office'), true],
    ['an approver not concerned', person('approver', ['APPROVER']), false],
  ] as const)('R26: an accusation’s material is visible to %s: %s', (_who, p, allowed) => {
    expect(authorizeCase(p, 'VIEW', accusation).allowed).toBe(allowed);
    if (p.id === 'accused' || p.unitId === 'roads') {
      expect(authorizeCase(p, 'VIEW_PERSONAL_DATA', accusation).allowed).toBe(false);
      expect(authorizeCase(p, 'ADD_PROGRESS', accusation).reason).toMatch(/回避/);
    }
  });
});
