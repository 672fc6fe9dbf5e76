import { describe, expect, it } from 'vitest';
import { officialSpecialDays } from '../../src/domain/calendar/official-calendar.js';
import type { Person, Role } from '../../src/domain/model.js';
import { areaLeaderProblem, endsSignIns, leaderInChargeProblem, linkedLeaderProblem, selfChangeProblem } from '../../src/domain/organisation.js';

const person = (id: string, roles: Role[], active = true): Person => ({ id, name: id, title: null, mobile: null, email: null, unitId: null, roles, active });

describe('who may hold the posts the office assigns', () => {
  it('R15: a village\'s linked leader is an active town leader', () => {
    expect(linkedLeaderProblem(person('书记', ['PRINCIPAL_LEADER']))).toBeNull();
    expect(linkedLeaderProblem(person('副镇长', ['TOWN_LEADER']))).toBeNull();
    expect(linkedLeaderProblem(person('干部', ['CADRE', 'AREA_LEADER']))).toBe('联系村领导须为镇党政领导（主要领导或镇领导），干部不是');
    expect(linkedLeaderProblem(person('副镇长', ['TOWN_LEADER'], false))).toBe('副镇长的账号已停用');
  });

  it('R15/R18: an area leader is a town leader or holds the area-leader role; a leader in charge is a town leader', () => {
    expect(areaLeaderProblem(person('片长', ['AREA_LEADER']))).toBeNull();
    expect(areaLeaderProblem(person('干部', ['CADRE']))).toMatch(/包片领导须为/);
    expect(leaderInChargeProblem(person('片长', ['AREA_LEADER']))).toMatch(/分管领导须为镇党政领导/);
    expect(leaderInChargeProblem(person('副书记', ['TOWN_LEADER']))).toBeNull();
  });

  it('nobody deactivates themselves or drops their own right to manage people; others may', () => {
    const office = person('office', ['OFFICE_STAFF']);
    expect(selfChangeProblem(office, office, { active: false })).toMatch(/不能停用您自己的账号/);
    expect(selfChangeProblem(office, office, { roles: ['CADRE'] })).toMatch(/不能取消您自己的信访办或系统管理员角色/);
    expect(selfChangeProblem(office, office, { roles: ['ADMIN'] })).toBeNull();
    expect(selfChangeProblem(office, person('other', ['OFFICE_STAFF']), { roles: ['CADRE'], active: false })).toBeNull();
  });

  it('issue #14: console sign-ins end when a person\'s roles change, either way, or they are deactivated; not for a new name or unit', () => {
    const before = person('p', ['TOWN_LEADER', 'APPROVER']);
    expect(endsSignIns(before, person('p', ['TOWN_LEADER']))).toBe(true);
    expect(endsSignIns(before, person('p', ['TOWN_LEADER', 'APPROVER', 'OFFICE_STAFF']))).toBe(true);
    expect(endsSignIns(before, person('p', ['TOWN_LEADER', 'CADRE']))).toBe(true);
    expect(endsSignIns(before, person('p', ['TOWN_LEADER', 'APPROVER'], false))).toBe(true);
    expect(endsSignIns(before, { ...before, name: '新名字', unitId: 'u1' })).toBe(false);
    expect(endsSignIns(before, person('p', ['APPROVER', 'TOWN_LEADER']))).toBe(false);
    expect(endsSignIns(person('p', ['CADRE'], false), person('p', ['CADRE']))).toBe(false);
  });
});

describe('R7: the built-in official calendar', () => {
  // chinese-days 1.5.7 (package-lock) knows the schedules up to 2026.
  it('R7: knows 2026\'s holidays and make-up working days, and nothing of a year not yet published', () => {
    const days = officialSpecialDays(2026);
    expect(days).toContainEqual({ date: '2026-01-01', isWorkingDay: false, name: '元旦' });
    expect(days).toContainEqual({ date: '2026-02-14', isWorkingDay: true, name: '春节' });
    expect(days.every((d) => d.date.startsWith('2026-'))).toBe(true);
    expect(officialSpecialDays(2027)).toEqual([]);
  });
});
