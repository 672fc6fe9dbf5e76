import { randomUUID } from 'node:crypto';
import type { ActionValue, Card, FormInput } from '../../../cards/model.js';
import type { Clock } from '../../lib/clock.js';
import type { PlatformName } from '../../usecases/ports/platform.js';
import type { GuidedFormSession, GuidedFormStore } from '../ports/guided-forms.js';
import { answerOf, CANCEL_WORDS, defaultsFrom, FINISH_WORDS, mayFinishFrom, questionOf } from './questions.js';

const TTL_MS = 2 * 3_600_000;

export type GuidedAnswer =
  | { kind: 'none' }
  | { kind: 'reply'; card: Card }
  /** The person sent a command instead of an answer: the form is left, the command goes on. */
  | { kind: 'left'; title: string }
  /** Every question answered: submit the form as its card would have. */
  | { kind: 'submit'; sessionId: string; title: string; value: ActionValue; form: Record<string, unknown> };

const question = (s: Pick<GuidedFormSession, 'title' | 'inputs' | 'step'>, error?: string): Card => ({
  title: s.title,
  colour: error ? 'orange' : 'blue',
  elements: [
    ...(error ? [{ kind: 'note' as const, text: error }] : []),
    { kind: 'fields', fields: [{ label: '请回答', value: questionOf(s.inputs[s.step]!, s.step, s.inputs.length) }] },
    { kind: 'note', text: mayFinishFrom(s.inputs, s.step) ? '以下各项均可不填：回复「完成」即提交；回复「取消」可放弃填写。' : '回复「取消」可放弃填写。' },
  ],
});

/**
 * Forms on platforms whose cards cannot hold inputs (DingTalk without a card template): the
 * form's inputs are asked one at a time in the person's 1:1 chat, each answer checked at once;
 * the last answer submits the form with the card's own submit action, through the same handler
 * a Lark form submit reaches. Sessions live in the database (any web process, any restart).
 */
export class GuidedForms {
  constructor(
    private readonly store: GuidedFormStore,
    private readonly clock: Clock,
  ) {}

  /** The first question of the card's form (replacing any form this person was filling); null when the card has none. */
  async start(platform: PlatformName, userKey: string, card: Card): Promise<Card | null> {
    const form = card.elements.find((e) => e.kind === 'form');
    if (!form || form.kind !== 'form' || form.inputs.length === 0) return null;
    const now = this.clock.now();
    const session: GuidedFormSession = {
      id: randomUUID(), platform, userKey, title: card.title, inputs: form.inputs as FormInput[], submit: form.submit.action,
      answers: {}, step: 0, startedAt: now, expiresAt: new Date(now.getTime() + TTL_MS),
    };
    await this.store.save(session);
    return question(session);
  }

  /**
   * A message from this person: an answer to their open form, if they have one. A message that
   * starts with one of `commandWords` leaves the form instead (unless it is one of the question's
   * options): someone who walked away from a form and came back with 我的 did not mean it as an answer.
   */
  async answer(platform: PlatformName, userKey: string, text: string, commandWords: ReadonlySet<string> = new Set()): Promise<GuidedAnswer> {
    const now = this.clock.now();
    const s = await this.store.current(platform, userKey, now);
    if (!s) return { kind: 'none' };
    if (CANCEL_WORDS.includes(text.trim())) {
      await this.store.remove(platform, userKey);
      return { kind: 'reply', card: { title: `已取消填写：${s.title}`, colour: 'grey', elements: [] } };
    }
    if (commandWords.has(text.trim().split(/\s+/)[0] ?? '') && !isOption(s.inputs[s.step]!, text.trim())) {
      await this.store.remove(platform, userKey);
      return { kind: 'left', title: s.title };
    }
    if (FINISH_WORDS.includes(text.trim()) && mayFinishFrom(s.inputs, s.step)) {
      await this.store.remove(platform, userKey);
      return { kind: 'submit', sessionId: s.id, title: s.title, value: s.submit, form: { ...defaultsFrom(s.inputs, s.step), ...s.answers } };
    }
    const input = s.inputs[s.step]!;
    const parsed = answerOf(input, text);
    if (!parsed.ok) return { kind: 'reply', card: question(s, parsed.error) };
    const answers = { ...s.answers, ...(parsed.value === null ? {} : { [input.name]: parsed.value }) };
    const next = { ...s, answers, step: s.step + 1, expiresAt: new Date(now.getTime() + TTL_MS) };
    if (next.step < s.inputs.length) {
      await this.store.save(next);
      return { kind: 'reply', card: question(next) };
    }
    await this.store.remove(platform, userKey);
    return { kind: 'submit', sessionId: s.id, title: s.title, value: s.submit, form: answers };
  }
}

function isOption(input: FormInput, text: string): boolean {
  return (input.kind === 'select' || input.kind === 'multiselect') && input.options.some((o) => o.label === text);
}
