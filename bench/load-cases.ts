import type { Database } from '../src/db/database.js';
import { toPerson } from '../src/db/repos/mappers.js';
import type { Person } from '../src/domain/model.js';

export interface BenchTownship {
  office: Person;
  leaderIds: string[];
  cadreIds: string[];
}

const AREAS = ['东片区', '西片区', '北片区'];
const VILLAGES_PER_AREA = 8;
const DEPARTMENTS = ['综治办', '司法所', '派出所', '国土所', '民政办', '农业农村办', '城建办', '社保所'];
const LEADERS = ['王志刚', '李红梅', '张国庆', '赵德明', '孙秀英', '周立军', '钱永福', '郑海波', '冯雪琴', '陈卫国', '褚明辉', '卫思远'];

/** A bigger township than the demo's: 3 areas, 24 villages, 8 departments, 12 leaders, 40 cadres. */
export async function loadTownship(db: Database): Promise<BenchTownship> {
  const p = db.prisma;
  const office = await p.unit.create({ data: { name: '镇信访办', kind: 'OFFICE' } });
  const departments = [];
  for (const name of DEPARTMENTS) departments.push(await p.unit.create({ data: { name, kind: 'DEPARTMENT' } }));
  let village = 0;
  for (const name of AREAS) {
    const area = await p.area.create({ data: { name } });
    for (let i = 0; i < VILLAGES_PER_AREA; i++) {
      village += 1;
      const v = await p.village.create({ data: { name: `${name.slice(0, 1)}${village}村`, areaId: area.id } });
      await p.unit.create({ data: { name: `${v.name}委会`, kind: 'VILLAGE_COMMITTEE', villageId: v.id } });
    }
  }
  const officer = toPerson(await p.person.create({ data: { name: '吴晓燕', roles: ['OFFICE_STAFF'], unitId: office.id } }));
  const leaderIds: string[] = [];
  for (const name of LEADERS) {
    leaderIds.push((await p.person.create({ data: { name, roles: ['TOWN_LEADER'] } })).id);
  }
  const cadreIds: string[] = [];
  for (let i = 0; i < 40; i++) {
    const unit = departments[i % departments.length]!;
    cadreIds.push((await p.person.create({ data: { name: `干部${i + 1}`, roles: ['CADRE'], unitId: unit.id } })).id);
  }
  return { office: officer, leaderIds, cadreIds };
}

const TITLES = [
  ['征地补偿款分配不公', '信访人反映本组征地补偿款分配方案未经村民代表大会讨论，部分外嫁女未分得补偿款，请求重新核定分配名单。'],
  ['宅基地边界纠纷', '信访人与邻居因宅基地边界及滴水檐发生争执，多次协调未果，请求镇国土所实地测量确权。'],
  ['拖欠农民工工资', '信访人等在村道硬化工程务工，包工头拖欠三个月工资，请求协调施工方支付。'],
  ['养殖场污染环境', '村内生猪养殖场粪污直排沟渠，气味刺鼻，影响周边群众生活，请求责令整改。'],
  ['低保评定有异议', '信访人认为本村低保评定不公开不公平，家庭困难却未纳入，请求复核。'],
  ['土地流转租金未兑现', '合作社流转本组土地后连续两年未支付租金，请求督促兑现。'],
  ['邻里排水纠纷', '邻居建房抬高地基导致雨水倒灌信访人家中，请求调解。'],
  ['村务公开不到位', '信访人反映村集体收支长期未公开，请求镇里督促村委会公开账目。'],
];

/**
 * 100,000 cases in one INSERT … SELECT: five years of receipts up to `now`, a realistic share
 * of open, overdue and late-resolved cases, spread over leaders, cadres and villages.
 */
export async function loadCases(db: Database, town: BenchTownship, n: number, now: Date): Promise<void> {
  const cadreUnits = await db.prisma.person.findMany({ where: { id: { in: town.cadreIds } }, select: { id: true, unitId: true } });
  const unitOf = new Map(cadreUnits.map((c) => [c.id, c.unitId!]));
  const villages = (await db.prisma.village.findMany({ select: { id: true }, orderBy: { name: 'asc' } })).map((v) => v.id);
  await db.sql.query('SELECT setseed(0.2026)');
  await db.sql.query(
    `INSERT INTO "Case" ("id", "number", "year", "seq", "title", "content", "source", "complexity", "status",
        "receivedAt", "villageId", "headcount", "ownershipReasons", "dangerFlags", "ownerLeaderId", "unitId",
        "responsiblePersonId", "acceptedAt", "dueOn", "dueRule", "overdueOn", "resolvedAt", "followedUpAt",
        "archivedAt", "createdById", "createdAt", "updatedAt")
     WITH base AS (
       SELECT g AS i,
              $2::timestamptz - ((($1::int - g)::float8 / $1::int) * interval '1826 days') - random() * interval '6 hours' AS received,
              random() AS r_status, random() AS r_src, random() AS r_cx, random() AS r_vil, random() AS r_own,
              random() AS r_late, random() AS r_who, random() AS r_cadre
       FROM generate_series(1, $1::int) g
     ), dated AS (
       SELECT b.*, (b.received AT TIME ZONE INTERVAL '+08:00')::date AS rday,
              extract(year FROM b.received AT TIME ZONE INTERVAL '+08:00')::int AS yr,
              CASE WHEN r_cx < 0.2 THEN 'SIMPLE' WHEN r_cx < 0.8 THEN 'GENERAL' ELSE 'COMPLEX' END AS cx
       FROM base b
     ), due AS (
       SELECT d.*, CASE d.cx WHEN 'SIMPLE' THEN d.rday WHEN 'GENERAL' THEN d.rday + 21 ELSE (d.rday + interval '2 months')::date END AS due0,
              ($2::timestamptz - d.received) AS age
       FROM dated d
     ), shaped AS (
       SELECT u.*,
         CASE
           WHEN u.due0 >= ($2::timestamptz AT TIME ZONE INTERVAL '+08:00')::date THEN
             CASE WHEN r_status < 0.10 THEN 'REGISTERED' WHEN r_status < 0.16 THEN 'AWAITING_OWNER'
                  WHEN r_status < 0.20 THEN 'AWAITING_APPROVAL' WHEN r_status < 0.22 THEN 'RETURNED'
                  WHEN r_status < 0.70 THEN 'IN_PROGRESS' WHEN r_status < 0.75 THEN 'EXTENDED'
                  WHEN r_status < 0.88 THEN 'RESOLVED' ELSE 'FOLLOWED_UP' END
           WHEN u.age < interval '180 days' THEN
             CASE WHEN r_status < 0.08 THEN 'IN_PROGRESS' WHEN r_status < 0.10 THEN 'EXTENDED'
                  WHEN r_status < 0.11 THEN 'AWAITING_OWNER' WHEN r_status < 0.35 THEN 'RESOLVED'
                  WHEN r_status < 0.70 THEN 'FOLLOWED_UP' ELSE 'ARCHIVED' END
           ELSE
             CASE WHEN r_status < 0.005 THEN 'IN_PROGRESS' WHEN r_status < 0.008 THEN 'EXTENDED'
                  WHEN r_status < 0.03 THEN 'RESOLVED' WHEN r_status < 0.10 THEN 'FOLLOWED_UP' ELSE 'ARCHIVED' END
         END AS st,
         CASE WHEN r_src < 0.30 THEN 'VISIT' WHEN r_src < 0.45 THEN 'LETTER' WHEN r_src < 0.60 THEN 'ONLINE'
              WHEN r_src < 0.70 THEN 'PHONE' WHEN r_src < 0.78 THEN 'RECEPTION_DAY' WHEN r_src < 0.85 THEN 'LEADER_VISIT'
              WHEN r_src < 0.90 THEN 'REFERRED' WHEN r_src < 0.95 THEN 'SENTIMENT' ELSE 'SCREENING' END AS src
       FROM due u
     ), final AS (
       SELECT s.*,
         s.due0 + CASE WHEN s.st = 'EXTENDED' THEN 30 ELSE 0 END AS due,
         s.st IN ('IN_PROGRESS', 'EXTENDED', 'RESOLVED', 'FOLLOWED_UP', 'ARCHIVED') AS assigned,
         s.st IN ('RESOLVED', 'FOLLOWED_UP', 'ARCHIVED') AS closed,
         -- about one closed case in seventeen is resolved after its deadline
         s.received + ((s.due0 - s.rday) * (0.1 + s.r_late * 0.95) + 0.25 * s.r_late) * interval '1 day' AS resolved,
         1 + floor(s.r_who * array_length($4::text[], 1))::int AS leader_ix,
         1 + floor(s.r_cadre * array_length($5::text[], 1))::int AS cadre_ix,
         row_number() OVER (PARTITION BY s.yr ORDER BY s.received, s.i) AS seq
       FROM shaped s
     )
     SELECT gen_random_uuid()::text,
            'XF-' || f.yr || '-' || CASE WHEN f.seq < 10000 THEN lpad(f.seq::text, 4, '0') ELSE f.seq::text END,
            f.yr, f.seq,
            ($7::text[])[1 + (f.i % array_length($7::text[], 1))],
            ($8::text[])[1 + (f.i % array_length($8::text[], 1))] || '（批量基准数据第' || f.i || '件）',
            f.src::"CaseSource", f.cx::"Complexity", f.st::"CaseStatus", f.received,
            CASE WHEN f.r_vil < 0.9 THEN ($3::text[])[1 + floor(power(f.r_vil / 0.9, 1.6) * array_length($3::text[], 1))::int] END,
            CASE WHEN f.r_own < 0.05 THEN 5 + (f.i % 30) ELSE 1 END,
            CASE WHEN f.r_own < 0.35 THEN ARRAY['LEADING_GROUP'] ELSE ARRAY[]::text[] END,
            ARRAY[]::text[],
            CASE WHEN f.r_own < 0.35 AND f.assigned THEN ($4::text[])[f.leader_ix] END,
            CASE WHEN f.assigned THEN ($6::text[])[f.cadre_ix] END,
            CASE WHEN f.assigned THEN ($5::text[])[f.cadre_ix] END,
            f.received, f.due,
            CASE WHEN f.st = 'EXTENDED' THEN 'R10_EXTENSION' WHEN f.r_own < 0.35 THEN 'R8_OWNERSHIP' ELSE 'R7_' || f.cx END,
            CASE WHEN f.closed AND (f.resolved AT TIME ZONE INTERVAL '+08:00')::date > f.due THEN f.due + 1 END,
            CASE WHEN f.closed THEN f.resolved END,
            CASE WHEN f.st IN ('FOLLOWED_UP', 'ARCHIVED') THEN f.resolved + interval '10 days' END,
            CASE WHEN f.st = 'ARCHIVED' THEN f.resolved + interval '40 days' END,
            $9, f.received, f.received
     FROM final f`,
    [
      n,
      now,
      villages,
      town.leaderIds,
      town.cadreIds,
      town.cadreIds.map((c) => unitOf.get(c)),
      TITLES.map((t) => t[0]),
      TITLES.map((t) => t[1]),
      town.office.id,
    ],
  );
  await db.sql.query(
    `INSERT INTO "Petitioner" ("id", "caseId", "name", "phone", "address", "isPrimary")
     SELECT gen_random_uuid()::text, c."id", '信访人' || c."seq", '138' || lpad((c."seq" * 7919 % 100000000)::text, 8, '0'), '本镇', true
     FROM "Case" c`,
  );
  await db.sql.query(`INSERT INTO "CaseNumberCounter" ("year", "last") SELECT "year", max("seq") FROM "Case" GROUP BY "year"`);
  await db.sql.exec('VACUUM ANALYZE');
}
