import { FixedClock } from '../../src/lib/clock.js';
import type { Database } from '../../src/db/database.js';
import { DbConfigSource, ensureReferenceData } from '../../src/db/config-source.js';
import { prismaUnitOfWork } from '../../src/db/unit-of-work.js';
import { TEST_AUDIT_KEY } from './audit-key.js';
import { toPerson } from '../../src/db/repos/mappers.js';
import type { Actor, Person, Role } from '../../src/domain/model.js';
import type { Deps } from '../../src/usecases/ports.js';

/** A small township for tests: the office, leaders, two units, one area with two villages. */
export interface Township {
  deps: Deps & { config: DbConfigSource };
  clock: FixedClock;
  people: Record<
    'office' | 'approver' | 'secretary' | 'mayor' | 'deputy' | 'deputy2' | 'cadre' | 'cadre2' | 'unitHead' | 'areaLeader' | 'stationed' | 'villageCadre' | 'collector' | 'outsider' | 'discipline',
    Person
  >;
  units: Record<'office' | 'justice' | 'police' | 'villageA' | 'discipline', string>;
  villages: Record<'a' | 'b', string>;
  areaId: string;
  actor(p: Person): Actor;
}

export async function buildTownship(db: Database, now = '2026-11-02T09:00:00+08:00'): Promise<Township> {
  const p = db.prisma;
  const clock = new FixedClock(new Date(now));
  await ensureReferenceData(p);
  const area = await p.area.create({ data: { name: '东片区' } });
  const vA = await p.village.create({ data: { name: '青山村', areaId: area.id } });
  const vB = await p.village.create({ data: { name: '河口村', areaId: area.id } });
  const unit = (name: string, kind: 'OFFICE' | 'DEPARTMENT' | 'VILLAGE_COMMITTEE' | 'DISCIPLINE', villageId?: string) =>
    p.unit.create({ data: { name, kind, villageId: villageId ?? null } });
  const office = await unit('镇信访办', 'OFFICE');
  const justice = await unit('司法所', 'DEPARTMENT');
  const police = await unit('派出所', 'DEPARTMENT');
  const villageA = await unit('青山村委会', 'VILLAGE_COMMITTEE', vA.id);
  const discipline = await unit('镇纪委', 'DISCIPLINE');
  const person = async (name: string, roles: Role[], unitId: string | null, mobile: string) =>
    toPerson(await p.person.create({ data: { name, roles, unitId, mobile } }));
  const people = {
    office: await person('王丽华', ['OFFICE_STAFF'], office.id, '13800000001'),
    approver: await person('李建国', ['APPROVER', 'TOWN_LEADER'], null, '13800000002'),
    secretary: await person('赵书记', ['PRINCIPAL_LEADER', 'APPROVER'], null, '13800000003'),
    mayor: await person('钱镇长', ['PRINCIPAL_LEADER'], null, '13800000004'),
    deputy: await person('孙副镇长', ['TOWN_LEADER'], null, '13800000005'),
    deputy2: await person('周副书记', ['TOWN_LEADER'], null, '13800000006'),
    cadre: await person('吴志强', ['CADRE'], justice.id, '13800000007'),
    cadre2: await person('郑晓红', ['CADRE'], police.id, '13800000008'),
    unitHead: await person('冯所长', ['UNIT_HEAD'], justice.id, '13800000009'),
    areaLeader: await person('陈片长', ['AREA_LEADER', 'TOWN_LEADER'], null, '13800000010'),
    stationed: await person('褚驻村', ['VILLAGE_STATIONED_CADRE'], null, '13800000011'),
    villageCadre: await person('卫村支书', ['VILLAGE_CADRE'], villageA.id, '13800000012'),
    collector: await person('蒋信息员', ['SENTIMENT_COLLECTOR'], villageA.id, '13800000013'),
    outsider: await person('沈路人', ['CADRE'], police.id, '13800000014'),
    discipline: await person('韩纪检', ['DISCIPLINE_INSPECTOR'], discipline.id, '13800000015'),
  };
  await p.unit.update({ where: { id: office.id }, data: { leaderInChargeId: people.deputy2.id, headId: people.office.id } });
  await p.unit.update({ where: { id: justice.id }, data: { headId: people.unitHead.id, leaderInChargeId: people.deputy.id } });
  await p.unit.update({ where: { id: villageA.id }, data: { headId: people.villageCadre.id } });
  await p.area.update({ where: { id: area.id }, data: { leaderId: people.areaLeader.id } });
  await p.village.update({ where: { id: vA.id }, data: { linkedLeaderId: people.deputy.id } });
  await p.personVillage.createMany({
    data: [
      { personId: people.stationed.id, villageId: vA.id, relation: 'STATIONED' },
      { personId: people.villageCadre.id, villageId: vA.id, relation: 'CADRE' },
      { personId: people.collector.id, villageId: vA.id, relation: 'COLLECTOR' },
    ],
  });
  const config = new DbConfigSource(p, 0);
  return {
    deps: { uow: prismaUnitOfWork(p, TEST_AUDIT_KEY), clock, config },
    clock,
    people,
    units: { office: office.id, justice: justice.id, police: police.id, villageA: villageA.id, discipline: discipline.id },
    villages: { a: vA.id, b: vB.id },
    areaId: area.id,
    actor: (person) => ({ person, channel: 'SCRIPT' }),
  };
}

/** A valid intake form, to be varied by each test. */
export function intakeForm(overrides: Record<string, unknown> = {}) {
  return {
    title: '宅基地边界纠纷',
    content: '信访人反映与邻居宅基地边界不清，多次协调未果，请求镇里组织测量确权。',
    source: 'VISIT',
    complexity: 'GENERAL',
    petitioners: [{ name: '张大明', idNumber: '110101199003074514', phone: '13812345678', address: '青山村三组12号' }],
    ...overrides,
  };
}
