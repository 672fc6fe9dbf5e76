import type { Database } from '../db/database.js';
import { toPerson } from '../db/repos/mappers.js';
import type { Actor, Person, Role } from '../domain/model.js';

// The demo township 清河镇: three areas (片区), twelve villages, the petition office and the
// departments that handle cases, and the people who hold every role of the domain.

export const AREAS = { east: '东片区', west: '西片区', north: '北片区' } as const;
export type AreaKey = keyof typeof AREAS;

export const VILLAGES = [
  { name: '青山村', area: 'east' },
  { name: '河口村', area: 'east' },
  { name: '柳湾村', area: 'east' },
  { name: '石桥村', area: 'east' },
  { name: '杨家庄村', area: 'west' },
  { name: '李家坪村', area: 'west' },
  { name: '桃园村', area: 'west' },
  { name: '新塘村', area: 'west' },
  { name: '高岭村', area: 'north' },
  { name: '马鞍山村', area: 'north' },
  { name: '白沙村', area: 'north' },
  { name: '龙泉村', area: 'north' },
] as const satisfies readonly { name: string; area: AreaKey }[];
export type VillageName = (typeof VILLAGES)[number]['name'];

export const DEPARTMENTS = {
  office: { name: '镇信访办', kind: 'OFFICE' },
  zongzhi: { name: '综治办', kind: 'DEPARTMENT' },
  sifa: { name: '司法所', kind: 'DEPARTMENT' },
  paichu: { name: '派出所', kind: 'DEPARTMENT' },
  guotu: { name: '国土所', kind: 'DEPARTMENT' },
  minzheng: { name: '民政办', kind: 'DEPARTMENT' },
  jiwei: { name: '镇纪委', kind: 'DISCIPLINE' },
  dangzheng: { name: '党政办', kind: 'OTHER' },
} as const;
export type DepartmentKey = keyof typeof DEPARTMENTS;

interface PersonSpec {
  name: string;
  title: string;
  roles: Role[];
  unit?: DepartmentKey | VillageName;
}

export const PEOPLE = {
  liu: { name: '刘振华', title: '镇党委书记', roles: ['PRINCIPAL_LEADER', 'APPROVER'] },
  chen: { name: '陈建平', title: '镇党委副书记、镇长', roles: ['PRINCIPAL_LEADER', 'APPROVER'] },
  wang: { name: '王志刚', title: '镇党委副书记（分管信访）', roles: ['TOWN_LEADER', 'APPROVER', 'AREA_LEADER'] },
  li: { name: '李红梅', title: '镇党委委员、副镇长', roles: ['TOWN_LEADER', 'APPROVER', 'AREA_LEADER'] },
  zhang: { name: '张国庆', title: '副镇长', roles: ['TOWN_LEADER', 'AREA_LEADER'] },
  zhao: { name: '赵德明', title: '镇党委委员、政法委员', roles: ['TOWN_LEADER', 'APPROVER'] },
  sun: { name: '孙秀英', title: '镇人大主席', roles: ['TOWN_LEADER', 'APPROVER'] },
  zhou: { name: '周立军', title: '镇党委委员、纪委书记', roles: ['DISCIPLINE_INSPECTOR', 'APPROVER'], unit: 'jiwei' },
  wu: { name: '吴晓燕', title: '信访办主任', roles: ['OFFICE_STAFF', 'UNIT_HEAD'], unit: 'office' },
  zheng: { name: '郑浩', title: '信访办干事', roles: ['OFFICE_STAFF'], unit: 'office' },
  he: { name: '何俊', title: '党政办系统管理员', roles: ['ADMIN'], unit: 'dangzheng' },
  ma: { name: '马建军', title: '综治办主任', roles: ['UNIT_HEAD'], unit: 'zongzhi' },
  gao: { name: '高志远', title: '司法所所长', roles: ['UNIT_HEAD'], unit: 'sifa' },
  lin: { name: '林卫东', title: '派出所所长', roles: ['UNIT_HEAD'], unit: 'paichu' },
  luo: { name: '罗建华', title: '国土所所长', roles: ['UNIT_HEAD'], unit: 'guotu' },
  liang: { name: '梁淑芬', title: '民政办主任', roles: ['UNIT_HEAD'], unit: 'minzheng' },
  song: { name: '宋佳', title: '司法所人民调解员', roles: ['CADRE'], unit: 'sifa' },
  tang: { name: '唐磊', title: '综治办干事', roles: ['CADRE'], unit: 'zongzhi' },
  xu: { name: '许文斌', title: '国土所干部', roles: ['CADRE'], unit: 'guotu' },
  han: { name: '韩梅', title: '民政办干事', roles: ['CADRE'], unit: 'minzheng' },
  feng: { name: '冯涛', title: '派出所社区民警', roles: ['CADRE'], unit: 'paichu' },
  deng: { name: '邓超', title: '驻村干部（东片区）', roles: ['VILLAGE_STATIONED_CADRE', 'CADRE'], unit: 'zongzhi' },
  cao: { name: '曹丽', title: '驻村干部（西片区、北片区）', roles: ['VILLAGE_STATIONED_CADRE', 'CADRE'], unit: 'minzheng' },
  peng: { name: '彭德福', title: '青山村党支部书记', roles: ['VILLAGE_CADRE', 'UNIT_HEAD'], unit: '青山村' },
  zeng: { name: '曾庆林', title: '杨家庄村委会主任', roles: ['VILLAGE_CADRE', 'UNIT_HEAD'], unit: '杨家庄村' },
  xie: { name: '谢春兰', title: '青山村民情信息员', roles: ['SENTIMENT_COLLECTOR'], unit: '青山村' },
  pan: { name: '潘明', title: '高岭村民情信息员（兼职）', roles: ['SENTIMENT_COLLECTOR'], unit: '高岭村' },
} as const satisfies Record<string, PersonSpec>;
export type PersonKey = keyof typeof PEOPLE;
export type LeaderKey = 'liu' | 'chen' | 'wang' | 'li' | 'zhang' | 'zhao' | 'sun';

/** R15: the town leader linked to each village; area leaders as in AREA_LEADERS. */
export const LINKED_LEADER: Record<VillageName, LeaderKey> = {
  青山村: 'wang', 河口村: 'wang', 柳湾村: 'zhao', 石桥村: 'zhao',
  杨家庄村: 'li', 李家坪村: 'li', 桃园村: 'sun', 新塘村: 'sun',
  高岭村: 'zhang', 马鞍山村: 'zhang', 白沙村: 'liu', 龙泉村: 'chen',
};
const AREA_LEADERS: Record<AreaKey, LeaderKey> = { east: 'wang', west: 'li', north: 'zhang' };

/** Heads and leaders in charge (分管领导) of the departments. */
const UNIT_HEADS: Partial<Record<DepartmentKey, { head: PersonKey; inCharge: LeaderKey }>> = {
  office: { head: 'wu', inCharge: 'wang' },
  zongzhi: { head: 'ma', inCharge: 'zhao' },
  sifa: { head: 'gao', inCharge: 'zhao' },
  paichu: { head: 'lin', inCharge: 'zhao' },
  guotu: { head: 'luo', inCharge: 'zhang' },
  minzheng: { head: 'liang', inCharge: 'li' },
};

/** Village links (驻村干部, 村干部, 民情信息员) used by R16 and R18. */
const VILLAGE_LINKS: { person: PersonKey; village: VillageName; relation: 'STATIONED' | 'CADRE' | 'COLLECTOR' }[] = [
  { person: 'deng', village: '青山村', relation: 'STATIONED' },
  { person: 'deng', village: '河口村', relation: 'STATIONED' },
  { person: 'deng', village: '柳湾村', relation: 'STATIONED' },
  { person: 'deng', village: '石桥村', relation: 'STATIONED' },
  { person: 'cao', village: '杨家庄村', relation: 'STATIONED' },
  { person: 'cao', village: '桃园村', relation: 'STATIONED' },
  { person: 'cao', village: '高岭村', relation: 'STATIONED' },
  { person: 'cao', village: '马鞍山村', relation: 'STATIONED' },
  { person: 'peng', village: '青山村', relation: 'CADRE' },
  { person: 'zeng', village: '杨家庄村', relation: 'CADRE' },
  { person: 'xie', village: '青山村', relation: 'COLLECTOR' },
  { person: 'pan', village: '高岭村', relation: 'COLLECTOR' },
];

export interface DemoDirectory {
  people: Record<PersonKey, Person>;
  actor(key: PersonKey): Actor;
  departments: Record<DepartmentKey, string>;
  villages: Record<VillageName, string>;
  /** Village committees (村委会) by village. */
  committees: Record<VillageName, string>;
  areas: Record<AreaKey, string>;
}

const mobileOf = (i: number) => `1390739${String(1001 + i).padStart(4, '0')}`;

/**
 * Creates the township, or finds it when it is already there (names and mobiles are unique),
 * so that a forced second run adds cases without duplicating people.
 */
export async function buildDirectory(db: Database): Promise<DemoDirectory> {
  const p = db.prisma;
  const areas = {} as Record<AreaKey, string>;
  for (const [key, name] of Object.entries(AREAS) as [AreaKey, string][]) {
    areas[key] = (await p.area.upsert({ where: { name }, create: { name }, update: {} })).id;
  }
  const villages = {} as Record<VillageName, string>;
  const committees = {} as Record<VillageName, string>;
  for (const v of VILLAGES) {
    const village = await p.village.upsert({ where: { name: v.name }, create: { name: v.name, areaId: areas[v.area] }, update: {} });
    villages[v.name] = village.id;
    const name = `${v.name}委会`;
    committees[v.name] = (await p.unit.upsert({ where: { name }, create: { name, kind: 'VILLAGE_COMMITTEE', villageId: village.id }, update: {} })).id;
  }
  const departments = {} as Record<DepartmentKey, string>;
  for (const [key, d] of Object.entries(DEPARTMENTS) as [DepartmentKey, { name: string; kind: 'OFFICE' | 'DEPARTMENT' | 'DISCIPLINE' | 'OTHER' }][]) {
    departments[key] = (await p.unit.upsert({ where: { name: d.name }, create: { name: d.name, kind: d.kind }, update: {} })).id;
  }
  const unitOf = (u: DepartmentKey | VillageName | undefined): string | null =>
    u === undefined ? null : u in departments ? departments[u as DepartmentKey] : committees[u as VillageName];

  const people = {} as Record<PersonKey, Person>;
  for (const [i, [key, spec]] of (Object.entries(PEOPLE) as [PersonKey, PersonSpec][]).entries()) {
    const data = { name: spec.name, title: spec.title, roles: spec.roles, unitId: unitOf(spec.unit) };
    const mobile = mobileOf(i);
    people[key] = toPerson(await p.person.upsert({ where: { mobile }, create: { ...data, mobile }, update: data }));
  }

  for (const [key, h] of Object.entries(UNIT_HEADS) as [DepartmentKey, { head: PersonKey; inCharge: LeaderKey }][]) {
    await p.unit.update({ where: { id: departments[key] }, data: { headId: people[h.head].id, leaderInChargeId: people[h.inCharge].id } });
  }
  await p.unit.update({ where: { id: departments.jiwei }, data: { headId: people.zhou.id, leaderInChargeId: people.liu.id } });
  await p.unit.update({ where: { id: departments.dangzheng }, data: { leaderInChargeId: people.chen.id } });
  await p.unit.update({ where: { id: committees['青山村'] }, data: { headId: people.peng.id, leaderInChargeId: people.wang.id } });
  await p.unit.update({ where: { id: committees['杨家庄村'] }, data: { headId: people.zeng.id, leaderInChargeId: people.li.id } });
  for (const [key, leader] of Object.entries(AREA_LEADERS) as [AreaKey, LeaderKey][]) {
    await p.area.update({ where: { id: areas[key] }, data: { leaderId: people[leader].id } });
  }
  for (const v of VILLAGES) {
    await p.village.update({ where: { id: villages[v.name] }, data: { linkedLeaderId: people[LINKED_LEADER[v.name]].id } });
  }
  await p.personVillage.createMany({
    data: VILLAGE_LINKS.map((l) => ({ personId: people[l.person].id, villageId: villages[l.village], relation: l.relation })),
    skipDuplicates: true,
  });
  return {
    people,
    actor: (key) => ({ person: people[key], channel: 'SCRIPT' }),
    departments,
    villages,
    committees,
    areas,
  };
}
