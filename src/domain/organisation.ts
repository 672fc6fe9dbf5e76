import { authorizeGlobal } from './authorization.js';
import type { Person, Role } from './model.js';

// Who may hold which post of the township's organisation, checked when the office edits it.

export const UNIT_KINDS = ['OFFICE', 'DEPARTMENT', 'VILLAGE_COMMITTEE', 'DISCIPLINE', 'OTHER'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  OFFICE: '信访办',
  DEPARTMENT: '职能部门',
  VILLAGE_COMMITTEE: '村（居）委会',
  DISCIPLINE: '纪检监察',
  OTHER: '其他',
};

const TOWN_LEADER_ROLES: readonly Role[] = ['PRINCIPAL_LEADER', 'TOWN_LEADER'];

/** 镇党政领导: principal leaders and the other members of the town's leadership. */
export function isTownLeader(p: Person): boolean {
  return p.roles.some((r) => TOWN_LEADER_ROLES.includes(r));
}

const inactive = (p: Person) => `${p.name}的账号已停用`;

/** R15: a village's linked leader (联系村领导) is a town leader who visits it every month. */
export function linkedLeaderProblem(p: Person): string | null {
  if (!p.active) return inactive(p);
  return isTownLeader(p) ? null : `联系村领导须为镇党政领导（主要领导或镇领导），${p.name}不是`;
}

/** R15/R18: an area's leader (包片领导) visits its villages and goes to the scene of a major event there. */
export function areaLeaderProblem(p: Person): string | null {
  if (!p.active) return inactive(p);
  return isTownLeader(p) || p.roles.includes('AREA_LEADER') ? null : `包片领导须为镇领导或片区领导，${p.name}不是`;
}

/** A unit's leader in charge (分管领导) is a town leader: alerts climb to them (R18–R21). */
export function leaderInChargeProblem(p: Person): string | null {
  if (!p.active) return inactive(p);
  return isTownLeader(p) ? null : `分管领导须为镇党政领导，${p.name}不是`;
}

/** A unit's head (主要负责人) may be anyone still in post. */
export function unitHeadProblem(p: Person): string | null {
  return p.active ? null : inactive(p);
}

/**
 * The office must not lock itself out: nobody removes their own right to manage people or
 * deactivates their own account; another office member or admin does it.
 */
export function selfChangeProblem(actor: Person, target: Person, next: { roles?: Role[]; active?: boolean }): string | null {
  if (actor.id !== target.id) return null;
  if (next.active === false) return '不能停用您自己的账号，请由其他管理员操作';
  if (next.roles && !authorizeGlobal({ ...target, roles: next.roles }, 'MANAGE_PEOPLE').allowed) {
    return '不能取消您自己的信访办或系统管理员角色，请由其他管理员操作';
  }
  return null;
}

/**
 * A person's console sign-ins end when what they may do changes: when they are deactivated or
 * their roles change (either way), so that no open session keeps powers the office took away.
 */
export function endsSignIns(before: Person, after: Person): boolean {
  if (before.active && !after.active) return true;
  return before.roles.length !== after.roles.length || before.roles.some((r) => !after.roles.includes(r));
}

/** How a person belongs to a village: who goes to the scene (R18) and who reports sentiment (R16). */
export const VILLAGE_RELATIONS = ['STATIONED', 'CADRE', 'COLLECTOR'] as const;
export type VillageRelation = (typeof VILLAGE_RELATIONS)[number];

export const VILLAGE_RELATION_LABELS: Record<VillageRelation, string> = { STATIONED: '驻村干部', CADRE: '村干部', COLLECTOR: '民情信息员' };

const RELATION_ROLE: Record<VillageRelation, Role> = { STATIONED: 'VILLAGE_STATIONED_CADRE', CADRE: 'VILLAGE_CADRE', COLLECTOR: 'SENTIMENT_COLLECTOR' };

/** A village link needs the matching role, so that alerts and duties reach someone who can act on them. */
export function villageRelationProblem(p: Person, relation: VillageRelation): string | null {
  if (!p.active) return `${p.name}的账号已停用`;
  return p.roles.includes(RELATION_ROLE[relation]) ? null : `${p.name}没有「${VILLAGE_RELATION_LABELS[relation]}」角色，请先在角色中勾选`;
}
