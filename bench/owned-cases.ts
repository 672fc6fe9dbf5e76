import type { Database } from '../src/db/database.js';
import { makeIdNumber } from '../src/demo/id-numbers.js';
import type { Person } from '../src/domain/model.js';
import { addDays, localDateOf } from '../src/lib/local-date.js';
import { intakeCase } from '../src/usecases/intake-case.js';
import { approveOwnership } from '../src/usecases/ownership/decide-ownership.js';
import { proposeOwnership } from '../src/usecases/ownership/propose-ownership.js';
import { intakeForm, type Township } from '../test/support/township.js';
import { throughput } from './measure.js';

/** An open case with an owner: its responsible person reports progress, its leader views it. */
export interface OwnedCase {
  caseId: string;
  number: string;
  responsible: Person;
  leader: Person;
}

/** `n` open owned cases, made through the use cases (intake, R4 proposal, approval) so that they are real. */
export async function seedOwnedCases(db: Database, town: Township, n: number): Promise<OwnedCase[]> {
  const p = town.people;
  const teams = [
    { leader: p.deputy, unitId: town.units.justice, responsible: p.cadre },
    { leader: p.deputy2, unitId: town.units.police, responsible: p.cadre2 },
    { leader: p.areaLeader, unitId: town.units.justice, responsible: p.unitHead },
  ];
  const deadline = addDays(localDateOf(town.clock.now()), 14);
  const titles = ['征地补偿款分配不公', '拖欠农民工工资', '宅基地边界纠纷', '土地流转租金未兑现', '养殖场污染环境', '低保评定有异议'];
  const cases: OwnedCase[] = new Array(n);
  await throughput(n, 8, async (i) => {
    const team = teams[i % teams.length]!;
    const { case: c } = await intakeCase(
      town.deps,
      town.actor(p.office),
      intakeForm({
        title: `${titles[i % titles.length]}（基准第${i + 1}件）`,
        headcount: 6 + (i % 20),
        villageId: i % 2 ? town.villages.a : town.villages.b,
        petitioners: [{ name: '李桂香', idNumber: makeIdNumber('430521', '19680412', 2 * (i % 400)), phone: '13907391234' }],
      }),
    );
    const { proposal } = await proposeOwnership(town.deps, town.actor(p.office), {
      caseId: c.id,
      leaderId: team.leader.id,
      unitId: team.unitId,
      responsiblePersonId: team.responsible.id,
      requirements: '两周内查清事实，提出处理意见，做好稳控',
      deadline,
      reportingCadence: 'WEEKLY',
    });
    await approveOwnership(town.deps, town.actor(p.approver), { proposalId: proposal.id });
    cases[i] = { caseId: c.id, number: c.number, responsible: team.responsible, leader: team.leader };
  });
  const open = await db.prisma.case.count({ where: { status: 'IN_PROGRESS' } });
  if (open !== n) throw new Error(`expected ${n} cases in progress, found ${open}`);
  return cases;
}
