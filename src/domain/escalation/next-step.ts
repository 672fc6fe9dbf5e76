import { hasReached, type AckStage } from './ack-stage.js';
import type { EscalationPolicy } from './escalation-policy.js';
import { TOP_LEVEL, type LadderLevel, type LadderRecipient } from './ladder.js';

export interface RecipientState {
  personId: string;
  reason: string;
  /** The ladder level at which this person joined the alert. */
  level: number;
  required: AckStage;
  stage: AckStage;
  notifiedAt: Date;
  lastNotifiedAt: Date | null;
  repeats: number;
  missedAt: Date | null;
  stageAtMiss: AckStage | null;
}

export interface AlertState {
  status: 'OPEN' | 'CLOSED';
  level: number;
  raisedAt: Date;
  /** When the current level began; null means at `raisedAt`. */
  levelSince: Date | null;
  recipients: RecipientState[];
}

export interface MissedAck {
  personId: string;
  stage: AckStage;
  required: AckStage;
}

export interface Climb {
  to: number;
  /** People of the new level who are not on the alert yet: they join it now. */
  added: LadderRecipient[];
  /** Everyone the levels climbed speak to (those passed over too): told that the alert climbed. */
  audience: string[];
  /** Who had not reached their required stage when the alert climbed (R22 evidence; the first miss is kept). */
  missed: MissedAck[];
}

/** What the scheduler must do for an alert at `now`. */
export interface NextStep {
  /** Everyone reached their required stage: the alert closes. */
  close: boolean;
  /** Recipients who have not acknowledged at all and are due a repeat. */
  repeatTo: string[];
  climb: Climb | null;
  /** The alert is at the top of the ladder: deliver through the platform's urgent channel (加急 / DING). */
  urgentChannel: boolean;
  /** When to look again; null when nothing more will happen by itself. */
  nextCheckAt: Date | null;
}

/** A recipient who reached the stage the rule asks of them. */
export const isSettled = (r: RecipientState): boolean => hasReached(r.stage, r.required);

/** A recipient who has not answered at all: the one repeats are for. Any acknowledgement stops them. */
export const isSilent = (r: RecipientState): boolean => r.stage === 'NONE';

const plus = (d: Date, ms: number) => new Date(d.getTime() + ms);

function repeatDueAt(r: RecipientState, policy: EscalationPolicy): Date {
  return plus(r.lastNotifiedAt ?? r.notifiedAt, policy.repeatEveryMs);
}

function climbDueAt(alert: AlertState, policy: EscalationPolicy): Date {
  return plus(alert.levelSince ?? alert.raisedAt, policy.climbAfterMs);
}

/** The next moment something falls due for an alert, or null when nothing will. */
export function nextCheckAt(alert: AlertState, policy: EscalationPolicy): Date | null {
  if (alert.status === 'CLOSED' || alert.recipients.every(isSettled)) return null;
  const times = alert.recipients.filter(isSilent).map((r) => repeatDueAt(r, policy));
  if (alert.level < TOP_LEVEL) times.push(climbDueAt(alert, policy));
  if (times.length === 0) return null;
  return new Date(Math.min(...times.map((t) => t.getTime())));
}

/**
 * The levels a due climb passes, up to the one it stops at: the next level that adds someone not
 * on the alert yet. A level of people already alerted (the leaders in charge of a major event take
 * command from the start) would only hold the alert back another interval, so it is passed; when
 * no level above adds anyone, the climb still reaches the top — the misses are kept (R22) and the
 * repeats go through the urgent channel.
 */
function levelsClimbed(alert: AlertState, ladder: readonly LadderLevel[]): LadderLevel[] {
  const onAlert = new Set(alert.recipients.map((r) => r.personId));
  const above = ladder.filter((l) => l.level > alert.level && l.level <= TOP_LEVEL).sort((a, b) => a.level - b.level);
  const firstNew = above.findIndex((l) => l.audience.some((r) => !onAlert.has(r.personId)));
  return firstNew === -1 ? above : above.slice(0, firstNew + 1);
}

/**
 * R18/R20/R21: given an alert, its recipients' acknowledgements and `now`, what must happen:
 * repeat to the silent every `repeatEveryMs`; climb to the next level that adds someone when
 * someone has not reached their required stage `climbAfterMs` after the current level began;
 * close when all have.
 */
export function nextStep(alert: AlertState, ladder: readonly LadderLevel[], policy: EscalationPolicy, now: Date): NextStep {
  if (alert.status === 'CLOSED') {
    return { close: false, repeatTo: [], climb: null, urgentChannel: false, nextCheckAt: null };
  }
  if (alert.recipients.every(isSettled)) {
    return { close: true, repeatTo: [], climb: null, urgentChannel: false, nextCheckAt: null };
  }
  const repeatTo = alert.recipients.filter((r) => isSilent(r) && repeatDueAt(r, policy) <= now).map((r) => r.personId);
  let climb: Climb | null = null;
  const reached = alert.level < TOP_LEVEL && climbDueAt(alert, policy) <= now ? levelsClimbed(alert, ladder) : [];
  if (reached.length > 0) {
    const onAlert = new Set(alert.recipients.map((r) => r.personId));
    climb = {
      to: reached.at(-1)!.level,
      added: reached.at(-1)!.audience.filter((r) => !onAlert.has(r.personId)),
      audience: [...new Set(reached.flatMap((l) => l.audience.map((r) => r.personId)))],
      missed: alert.recipients
        .filter((r) => !isSettled(r))
        .map((r) => ({ personId: r.personId, stage: r.stage, required: r.required })),
    };
  }
  const step: NextStep = {
    close: false,
    repeatTo,
    climb,
    urgentChannel: (climb?.to ?? alert.level) >= TOP_LEVEL,
    nextCheckAt: null,
  };
  return { ...step, nextCheckAt: nextCheckAt(applyStep(alert, step, now), policy) };
}

/** The alert after a step was carried out at `now`. */
export function applyStep(alert: AlertState, step: NextStep, now: Date): AlertState {
  const repeated = new Set(step.repeatTo);
  const missed = new Map(step.climb?.missed.map((m) => [m.personId, m.stage]) ?? []);
  const recipients: RecipientState[] = alert.recipients.map((r) => ({
    ...r,
    ...(repeated.has(r.personId) ? { lastNotifiedAt: now, repeats: r.repeats + 1 } : {}),
    ...(missed.has(r.personId) && r.missedAt === null ? { missedAt: now, stageAtMiss: missed.get(r.personId)! } : {}),
  }));
  if (step.climb) {
    for (const a of step.climb.added) {
      recipients.push({
        personId: a.personId,
        reason: a.reason,
        level: step.climb.to,
        required: a.required,
        stage: 'NONE',
        notifiedAt: now,
        lastNotifiedAt: null,
        repeats: 0,
        missedAt: null,
        stageAtMiss: null,
      });
    }
  }
  return {
    ...alert,
    status: step.close ? 'CLOSED' : alert.status,
    level: step.climb?.to ?? alert.level,
    levelSince: step.climb ? now : alert.levelSince,
    recipients,
  };
}
