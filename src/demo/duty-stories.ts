import { OPEN_STATUSES } from '../domain/case-status.js';
import { addDays, quarterOf, toDbDate, type LocalDate } from '../lib/local-date.js';
import { markOverdueCases } from '../usecases/cases/mark-overdue-cases.js';
import { declareScreeningPeriod } from '../usecases/duties/declare-screening-period.js';
import { logVisit } from '../usecases/duties/log-visit.js';
import { recordMeeting } from '../usecases/duties/record-meeting.js';
import { reportSentiment } from '../usecases/duties/report-sentiment.js';
import { scheduleReceptionDay } from '../usecases/duties/schedule-reception-day.js';
import { submitUnitReport } from '../usecases/duties/submit-unit-report.js';
import type { StoryContext } from './case-story.js';
import { atMinutes, minDate, workdayOnOrBefore } from './demo-time.js';
import { LINKED_LEADER, PEOPLE, VILLAGES, type LeaderKey, type PersonKey, type VillageName } from './directory.js';
import { Random } from './random.js';
import type { PrismaClient } from '../generated/prisma/client.js';

const RECEPTION_LEADERS: LeaderKey[] = ['wang', 'li', 'zhang', 'zhao', 'sun', 'chen', 'liu'];
const RECEPTION_PLACE = '镇便民服务中心一楼信访接待室';

/** R14 接访日: every Monday (or the week's first working day) a town leader receives petitioners. */
export function receptionDates(ctx: Pick<StoryContext, 'calendar' | 'today'>, fromDaysAgo: number, toDaysAhead: number): LocalDate[] {
  const dates: LocalDate[] = [];
  let d = addDays(ctx.today, -fromDaysAgo);
  while (new Date(`${d}T00:00:00Z`).getUTCDay() !== 1) d = addDays(d, 1);
  for (; d <= addDays(ctx.today, toDaysAhead); d = addDays(d, 7)) {
    let day = d;
    while (!ctx.calendar.isWorkingDay(day) && day < addDays(d, 5)) day = addDays(day, 1);
    if (ctx.calendar.isWorkingDay(day)) dates.push(day);
  }
  return dates;
}

/** The office puts each reception day on the schedule a week ahead (a forced re-run reuses the days already there). */
export function spawnReceptionDays(ctx: StoryContext, prisma: PrismaClient, dates: LocalDate[]): void {
  const lastDay = addDays(ctx.today, -1);
  dates.forEach((date, i) => {
    const leader = RECEPTION_LEADERS[i % RECEPTION_LEADERS.length]!;
    const scheduleOn = minDate(addDays(date, -7), lastDay);
    ctx.tl.spawn(atMinutes(scheduleOn, 10 * 60), async () => {
      const leaderId = ctx.dir.people[leader].id;
      const existing = await prisma.receptionDay.findUnique({ where: { leaderId_date: { leaderId, date: toDbDate(date) } }, select: { id: true } });
      if (existing) {
        ctx.receptionDays.set(date, existing.id);
        return;
      }
      const { day } = await scheduleReceptionDay(ctx.deps, ctx.dir.actor('wu'), {
        leaderId,
        date,
        location: RECEPTION_PLACE,
        note: `${PEOPLE[leader].name}同志接访，信访办${PEOPLE.zheng.name}做好登记`,
      });
      ctx.receptionDays.set(date, day.id);
    });
  });
}

const VISIT_NOTES = [
  '走访了解征地补偿和人居环境整治情况，听取群众意见。',
  '召开群众座谈会，收集矛盾纠纷线索，现场解答政策问题。',
  '入户走访低保户、残疾人家庭等困难群众。',
  '检查安全生产和防汛工作，走访重点信访人。',
];

/**
 * R15 下访: each linked leader visits each of their villages once a month. One leader has no
 * visit yet this month (the gap the reminder is for); visits that a case story logs are skipped.
 */
export function spawnVillageVisits(ctx: StoryContext, months: number, taken: Set<string>, skipThisMonth: LeaderKey): void {
  const rng = new Random(ctx.seed + 15);
  const lastDay = addDays(ctx.today, -1);
  const [y, m] = ctx.today.split('-').map(Number) as [number, number];
  for (let back = months - 1; back >= 0; back--) {
    const total = y * 12 + (m - 1) - back;
    const ym = `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
    for (const v of VILLAGES) {
      const leader = LINKED_LEADER[v.name];
      if (taken.has(`${leader}|${v.name}|${ym}`) || (back === 0 && leader === skipThisMonth)) continue;
      const date = workdayOnOrBefore(ctx.calendar, `${ym}-${String(rng.int(3, 20)).padStart(2, '0')}`);
      const note = rng.pick(VISIT_NOTES);
      const met = rng.int(4, 15);
      if (date > lastDay || !date.startsWith(ym)) continue;
      ctx.tl.spawn(atMinutes(date, 17 * 60 + 30), async () => {
        await logVisit(ctx.deps, ctx.dir.actor(leader), {
          villageId: ctx.dir.villages[v.name],
          date,
          peopleMet: `村支两委成员、驻村干部和${met}名群众代表`,
          note,
        });
      });
    }
  }
}

type ReportPlan = { unit: 'zongzhi' | 'sifa' | 'paichu' | 'guotu' | 'minzheng' | VillageName; by: PersonKey; daysAgo: number; findings: string | null };

/** R17: a regular screening last quarter (all reported) and a sensitive period now (one zero report, one missing). */
export function spawnScreening(ctx: StoryContext): void {
  const { dir, deps, tl, today } = ctx;
  const unitId = (u: ReportPlan['unit']) => (u in dir.departments ? dir.departments[u as 'zongzhi'] : dir.committees[u as VillageName]);
  const units: ReportPlan['unit'][] = ['zongzhi', 'sifa', 'paichu', 'guotu', 'minzheng', '青山村', '杨家庄村', '高岭村'];
  const periods: { name: string; kind: 'REGULAR' | 'SENSITIVE'; declared: number; starts: number; ends: number; due: number; reports: ReportPlan[] }[] = [
    {
      name: `${quarterOf(addDays(today, -93)).replace('Q', '年第')}季度矛盾纠纷常规排查`,
      kind: 'REGULAR',
      declared: -95,
      starts: -93,
      ends: -65,
      due: -66,
      reports: [
        { unit: 'zongzhi', by: 'ma', daysAgo: 70, findings: '排查出土地流转租金纠纷2起、养殖污染投诉1起，已建立台账并落实包案。' },
        { unit: 'sifa', by: 'gao', daysAgo: 69, findings: '排查邻里、婚姻家庭纠纷5起，已调解4起，1起正在调解中。' },
        { unit: 'paichu', by: 'lin', daysAgo: 68, findings: null },
        { unit: 'guotu', by: 'luo', daysAgo: 68, findings: '排查宅基地、山林权属争议3起，均已建档并安排实地勘测。' },
        { unit: 'minzheng', by: 'liang', daysAgo: 67, findings: null },
        { unit: '青山村', by: 'peng', daysAgo: 70, findings: '本村排查出灌溉用水纠纷1起，村调委会已调解。' },
        { unit: '杨家庄村', by: 'zeng', daysAgo: 67, findings: null },
        { unit: '高岭村', by: 'wu', daysAgo: 66, findings: '经信访办代为汇总：山林边界争议1起，已报国土所。' },
      ],
    },
    {
      name: '岁末年初敏感时期矛盾纠纷集中排查',
      kind: 'SENSITIVE',
      declared: -12,
      starts: -10,
      ends: 20,
      due: -2,
      reports: [
        { unit: 'zongzhi', by: 'ma', daysAgo: 5, findings: '排查出年底欠薪隐患2处、征地遗留问题1起，已逐一落实包保责任人。' },
        { unit: 'sifa', by: 'gao', daysAgo: 4, findings: '排查矛盾纠纷6起，其中婚姻家庭2起、邻里3起、交通事故赔偿1起，已调解3起。' },
        { unit: 'paichu', by: 'lin', daysAgo: 3, findings: null },
        { unit: 'guotu', by: 'luo', daysAgo: 3, findings: '排查土地权属争议2起，已安排月底前实地勘界。' },
        // 民政办 reports a day after the due date: counted as late (R17, R23).
        { unit: 'minzheng', by: 'liang', daysAgo: 1, findings: '排查低保、临时救助相关诉求3件，均已入户核实。' },
        { unit: '青山村', by: 'peng', daysAgo: 4, findings: '本村征地补偿分配问题群众意见较大，已报镇信访办。' },
        { unit: '杨家庄村', by: 'zeng', daysAgo: 3, findings: '排查出工地欠薪隐患1处，已报综治办。' },
        // 高岭村委会 has not reported: the missing report the reminder and assessment are about.
      ],
    },
  ];
  for (const p of periods) {
    tl.spawn(atMinutes(addDays(today, p.declared), 9 * 60 + 30), async () => {
      const { period } = await declareScreeningPeriod(deps, dir.actor('wu'), {
        name: p.name,
        kind: p.kind,
        startsOn: addDays(today, p.starts),
        endsOn: addDays(today, p.ends),
        reportDueOn: addDays(today, p.due),
        unitIds: units.map(unitId),
      });
      for (const r of [...p.reports].sort((a, b) => b.daysAgo - a.daysAgo)) {
        await tl.at(atMinutes(addDays(today, -r.daysAgo), 16 * 60 + (r.daysAgo % 7) * 7));
        await submitUnitReport(deps, dir.actor(r.by), { periodId: period.id, unitId: unitId(r.unit), isZero: r.findings === null, findings: r.findings });
      }
    });
  }
}

/** R16: two fresh reports from village collectors that the office has not turned into cases yet. */
export function spawnOpenSentiments(ctx: StoryContext): void {
  const reports: { by: PersonKey; village: VillageName; daysAgo: number; content: string }[] = [
    { by: 'xie', village: '青山村', daysAgo: 2, content: '村里地势高的几户人家反映这几天自来水水压很低，早晚接不上水，大家有些意见，请镇里联系水厂查看。' },
    { by: 'pan', village: '高岭村', daysAgo: 1, content: '三组有两户又因为山林边界发生争执，村干部已到现场劝解，目前情绪稳定，特此报告。' },
  ];
  for (const r of reports) {
    ctx.tl.spawn(atMinutes(addDays(ctx.today, -r.daysAgo), 15 * 60 + 20), async () => {
      await reportSentiment(ctx.deps, ctx.dir.actor(r.by), { villageId: ctx.dir.villages[r.village], content: r.content });
    });
  }
}

/** R12: the leading group's quarterly meeting on major difficult cases, for each past quarter. */
export function spawnMeetings(ctx: StoryContext, prisma: PrismaClient, quarters: number): void {
  const [y, m] = ctx.today.split('-').map(Number) as [number, number];
  for (let back = quarters; back >= 1; back--) {
    const q = y * 4 + Math.floor((m - 1) / 3) - back;
    const year = Math.floor(q / 4);
    const lastMonth = (q % 4) * 3 + 3;
    const date = workdayOnOrBefore(ctx.calendar, `${year}-${String(lastMonth).padStart(2, '0')}-22`);
    ctx.tl.spawn(atMinutes(date, 15 * 60), async () => {
      const owned = await prisma.case.findMany({
        where: { ownerLeaderId: { not: null }, status: { in: [...OPEN_STATUSES] } },
        orderBy: { receivedAt: 'asc' },
        take: 3,
        select: { id: true, title: true },
      });
      await recordMeeting(ctx.deps, ctx.dir.actor('wu'), {
        date,
        topic: `${quarterOf(date).replace('Q', '年第')}季度重大疑难信访案件专题研究会`,
        decisions: owned.length
          ? `逐件听取包案领导汇报，研究化解措施：${owned.map((c) => c.title).join('；')}。要求各包案领导一包到底，每周报送进展。`
          : '本季度无在办的重大疑难信访案件，会议部署下季度矛盾纠纷排查工作。',
        attendees: (['liu', 'chen', 'wang', 'zhao', 'wu'] as const).map((k) => PEOPLE[k].name),
        cases: owned.map((c) => ({ caseId: c.id, decision: '继续由包案领导牵头化解，下次会议前报送进展。' })),
      });
    });
  }
}

/** R11: the nightly job that records the first overdue day of open cases, run weekly here. */
export function spawnOverdueJob(ctx: StoryContext, fromDaysAgo: number): void {
  for (let d = -fromDaysAgo; d <= -1; d += 7) {
    ctx.tl.spawn(atMinutes(addDays(ctx.today, d), 30), async () => {
      await markOverdueCases(ctx.deps);
    });
  }
}

