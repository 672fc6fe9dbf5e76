import type { Card } from '../../cards/model.js';
import { isDomainError } from '../domain/errors.js';
import type { Person } from '../domain/model.js';
import type { Notification } from '../domain/notifications.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import type { Deps } from '../usecases/ports.js';
import { claimingUnitOfWork, DuplicateEvent } from './claiming-unit-of-work.js';
import { eventKey } from './event-key.js';
import type { ActionHandler, CommandHandler, HandlerContext } from './handler.js';
import type { InboundAction, InboundEvent, InboundMessage, PlatformUserRef } from './inbound.js';
import type { GuidedAnswer, GuidedForms } from './guided-form/guided-forms.js';
import type { ActionResponse, MessagingPort } from './messaging-port.js';
import { sendUuid, type Notifier } from './notifier.js';
import type { ReadModel } from './ports.js';
import type { NameBook } from './support/name-book.js';
import type { CardPrivacy } from './support/private-messenger.js';
import type { ActionPolicy } from './action-policies.js';
import { authorizeAction, authorizeCommand } from './authorize-action.js';
import { readCommand } from './command-text.js';
import { maskPersonalText } from '../domain/privacy/mask-text.js';

export interface DispatcherOptions {
  deps: Deps;
  clock: Clock;
  read: ReadModel;
  names: NameBook;
  /** Already masking (R24): see createBot. */
  messenger(platform: InboundEvent['platform']): MessagingPort | undefined;
  /** R24: masks the card a click answers with, as the messengers mask what they send. */
  privacy: CardPrivacy;
  notifier: Notifier;
  logger: Logger;
  commands: readonly CommandHandler[];
  /** Called for anything that is not a command: the help card, never silence. */
  fallback: CommandHandler;
  actions: Readonly<Record<string, ActionHandler>>;
  /** What each action requires (action-policies.ts): checked here, before its handler. */
  actionPolicies: Readonly<Record<string, ActionPolicy>>;
  /** Reads the action name of an untrusted click (cards/actions.ts); throws a VALIDATION DomainError. */
  decodeAction(value: unknown): Record<string, unknown> & { a: string };
  views: { notRegistered(): Card; error(message: string): Card };
  /** Forms asked question by question where a platform's cards cannot hold inputs (DingTalk). */
  guidedForms?: GuidedForms;
}

/** The id a platform addresses a person by, as guided forms key their sessions. */
const userKeyOf = (u: PlatformUserRef) => u.userId ?? u.openId ?? u.unionId ?? '';

/**
 * The one place every inbound event goes through, whatever the platform: dedupe, identity,
 * routing, and domain errors turned into Chinese answers. Slow work (deliveries) runs after
 * the answer; `idle()` waits for it.
 */
export class Dispatcher {
  private pending = new Set<Promise<unknown>>();
  private readonly commandWords: ReadonlySet<string>;

  constructor(private readonly o: DispatcherOptions) {
    this.commandWords = new Set(o.commands.flatMap((c) => c.words));
  }

  async dispatch(event: InboundEvent): Promise<ActionResponse | undefined> {
    const started = performance.now();
    try {
      return event.kind === 'message' ? (await this.onMessage(event), undefined) : await this.onAction(event);
    } finally {
      this.o.logger.debug({ platform: event.platform, kind: event.kind, eventId: event.eventId, ms: Math.round(performance.now() - started) }, 'dispatched');
    }
  }

  /** Resolves when the work started after answers (deliveries, replies) has finished. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private background(work: Promise<unknown>): void {
    const p = work.catch((err: unknown) => this.o.logger.error({ err }, 'background work failed')).finally(() => this.pending.delete(p));
    this.pending.add(p);
  }

  private async onMessage(e: InboundMessage): Promise<void> {
    if (e.chat.type === 'group' && !e.mentionsBot) return;
    const now = this.o.clock.now();
    // A message only reads or opens a form, so it is claimed before anything is answered.
    const claimed = await this.o.deps.uow.run((repos) => repos.events.claim(e.platform, eventKey(e), now));
    if (!claimed) {
      this.o.logger.info({ eventId: e.eventId }, 'duplicate message ignored');
      return;
    }
    const messenger = this.o.messenger(e.platform);
    const reply = async (card: Card) => {
      await messenger?.reply(e.messageId, card, { uuid: sendUuid('reply', e.eventId, card.title) });
    };
    const person = await this.personOf(e);
    if (!person) return this.unknownUser(e, reply);
    // Only platforms whose cards cannot hold inputs have guided forms to answer (no query on Lark's hot path).
    if (this.o.guidedForms && e.chat.type === 'p2p' && this.o.messenger(e.platform)?.formsInCards === false) {
      const g = await this.o.guidedForms.answer(e.platform, userKeyOf(e.sender), e.text, this.commandWords);
      if (g.kind === 'reply') return reply(g.card);
      if (g.kind === 'submit') return this.submitGuided(e, g, now, reply);
      if (g.kind === 'left') await reply({ title: `已退出未填完的「${g.title}」`, colour: 'grey', elements: [{ kind: 'note', text: '需要时请重新开始填写。' }] });
    }
    const ctx = this.context(e, person, now, reply);
    const asked = readCommand(e.text, this.o.commands);
    const command = asked.command ?? this.o.fallback;
    try {
      authorizeCommand(person, command.policy);
      await command.run(ctx, asked.command ? asked.args : asked.text);
    } catch (err) {
      await reply(this.o.views.error(this.explain(err, e)));
    }
  }

  private async onAction(e: InboundAction): Promise<ActionResponse> {
    const now = this.o.clock.now();
    const person = await this.personOf(e);
    if (!person) {
      this.background(this.tellOfficeAboutStranger(e));
      return { toast: { type: 'error', text: '您尚未登记为本系统用户，请联系镇信访办' } };
    }
    const messenger = this.o.messenger(e.platform);
    // A click must be answered within 3 s whatever the platform's send queue looks like:
    // cards it sends to the chat go out after the answer.
    let replied = false;
    const reply = async (card: Card) => {
      if (!messenger) return;
      replied = true;
      const uuid = sendUuid('reply', eventKey(e), card.title);
      this.background(e.chat ? messenger.send({ kind: 'chat', chatId: e.chat.id }, card, { uuid }) : messenger.send({ kind: 'user', user: e.operator }, card, { uuid }));
    };
    const ctx = this.context(e, person, now, reply, () => (replied = true));
    try {
      const action = this.o.decodeAction(e.value);
      const handler = this.o.actions[action.a];
      const policy = this.o.actionPolicies[action.a];
      if (!handler || !policy) return { toast: { type: 'error', text: '该按钮已失效，请重新发送指令' } };
      await this.o.deps.uow.read((repos) => authorizeAction(repos, person, policy, action));
      const response = await this.masked(await handler(ctx, action, e.form));
      // The card sent (or the form's first question) is the answer; "sent" would come after it as a message of its own.
      return replied && messenger?.toastsAsMessages && response.toast?.type === 'info' && !response.card ? {} : response;
    } catch (err) {
      if (err instanceof DuplicateEvent) return { toast: { type: 'info', text: '该操作已处理，无需重复提交' } };
      return { toast: { type: isDomainError(err) && err.code === 'VALIDATION' ? 'warning' : 'error', text: maskPersonalText(this.explain(err, e)) } };
    }
  }

  /** R24: the answer to a click replaces the clicked card, which may be in a group: masked like any card sent. */
  private async masked(r: ActionResponse): Promise<ActionResponse> {
    return {
      ...(r.toast ? { toast: { ...r.toast, text: maskPersonalText(r.toast.text) } } : {}),
      ...(r.card ? { card: await this.o.privacy.forDestination(r.card, 'reply') } : {}),
    };
  }

  /** The last answer of a guided form: the form is submitted as its card would have submitted it. */
  private async submitGuided(e: InboundMessage, g: Extract<GuidedAnswer, { kind: 'submit' }>, now: Date, reply: (card: Card) => Promise<void>): Promise<void> {
    const answer = await this.onAction({ kind: 'action', platform: e.platform, eventId: `guided-${g.sessionId}`, chat: e.chat, operator: e.sender, messageId: null, value: g.value, form: g.form, receivedAt: now });
    const failed = answer.toast?.type === 'error' || answer.toast?.type === 'warning';
    await reply(
      answer.card ?? {
        title: answer.toast?.text ?? `已提交：${g.title}`,
        colour: failed ? 'red' : 'green',
        elements: failed ? [{ kind: 'note', text: '请重新发送指令开始填写。' }] : [],
      },
    );
  }

  private context(e: InboundEvent, person: Person, now: Date, plainReply: (card: Card) => Promise<void>, onAnswerSent?: () => void): HandlerContext {
    const messenger = this.o.messenger(e.platform);
    // A form on a platform whose cards cannot hold inputs is asked question by question, 1:1.
    const reply = async (card: Card) => {
      if (this.o.guidedForms && messenger?.formsInCards === false) {
        const user = e.kind === 'message' ? e.sender : e.operator;
        const first = await this.o.guidedForms.start(e.platform, userKeyOf(user), card);
        if (first) {
          onAnswerSent?.();
          await messenger.send({ kind: 'user', user }, first, { uuid: sendUuid('guided', eventKey(e)) });
          const inGroup = e.kind === 'message' ? e.chat.type === 'group' : e.chat?.type === 'group';
          if (inGroup) await plainReply({ title: `已在与机器人的单聊中开始填写「${card.title}」`, colour: 'blue', elements: [] });
          return;
        }
      }
      await plainReply(card);
    };
    return {
      event: e,
      actor: { person, channel: e.platform },
      // A message was claimed before it was answered; a click is claimed with its effect.
      deps: e.kind === 'action' ? { ...this.o.deps, uow: claimingUnitOfWork(this.o.deps.uow, e.platform, eventKey(e), now) } : this.o.deps,
      read: this.o.read,
      lookup: (fn) => this.o.deps.uow.read(fn),
      names: this.o.names,
      now,
      inGroup: e.kind === 'message' ? e.chat.type === 'group' : e.chat?.type === 'group',
      reply,
      sendToPerson: async (personId, card, key) => {
        const ids = await this.o.deps.uow.read((repos) => repos.identities.idsOf(personId, e.platform));
        if (!ids || !messenger) return false;
        await messenger.send({ kind: 'user', user: { platform: e.platform, ...ids } }, card, { uuid: sendUuid(key, personId) });
        if (personId === person.id) onAnswerSent?.();
        return true;
      },
      notify: (notifications: readonly Notification[]) => {
        if (notifications.length > 0) this.background(this.o.notifier.deliver(notifications));
      },
      commands: this.o.commands,
    };
  }

  private personOf(e: InboundEvent): Promise<Person | null> {
    const who = e.kind === 'message' ? e.sender : e.operator;
    return this.o.deps.uow.read((repos) => repos.identities.personOf(e.platform, who));
  }

  private async unknownUser(e: InboundMessage, reply: (card: Card) => Promise<void>): Promise<void> {
    await reply(this.o.views.notRegistered());
    this.background(this.tellOfficeAboutStranger(e));
  }

  private async tellOfficeAboutStranger(e: InboundEvent): Promise<void> {
    const who = e.kind === 'message' ? e.sender : e.operator;
    const office = await this.o.deps.uow.read((repos) => repos.directory.peopleWithRole('OFFICE_STAFF'));
    const id = who.openId ?? who.userId ?? who.unionId ?? '未知';
    this.o.logger.warn({ platform: e.platform, user: id }, 'message from an unregistered user');
    await this.o.notifier.deliver([
      {
        kind: 'UNKNOWN_USER',
        key: `unknown-user:${e.platform}:${id}`,
        urgency: 'NORMAL',
        recipientIds: office.map((p) => p.id),
        caseId: null,
        title: '有未登记的用户在使用信访包案助手',
        body: `平台：${e.platform}，账号：${who.name ? `${who.name}（${id}）` : id}。如为本镇干部，请在人员管理中关联其账号。`,
        requiresAck: false,
      },
    ]);
  }

  private explain(err: unknown, e: InboundEvent): string {
    if (isDomainError(err)) {
      this.o.logger.info({ code: err.code, eventId: e.eventId, details: err.details }, 'refused');
      return err.message;
    }
    if (err instanceof DuplicateEvent) return '该操作已处理，无需重复提交';
    this.o.logger.error({ err, eventId: e.eventId }, 'handler failed');
    return '系统繁忙，请稍后再试';
  }
}
