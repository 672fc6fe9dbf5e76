import { z } from 'zod';
import { assertGlobalAllowed } from '../domain/authorization.js';
import { caseDeadline } from '../domain/deadlines/case-deadlines.js';
import { DomainError } from '../domain/errors.js';
import { DANGER_CATEGORY_LABELS, detectDanger } from '../domain/intake/danger-keywords.js';
import { ownershipReasons } from '../domain/intake/ownership-scope.js';
import { CLASSIFICATIONS, type Actor, type CaseRecord } from '../domain/model.js';
import type { Notification } from '../domain/notifications.js';
import { localDateOf } from '../lib/local-date.js';
import { assertDate, pastFactRule } from '../domain/dates/date-rules.js';
import type { Deps } from './ports.js';
import { audit } from './support/audit.js';
import { AT_LEAST_ONE_PETITIONER, id, petitioner } from './support/fields.js';
import { registrationFields } from './support/registration-fields.js';
import { parseInput } from './support/parse-input.js';
import { needsOwnerNotification, reasonText } from './support/registration-flags.js';
import { transition } from './support/transition.js';
import { raiseDangerLetterAlert } from './escalation/support/danger-letter-alert.js';
import { receptionDayOfIntake } from './support/reception-day-link.js';

export const intakeInput = z.object({
  ...registrationFields,
  complexity: registrationFields.complexity.default('GENERAL'),
  classification: z.enum(CLASSIFICATIONS).optional().nullable().transform((v) => v ?? null),
  receivedAt: z.coerce.date({ error: '收件时间格式不正确' }).optional(),
  headcount: registrationFields.headcount.optional(),
  petitioners: z.array(petitioner).min(1, { error: AT_LEAST_ONE_PETITIONER }).max(200),
  sudden: z.boolean().default(false),
  important: z.boolean().default(false),
  beijingPetition: z.boolean().default(false),
  needsOwnership: z.boolean().default(false),
  receptionDayId: id.optional().nullable().transform((v) => v ?? null),
  /** R14: the leader who received it (接访领导), when the date has several reception days or none on the schedule. */
  receptionLeaderId: id.optional().nullable().transform((v) => v ?? null),
  visitId: id.optional().nullable().transform((v) => v ?? null),
  accusedPersonId: id.optional().nullable().transform((v) => v ?? null),
  accusedUnitId: id.optional().nullable().transform((v) => v ?? null),
});
export type IntakeInput = z.input<typeof intakeInput>;

/** R16: a case converted from a sentiment report may name nobody yet; the office completes it later. */
const intakeAwaitingPetitioners = intakeInput.extend({ petitioners: z.array(petitioner).max(200) });

export interface IntakeOptions {
  /** Register without petitioners, flagged for the office to complete (R16 conversion only). */
  petitionersMayWait?: boolean;
}

export interface IntakeResult {
  case: CaseRecord;
  notifications: Notification[];
}

export function formatCaseNumber(year: number, seq: number): string {
  return `XF-${year}-${String(seq).padStart(4, '0')}`;
}

/** Registers a petition: number, R1 ownership flags, R20 danger scan, R7–R9 deadline, R14 its reception day. */
export async function intakeCase(deps: Deps, actor: Actor, raw: unknown, opts: IntakeOptions = {}): Promise<IntakeResult> {
  const input = parseInput(opts.petitionersMayWait ? intakeAwaitingPetitioners : intakeInput, raw);
  assertGlobalAllowed(actor.person, 'INTAKE');
  const now = deps.clock.now();
  const receivedAt = input.receivedAt ?? now;
  if (receivedAt.getTime() > now.getTime() + 60_000) {
    throw new DomainError('VALIDATION', '输入有误：收件时间不能晚于现在');
  }
  assertDate(localDateOf(receivedAt), pastFactRule('收件日期', localDateOf(now)), 'receivedAt');
  if (input.needsOwnership && !actor.person.roles.some((r) => r === 'OFFICE_STAFF' || r === 'ADMIN')) {
    throw new DomainError('FORBIDDEN', '只有信访领导小组（信访办）可以认定"需包案"');
  }
  const [calendar, policy, rules] = await Promise.all([
    deps.config.calendar(),
    deps.config.deadlinePolicy(),
    deps.config.keywordRules(),
  ]);
  const headcount = input.headcount ?? Math.max(1, input.petitioners.length);
  const reasons = ownershipReasons({
    source: input.source,
    headcount,
    sudden: input.sudden,
    important: input.important,
    beijingPetition: input.beijingPetition,
    markedByLeadingGroup: input.needsOwnership,
  });
  const danger = detectDanger(
    { text: `${input.title}\n${input.content}`, signatories: input.petitioners.length, isLetter: input.source === 'LETTER' },
    rules,
  );
  const deadline = caseDeadline(
    { source: input.source, complexity: input.complexity, receivedOn: localDateOf(receivedAt), acceptedOn: localDateOf(now) },
    calendar,
    policy,
  );

  return deps.uow.run(async (repos) => {
    if (input.villageId && !(await repos.directory.village(input.villageId))) {
      throw new DomainError('NOT_FOUND', '所属村不存在', { villageId: input.villageId });
    }
    if (input.visitId && !(await repos.visits.get(input.visitId))) {
      throw new DomainError('NOT_FOUND', '下访记录不存在', { visitId: input.visitId });
    }
    if (input.accusedPersonId && !(await repos.directory.person(input.accusedPersonId))) {
      throw new DomainError('UNKNOWN_PERSON', '被反映人不存在', { personId: input.accusedPersonId });
    }
    if (input.accusedUnitId && !(await repos.directory.unit(input.accusedUnitId))) {
      throw new DomainError('NOT_FOUND', '被反映单位不存在', { unitId: input.accusedUnitId });
    }
    const receptionDayId = await receptionDayOfIntake(repos, actor, now, { source: input.source, receivedOn: localDateOf(receivedAt), receptionDayId: input.receptionDayId, receptionLeaderId: input.receptionLeaderId });
    const year = Number(localDateOf(now).slice(0, 4));
    const seq = await repos.cases.nextSeq(year);
    let created = await repos.cases.create(
      {
        number: formatCaseNumber(year, seq),
        year,
        seq,
        title: input.title,
        content: input.content,
        source: input.source,
        category: input.category,
        complexity: input.complexity,
        classification: input.classification,
        status: 'REGISTERED',
        receivedAt,
        villageId: input.villageId,
        headcount,
        ownershipReasons: reasons,
        petitionersPending: input.petitioners.length === 0,
        dangerFlags: danger.map((d) => d.category),
        beijingPetition: input.beijingPetition,
        ownerLeaderId: null,
        unitId: null,
        responsiblePersonId: null,
        territorialUnitId: null,
        functionalUnitId: null,
        accusedPersonId: input.accusedPersonId,
        accusedUnitId: input.accusedUnitId,
        receptionDayId,
        visitId: input.visitId,
        acceptedAt: now,
        dueOn: deadline.dueOn,
        dueRule: deadline.rule,
        overdueOn: null,
        stability: null,
        resolution: null,
        resolvedAt: null,
        opinionIssuedAt: null,
        followedUpAt: null,
        archivedAt: null,
        reopenCount: 0,
        submittedById: actor.person.id,
        submittedAt: now,
        assignedById: null,
        assignedAt: null,
        feedbackById: null,
        feedbackAt: null,
        reportedUpById: null,
        reportedUpAt: null,
        createdById: actor.person.id,
      },
      input.petitioners.map((p, i) => ({ ...p, isPrimary: i === 0 })),
    );
    await audit(repos, actor, now, {
      action: 'case.create',
      entityType: 'Case',
      entityId: created.id,
      caseId: created.id,
      after: {
        number: created.number,
        source: created.source,
        complexity: created.complexity,
        ownershipReasons: reasons,
        petitionersPending: input.petitioners.length === 0,
        dangerFlags: created.dangerFlags,
        dueOn: created.dueOn,
        dueRule: created.dueRule,
      },
    });

    const notifications: Notification[] = [];
    if (reasons.length > 0) {
      created = await transition(repos, actor, now, created, 'AWAITING_OWNER', `R1 包案范围：${reasonText(reasons)}`);
      notifications.push(await needsOwnerNotification(repos, created, reasons));
    }
    if (danger.length > 0) {
      const labels = danger.map((d) => DANGER_CATEGORY_LABELS[d.category]).join('、');
      const alerted = await raiseDangerLetterAlert(repos, actor, now, created, labels);
      notifications.push(...(alerted?.notifications ?? []));
    }
    return { case: created, notifications };
  });
}
