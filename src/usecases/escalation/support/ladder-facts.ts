import { DomainError } from '../../../domain/errors.js';
import { escalationLadder, type AlertSubject, type LadderLevel, type Leadership } from '../../../domain/escalation/ladder.js';
import type { CaseRecord } from '../../../domain/model.js';
import type { Repos } from '../../ports.js';
import type { AlertRecord } from '../../ports/escalation.js';
import { whoMayBeTold } from '../../support/case-people.js';
import { idsWithRole } from '../../support/recipients.js';

async function activeId(repos: Repos, id: string | null): Promise<string | null> {
  if (!id) return null;
  const p = await repos.directory.person(id);
  return p?.active ? p.id : null;
}

/** The principal leaders and the leader in charge of petition work (the office's 分管领导). */
export async function loadLeadership(repos: Repos): Promise<Leadership> {
  const office = await repos.directory.officeUnit();
  return {
    principalLeaderIds: await idsWithRole(repos, 'PRINCIPAL_LEADER'),
    petitionLeaderInChargeId: await activeId(repos, office?.leaderInChargeId ?? null),
  };
}

/** R18: the village's area leader, stationed cadres, village cadres and linked town leader. */
export async function majorEventSubject(repos: Repos, villageId: string): Promise<AlertSubject> {
  const village = await repos.directory.village(villageId);
  if (!village) throw new DomainError('NOT_FOUND', '所属村不存在', { villageId });
  const area = await repos.directory.area(village.areaId);
  return {
    kind: 'MAJOR_EVENT',
    areaLeaderId: await activeId(repos, area?.leaderId ?? null),
    stationedCadreIds: await repos.alerts.villagePeople(village.id, 'STATIONED'),
    villageCadreIds: await repos.alerts.villagePeople(village.id, 'CADRE'),
    villageLeaderId: await activeId(repos, village.linkedLeaderId),
  };
}

/** R20: the heads of the units concerned: the case's village committee and its responsible unit. */
export async function dangerLetterSubject(repos: Repos, c: CaseRecord): Promise<AlertSubject> {
  const units = [c.villageId ? await repos.directory.villageUnit(c.villageId) : null, c.unitId ? await repos.directory.unit(c.unitId) : null];
  const heads = new Set<string>();
  for (const u of units) {
    const head = await activeId(repos, u?.headId ?? null);
    if (head !== null) heads.add(head);
  }
  return { kind: 'DANGER_LETTER', unitHeadIds: [...heads] };
}

/** The subject of a stored alert, read again when it climbs (people may have changed since). */
export async function subjectOf(repos: Repos, alert: AlertRecord, c: CaseRecord | null): Promise<AlertSubject> {
  switch (alert.kind) {
    case 'MAJOR_EVENT':
      if (!alert.villageId) break;
      return majorEventSubject(repos, alert.villageId);
    case 'DANGER_LETTER':
      if (!c) break;
      return dangerLetterSubject(repos, c);
    case 'ABNORMAL_PETITION':
      return { kind: 'ABNORMAL_PETITION', ownerLeaderId: c?.ownerLeaderId ?? null };
    case 'SENTIMENT':
      break;
  }
  throw new DomainError('CONFLICT', '该预警缺少升级所需的信息，无法自动升级', { alertId: alert.id, kind: alert.kind });
}

/** The ladder of an alert, without the people the case complains about (R24). */
export async function ladderFor(repos: Repos, subject: AlertSubject, c: CaseRecord | null): Promise<LadderLevel[]> {
  const ladder = escalationLadder(subject, await loadLeadership(repos));
  if (!c) return ladder;
  const levels: LadderLevel[] = [];
  for (const l of ladder) {
    const kept = new Set(await whoMayBeTold(repos, c, l.audience.map((r) => r.personId)));
    levels.push({ ...l, audience: l.audience.filter((r) => kept.has(r.personId)) });
  }
  return levels;
}
