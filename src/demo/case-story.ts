import type { WorkingCalendar } from '../domain/calendar/working-calendar.js';
import type { CaseRecord, ProgressTag, Rating, StabilityAssessment } from '../domain/model.js';
import { addDays, daysBetween, type LocalDate } from '../lib/local-date.js';
import { addProgress } from '../usecases/cases/add-progress.js';
import { archiveCase } from '../usecases/cases/archive-case.js';
import { assignCase } from '../usecases/cases/assign-case.js';
import { decideExtension } from '../usecases/cases/decide-extension.js';
import { requestExtension } from '../usecases/cases/request-extension.js';
import { resolveCase } from '../usecases/cases/resolve-case.js';
import { convertSentimentToCase } from '../usecases/duties/convert-sentiment-to-case.js';
import { logVisit } from '../usecases/duties/log-visit.js';
import { reportSentiment } from '../usecases/duties/report-sentiment.js';
import { intakeCase } from '../usecases/intake-case.js';
import { approveOwnership, returnProposal } from '../usecases/ownership/decide-ownership.js';
import { proposeOwnership } from '../usecases/ownership/propose-ownership.js';
import type { Deps } from '../usecases/ports.js';
import { recordFollowUp } from '../usecases/follow-up/record-follow-up.js';
import type { CasePlan } from './case-plan.js';
import { fill, TEMPLATES, type PetitionTemplate } from './catalogue.js';
import { maxDate, minDate, StoryClock } from './demo-time.js';
import { LINKED_LEADER, type DemoDirectory, type DepartmentKey, type PersonKey, type VillageName } from './directory.js';
import { makePetitioner } from './petitioners.js';
import { Random } from './random.js';
import type { Timeline } from './timeline.js';

export interface StoryContext {
  tl: Timeline;
  deps: Deps;
  dir: DemoDirectory;
  calendar: WorkingCalendar;
  /** Today in Beijing: stories end by yesterday evening. */
  today: LocalDate;
  seed: number;
  /** Reception days (R14) by date, filled in as the office schedules them. */
  receptionDays: Map<LocalDate, string>;
}

const RESPONSIBLE: Record<DepartmentKey, PersonKey[]> = {
  zongzhi: ['tang', 'ma', 'deng'],
  sifa: ['song', 'gao'],
  paichu: ['feng', 'lin'],
  guotu: ['xu', 'luo'],
  minzheng: ['han', 'liang', 'cao'],
  jiwei: ['zhou'],
  office: ['zheng'],
  dangzheng: ['he'],
};
const VILLAGE_CADRES: Partial<Record<VillageName, PersonKey>> = { 青山村: 'peng', 杨家庄村: 'zeng' };
const REPORTERS: Partial<Record<VillageName, PersonKey>> = { 青山村: 'xie', 高岭村: 'pan', 杨家庄村: 'zeng' };

const RETURN_REASONS = [
  '柳湾村由赵德明同志联系，建议改由其包案，请重新研究提出。',
  '办结时限偏长，涉及群众切身利益，请压缩时限并明确阶段性目标后重新报审。',
  '责任要求不够具体，请明确化解措施、责任人分工和时间节点后重新报审。',
];

/** The unit and person that handle a case of this template in this village. */
function handlers(dir: DemoDirectory, t: PetitionTemplate, village: VillageName, no: number): { unitId: string; person: PersonKey } {
  if (t.unit === 'village') {
    const cadre = VILLAGE_CADRES[village];
    if (cadre) return { unitId: dir.committees[village], person: cadre };
    return { unitId: dir.departments.zongzhi, person: no % 2 === 0 ? 'deng' : 'tang' };
  }
  const people = RESPONSIBLE[t.unit];
  return { unitId: dir.departments[t.unit], person: people[no % people.length]! };
}

function rating(rng: Random): Rating {
  const r = rng.next();
  return r < 0.72 ? 'SATISFIED' : r < 0.95 ? 'BASICALLY_SATISFIED' : 'UNSATISFIED';
}

/** Plays one petition from receipt to the state of its plan, through the real use cases. */
export async function playCase(ctx: StoryContext, plan: CasePlan, receivedOn: LocalDate, start: Date): Promise<CaseRecord> {
  const { tl, deps, dir } = ctx;
  const rng = new Random(ctx.seed * 1000 + plan.no);
  const lastDay = addDays(ctx.today, -1);
  const clock = new StoryClock(ctx.calendar, rng, lastDay, start);
  const t = TEMPLATES[plan.template];
  const office = plan.no % 3 === 0 ? 'zheng' : 'wu';
  const group = rng.int(1, 9);
  const first = makePetitioner(rng, plan.village, group);
  const vars = { village: plan.village, group, person: first.name, count: plan.headcount ?? rng.int(3, 40), amount: rng.int(8, 160) * 500 };
  const others = Math.max(0, (plan.signatories ?? (plan.headcount ? Math.min(plan.headcount, rng.int(3, 5)) : 1)) - 1);
  const petitioners = [first, ...Array.from({ length: others }, () => makePetitioner(rng, plan.village, group))];
  const { unitId, person: responsible } = handlers(dir, t, plan.village, plan.no);
  const owner = plan.own?.leader;

  const form = {
    title: fill(t.title, vars),
    content: fill(t.content, vars),
    source: plan.source,
    category: t.category,
    complexity: plan.complexity,
    classification: t.classification,
    villageId: dir.villages[plan.village],
    headcount: plan.headcount ?? petitioners.length,
    petitioners,
    needsOwnership: plan.own?.why === 'mark',
    beijingPetition: plan.own?.why === 'beijing',
    important: plan.own?.why === 'important',
    accusedPersonId: plan.accused ? dir.people[plan.accused].id : null,
  };

  // Receipt: a reception day, a leader's village visit, a collector's report, or the office.
  let c: CaseRecord;
  if (plan.source === 'LEADER_VISIT') {
    const leader = LINKED_LEADER[plan.village];
    const { visit } = await logVisit(deps, dir.actor(leader), {
      villageId: dir.villages[plan.village],
      date: receivedOn,
      peopleMet: `村支两委成员、${petitioners.map((p) => p.name).join('、')}等群众`,
      note: `下访${plan.village}，现场接收群众反映的${t.category}问题，当场交信访办登记。`,
    });
    await tl.at(clock.soon());
    c = (await intakeCase(deps, dir.actor(office), { ...form, visitId: visit.id })).case;
  } else if (plan.source === 'SENTIMENT') {
    const reporter = REPORTERS[plan.village];
    if (!reporter) throw new Error(`no sentiment reporter in ${plan.village}`);
    const { report } = await reportSentiment(deps, dir.actor(reporter), { villageId: dir.villages[plan.village], content: form.content });
    await tl.at(clock.soon());
    c = (
      await convertSentimentToCase(deps, dir.actor(office), {
        reportId: report.id,
        title: form.title,
        category: form.category,
        complexity: form.complexity,
        headcount: form.headcount,
        petitioners,
        important: form.important,
      })
    ).case;
  } else if (plan.source === 'RECEPTION_DAY') {
    const receptionDayId = ctx.receptionDays.get(receivedOn);
    if (!receptionDayId) throw new Error(`no reception day on ${receivedOn}`);
    c = (await intakeCase(deps, dir.actor(office), { ...form, receptionDayId })).case;
  } else {
    c = (await intakeCase(deps, dir.actor(office), form)).case;
  }
  if (plan.status === 'REGISTERED' || plan.status === 'AWAITING_OWNER') return c;

  // Hand-over: R4 ownership for owned cases, R5 交办 for the others.
  const simple = plan.complexity === 'SIMPLE';
  if (owner) {
    await tl.at(clock.on(addDays(receivedOn, 1)));
    const { proposal } = await proposeOwnership(deps, dir.actor('wu'), {
      caseId: c.id,
      leaderId: dir.people[owner].id,
      unitId,
      responsiblePersonId: dir.people[responsible].id,
      requirements: t.requirements,
      deadline: ctx.calendar.onOrNextWorkingDay(maxDate(addDays(receivedOn, plan.complexity === 'COMPLEX' ? 50 : 30), clock.day)),
      reportingCadence: plan.complexity === 'COMPLEX' ? 'WEEKLY' : 'BIWEEKLY',
      reportingNote: plan.complexity === 'COMPLEX' ? '每周五下班前在工作群报送进展' : '每两周报送一次书面进展',
    });
    if (plan.status === 'AWAITING_APPROVAL') return c;
    await tl.at(clock.on(addDays(clock.day, 1)));
    const approver = owner === 'liu' ? 'chen' : 'liu';
    if (plan.status === 'RETURNED') {
      return (await returnProposal(deps, dir.actor(approver), { proposalId: proposal.id, reason: RETURN_REASONS[plan.no % RETURN_REASONS.length]! })).case;
    }
    c = (await approveOwnership(deps, dir.actor(approver), { proposalId: proposal.id, comment: '同意，请包案领导一包到底。' })).case;
  } else {
    await tl.at(simple ? clock.soon() : clock.on(addDays(receivedOn, rng.int(0, 2))));
    c = (await assignCase(deps, dir.actor(office), { caseId: c.id, unitId, responsiblePersonId: dir.people[responsible].id })).case;
  }

  const started = clock.day;
  const due = c.dueOn ?? addDays(started, 60);
  const progress = async (who: PersonKey, tag: ProgressTag, content: string, stability: StabilityAssessment | null = null) =>
    addProgress(deps, dir.actor(who), { caseId: c.id, tag, content: fill(content, vars), stability });
  const at = async (date: LocalDate) => tl.at(simple ? clock.soon() : clock.on(date));
  const steward = owner ?? responsible;
  if (owner) {
    await at(addDays(started, 1));
    await progress(owner, 'OWNING', t.owning);
  }

  if (plan.status === 'IN_PROGRESS' && plan.mod !== 'reopen') {
    const until = lastDay;
    await at(addDays(started, Math.max(1, Math.floor(daysBetween(started, until) * 0.3))));
    await progress(responsible, 'INVESTIGATION', t.investigation);
    if (plan.mod === 'overdue') {
      await at(addDays(started, Math.floor(daysBetween(started, until) * 0.6)));
      await progress(steward, 'STABILITY', '信访人情绪仍有波动，村干部每周上门做工作，防止越级上访。', 'RISK_REMAINS');
    }
    return c;
  }

  if (plan.status === 'EXTENDED') {
    const requestOn = minDate(maxDate(addDays(started, 2), addDays(due, -3)), addDays(lastDay, -1));
    await at(addDays(started, Math.max(1, Math.floor(daysBetween(started, requestOn) / 2))));
    await progress(responsible, 'INVESTIGATION', t.investigation);
    await at(requestOn);
    const { extension } = await requestExtension(deps, dir.actor(responsible), {
      caseId: c.id,
      reason: '涉及多方协调，需等待县级部门出具意见，申请延期办理。',
      requestedDueOn: ctx.calendar.onOrNextWorkingDay(addDays(due, 20)),
    });
    await at(addDays(clock.day, 1));
    return (
      await decideExtension(deps, dir.actor('wu'), {
        extensionId: extension.id,
        approve: true,
        reason: '情况属实，同意延期，已电话告知信访人延期理由。',
      })
    ).case;
  }

  // Closed cases: 三包一保 progress, then resolution on time or late (R6, R11).
  const tail = plan.status === 'RESOLVED' ? 1 : plan.status === 'FOLLOWED_UP' ? 10 : plan.mod === 'reopen' ? 20 : 35;
  const latest = addDays(ctx.today, -tail);
  const earliest = plan.status === 'RESOLVED' ? maxDate(addDays(started, 1), addDays(ctx.today, -20)) : addDays(started, 1);
  let resolveOn: LocalDate;
  if (simple) resolveOn = started;
  else if (plan.mod === 'late') resolveOn = minDate(addDays(due, rng.int(3, 8)), latest);
  else if (plan.mod === 'reopen') resolveOn = minDate(addDays(receivedOn, 25), latest);
  else {
    const end = minDate(due, latest);
    resolveOn = end <= earliest ? end : addDays(earliest, Math.floor(daysBetween(earliest, end) * (0.4 + 0.5 * rng.next())));
  }
  const span = Math.max(0, daysBetween(started, resolveOn));
  await at(addDays(started, Math.floor(span * 0.3)));
  await progress(responsible, 'INVESTIGATION', t.investigation);
  await at(addDays(started, Math.floor(span * 0.7)));
  await progress(responsible, 'IMPLEMENTATION', t.implementation);
  await at(addDays(started, Math.floor(span * 0.9)));
  await progress(steward, 'STABILITY', t.stability, 'STABLE');
  await at(resolveOn);
  c = (await resolveCase(deps, dir.actor(responsible), { caseId: c.id, resolution: fill(t.resolution, vars) })).case;
  if (plan.status === 'RESOLVED') return c;

  await tl.at(clock.on(addDays(resolveOn, rng.int(3, 8))));
  if (plan.mod === 'reopen') {
    c = (
      await recordFollowUp(deps, dir.actor('zheng'), {
        caseId: c.id,
        officeRating: 'BASICALLY_SATISFIED',
        unitRating: 'UNSATISFIED',
        note: '信访人称补助款虽已拨付，但房屋验收时提出的墙体裂缝问题未处理。',
        reopen: true,
        reopenReason: '回访不满意：竣工验收遗留问题未处理',
        reopenDueOn: ctx.calendar.onOrNextWorkingDay(addDays(ctx.today, 20)),
      })
    ).case;
    await tl.at(clock.on(addDays(clock.day, 7)));
    await progress(responsible, 'INVESTIGATION', '重新办理：会同施工方上门查看墙体裂缝，明确由施工方负责修补。');
    return c;
  }
  c = (
    await recordFollowUp(deps, dir.actor('zheng'), {
      caseId: c.id,
      officeRating: rating(rng),
      unitRating: rating(rng),
      note: '电话回访信访人本人，对办理结果和工作态度作出评价。',
    })
  ).case;
  if (plan.status === 'FOLLOWED_UP') return c;

  await tl.at(clock.on(addDays(clock.day, rng.int(5, 15))));
  // R26: a claim archived without its 处理意见书 is asked about first; the demo office confirms, as on the card.
  const archived = await archiveCase(deps, dir.actor('wu'), { caseId: c.id });
  if (archived.archived) return archived.case;
  const confirmed = await archiveCase(deps, dir.actor('wu'), { caseId: c.id, confirmed: archived.question.about });
  if (!confirmed.archived) throw new Error(`demo case ${c.number} was not archived`);
  return confirmed.case;
}
