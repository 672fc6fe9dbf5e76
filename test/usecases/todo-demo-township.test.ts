import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DbConfigSource } from '../../src/db/config-source.js';
import { myOpenCases } from '../../src/db/queries/my-open-cases.js';
import { toCase, toPerson } from '../../src/db/repos/mappers.js';
import { prismaUnitOfWork } from '../../src/db/unit-of-work.js';
import { PEOPLE, type PersonKey } from '../../src/demo/directory.js';
import { seedDemo } from '../../src/demo/seed-demo.js';
import { authorizeCase, isAccused } from '../../src/domain/authorization.js';
import type { CaseStatus, Person } from '../../src/domain/model.js';
import { caseScope } from '../../src/domain/privacy/case-scope.js';
import { TODO_BANDS, type TodoEntry } from '../../src/domain/worklist/todo-urgency.js';
import { FixedClock } from '../../src/lib/clock.js';
import { todoList } from '../../src/usecases/duties/todo-list.js';
import { TEST_AUDIT_KEY } from '../support/audit-key.js';
import { freshPostgres, type TestDatabase } from '../support/database.js';

// The demo township 清河镇 (src/demo, deterministic) on Saturday 2026-11-28: what each role's
// 待办 and 我的 hold, as the reviewer walked them. On PostgreSQL for speed: replaying eleven months
// of work takes seconds there, minutes on the embedded database (test/db/seed-demo.test.ts seeds
// it there; test/usecases/todo-list.test.ts reads the 待办 on both).

const NOW = '2026-11-28T10:00:00+08:00';

describe('待办 and 我的 of every role on the demo township', () => {
  let t: TestDatabase;
  let deps: Parameters<typeof todoList>[0];
  const people = {} as Record<PersonKey, Person>;
  const lists = {} as Record<PersonKey, TodoEntry[]>;

  beforeAll(async () => {
    t = await freshPostgres();
    await seedDemo(t.db, new FixedClock(new Date(NOW)), TEST_AUDIT_KEY);
    deps = { uow: prismaUnitOfWork(t.db.prisma, TEST_AUDIT_KEY), clock: new FixedClock(new Date(NOW)), config: new DbConfigSource(t.db.prisma, 0) };
    for (const key of Object.keys(PEOPLE) as PersonKey[]) {
      people[key] = toPerson(await t.db.prisma.person.findFirstOrThrow({ where: { name: PEOPLE[key].name } }));
      lists[key] = (await todoList(deps, { person: people[key], channel: 'SCRIPT' }, { scope: caseScope(people[key], 'DIRECT_CHAT') })).entries;
    }
  }, 300_000);
  afterAll(() => t?.drop());

  const numbersWith = async (status: CaseStatus) => (await t.db.prisma.case.findMany({ where: { status }, select: { number: true } })).map((c) => c.number).sort();
  const numbersOf = (key: PersonKey, kind: TodoEntry['kind']) => lists[key].filter((e) => e.kind === kind).map((e) => e.case!.number).sort();
  const caseByNumber = async (number: string) => toCase(await t.db.prisma.case.findUniqueOrThrow({ where: { number }, include: { petitioners: true } }));

  it('R1/R4/R5/R9/R27: the office holds every case waiting for its owner, every one never handed over, every returned proposal and every call-back due', async () => {
    for (const key of ['wu', 'zheng'] as const) {
      expect(numbersOf(key, 'PROPOSE_OWNER'), key).toEqual(await numbersWith('AWAITING_OWNER'));
      expect(numbersOf(key, 'ROUTE'), key).toEqual(await numbersWith('REGISTERED'));
      expect(numbersOf(key, 'RETURNED'), key).toEqual(await numbersWith('RETURNED'));
      expect(numbersOf(key, 'FOLLOW_UP'), key).toEqual(await numbersWith('RESOLVED'));
      expect(lists[key].filter((e) => e.kind === 'SENTIMENT'), key).toHaveLength(2);
      expect(lists[key].some((e) => e.kind === 'MEETING'), key).toBe(true);
    }
    // The case stuck past the statutory limit (received 75 days ago) is overdue on the list, not at its end.
    const stuck = lists.wu.find((e) => e.kind === 'PROPOSE_OWNER' && e.urgency.band === 'OVERDUE');
    expect(stuck?.why).toBe('需领导包案（信访领导小组认定需包案），尚未提出包案意见');
    expect(lists.wu[0]!.urgency.band).toBe('OVERDUE');
  });

  it('R11: the office follows up every overdue case it does not handle itself (督办), naming who handles it', async () => {
    const overdue = await t.db.prisma.case.findMany({
      where: { status: { in: ['IN_PROGRESS', 'EXTENDED'] }, dueOn: { lt: new Date('2026-11-28T00:00:00Z') } },
      select: { number: true, responsiblePersonId: true },
    });
    expect(overdue.length).toBeGreaterThanOrEqual(5);
    const supervised = lists.wu.filter((e) => e.kind === 'SUPERVISE');
    expect(supervised.map((e) => e.case!.number).sort()).toEqual(overdue.filter((c) => c.responsiblePersonId !== people.wu.id).map((c) => c.number).sort());
    expect(supervised.every((e) => e.urgency.band === 'OVERDUE' && e.personName !== null)).toBe(true);
  });

  it('R11/R19: a unit head\'s 待办 and 我的 hold the case a 综治办 cadre lets run overdue, marked as the unit\'s', async () => {
    const zongzhi = await t.db.prisma.case.findMany({
      where: { unitId: people.ma.unitId, status: { in: ['IN_PROGRESS', 'EXTENDED'] }, dueOn: { lt: new Date('2026-11-28T00:00:00Z') }, NOT: { responsiblePersonId: people.ma.id } },
      select: { number: true, responsiblePersonId: true },
    });
    expect(zongzhi.length).toBeGreaterThan(0);
    for (const c of zongzhi) {
      const item = lists.ma.find((e) => e.case?.number === c.number);
      expect(item).toMatchObject({ kind: 'UNIT_CASE', urgency: { band: 'OVERDUE' } });
      expect(item!.why).toBe('已超过办结时限，请督促办结');
      // The cadre who handles it has it too, as theirs.
      const handler = (Object.keys(people) as PersonKey[]).find((k) => people[k].id === c.responsiblePersonId)!;
      expect(lists[handler].find((e) => e.case?.number === c.number)).toMatchObject({ urgency: { band: 'OVERDUE' } });
      expect(['HANDLE', 'REPORT_PROGRESS']).toContain(lists[handler].find((e) => e.case?.number === c.number)!.kind);
    }
    const mine = await myOpenCases(t.db.prisma, people.ma, { today: '2026-11-28', scope: caseScope(people.ma, 'DIRECT_CHAT') });
    for (const c of zongzhi) expect(mine.cases.find((m) => m.number === c.number)?.role).toBe('UNIT');
    expect(mine.cases.some((m) => m.role === 'RESPONSIBLE')).toBe(true);
  });

  it('R4/R18/R20: principal leaders and approvers decide the pending proposals and acknowledge their alerts; none of the office\'s work', async () => {
    const pending = await numbersWith('AWAITING_APPROVAL');
    for (const key of ['liu', 'chen', 'wang', 'li', 'zhao', 'sun', 'zhou'] as const) {
      expect(numbersOf(key, 'APPROVE'), key).toEqual(pending);
      expect(lists[key].some((e) => ['ROUTE', 'PROPOSE_OWNER', 'SUPERVISE', 'FOLLOW_UP'].includes(e.kind)), key).toBe(false);
    }
    expect(lists.liu.filter((e) => e.kind === 'ALERT').length).toBeGreaterThan(0);
    expect(lists.liu[0]!.urgency.band).toBe('NOW');
    // R15: 赵德明 has visited none of his villages this month.
    expect(lists.zhao.find((e) => e.kind === 'VISIT')?.why).toBe('2026年11月尚未下访联系村（每月至少一次）');
    expect(lists.zhang.some((e) => e.kind === 'VISIT')).toBe(false);
  });

  it('R2: an owner leader reports on each owned case whose period has no progress yet, most urgent first', async () => {
    const owned = await t.db.prisma.case.findMany({ where: { ownerLeaderId: people.zhang.id, status: { in: ['IN_PROGRESS', 'EXTENDED'] } }, select: { number: true } });
    expect(lists.zhang.filter((e) => e.kind === 'HANDLE' || e.kind === 'REPORT_PROGRESS').map((e) => e.case!.number).sort()).toEqual(owned.map((c) => c.number).sort());
    expect(lists.zhang.some((e) => e.kind === 'REPORT_PROGRESS')).toBe(true);
  });

  it('R24/R26: the village cadre an accusation names has nothing of it; discipline inspection and its handler have it', async () => {
    const accusation = await t.db.prisma.case.findFirstOrThrow({ where: { classification: 'ACCUSATION', accusedPersonId: people.zeng.id } });
    expect(lists.zeng.some((e) => e.caseId === accusation.id)).toBe(false);
    const mine = await myOpenCases(t.db.prisma, people.zeng, { today: '2026-11-28', scope: caseScope(people.zeng, 'DIRECT_CHAT') });
    expect(mine.cases.some((c) => c.id === accusation.id)).toBe(false);
    expect(lists.zhou.some((e) => e.caseId === accusation.id)).toBe(true);
  });

  it('sentiment collectors and the system admin have nothing to do today', () => {
    expect([lists.xie, lists.pan, lists.he]).toEqual([[], [], []]);
  });

  it('R24: nobody\'s list names a case they may not see or that accuses them; every list is in order of urgency', async () => {
    for (const key of Object.keys(people) as PersonKey[]) {
      for (const e of lists[key].filter((x) => x.case)) {
        const c = await caseByNumber(e.case!.number);
        expect(isAccused(people[key], c), `${key} ${c.number}`).toBe(false);
        expect(authorizeCase(people[key], 'VIEW', c).allowed, `${key} ${c.number}`).toBe(true);
      }
      const bands = lists[key].map((e) => TODO_BANDS.indexOf(e.urgency.band));
      expect(bands, key).toEqual([...bands].sort((a, b) => a - b));
      const overdue = lists[key].filter((e) => e.urgency.band === 'OVERDUE').map((e) => e.dueOn!);
      expect(overdue, key).toEqual([...overdue].sort());
    }
  });
});
