import { decodeAction } from '../../cards/actions.js';
import { errorCard } from '../../cards/builders/error.js';
import { notRegisteredCard } from '../../cards/builders/not-registered.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import type { Deps } from '../usecases/ports.js';
import type { ContactDirectory } from '../usecases/ports/identity-sync.js';
import type { PlatformName } from '../usecases/ports/platform.js';
import { caseActions } from './actions/case-actions.js';
import { moreCaseActions } from './actions/more-case-actions.js';
import { dutyActions } from './actions/duty-actions.js';
import { escalationActions } from './actions/escalation-actions.js';
import { officeCaseActions } from './actions/office-case-actions.js';
import { petitionerActions } from './actions/petitioner-actions.js';
import { majorEventCommand, sentimentCommand } from './commands/escalation-commands.js';
import { sentimentActions } from './actions/sentiment-actions.js';
import { officeDutyActions } from './actions/office-duty-actions.js';
import { higherLevelVisitCommand, receptionListCommand, receptionScheduleCommand, screeningPeriodCommand } from './commands/office-commands.js';
import { caseCommand, helpCommand, intakeCommand, mineCommand, overdueCommand, statisticsCommand } from './commands/simple-commands.js';
import { syncUsersCommand } from './commands/sync-users-command.js';
import { meetingCommand, receptionCommand, screeningCommand, todoCommand, visitCommand } from './commands/duty-commands.js';
import { Dispatcher } from './dispatcher.js';
import type { CommandHandler } from './handler.js';
import { ACTION_POLICIES } from './action-policies.js';
import type { MessagingPort, UrgentChannel } from './messaging-port.js';
import { Notifier } from './notifier.js';
import type { PushQueue } from './ports/push-queue.js';
import type { GuidedForms } from './guided-form/guided-forms.js';
import type { Notification } from '../domain/notifications.js';
import type { ReadModel } from './ports.js';
import { notificationCard } from './support/notification-card.js';
import { NameBook } from './support/name-book.js';
import { CardPrivacy, privateMessenger } from './support/private-messenger.js';

export interface BotOptions {
  deps: Deps;
  clock: Clock;
  read: ReadModel;
  messengers: ReadonlyMap<PlatformName, MessagingPort>;
  /** Contact directories for 同步用户, by platform. */
  directories?: ReadonlyMap<PlatformName, ContactDirectory>;
  logger: Logger;
  /** Urgent channels at the top of escalation ladders (default in-app buzz only). */
  urgentChannels?: readonly UrgentChannel[];
  /** The scheduler's queues (with Redis): notifications go through the outbox and its workers. */
  pushQueue?: PushQueue;
  /** Forms asked question by question on platforms whose cards cannot hold inputs (DingTalk). */
  guidedForms?: GuidedForms;
}

/** Delivers notifications as cards to each recipient 1:1: the bot's answers and the scheduler's pushes. */
export function createNotifier(o: Pick<BotOptions, 'deps' | 'messengers' | 'logger' | 'urgentChannels' | 'pushQueue'>): Notifier {
  const render = (n: Notification, recipientId: string) => notificationCard(o.deps.uow, o.deps.config, n, recipientId, o.logger);
  const messengers = privateMessengers(o.messengers, new CardPrivacy(o.deps.uow, o.deps.clock));
  return new Notifier(o.deps.uow, messengers, render, o.logger, o.urgentChannels, o.pushQueue && { queue: o.pushQueue, clock: o.deps.clock });
}

/** R24: every card the bot sends goes out masked unless it is an audited full view to one person. */
function privateMessengers(messengers: ReadonlyMap<PlatformName, MessagingPort>, privacy: CardPrivacy): ReadonlyMap<PlatformName, MessagingPort> {
  return new Map([...messengers].map(([platform, m]) => [platform, privateMessenger(m, privacy)]));
}

/** Every command of the bot, each with its policy (action-policies.ts), in the order 帮助 lists them. */
export function botCommands(directories: ReadonlyMap<PlatformName, ContactDirectory>): CommandHandler[] {
  return [
    helpCommand, intakeCommand, mineCommand, caseCommand, overdueCommand, todoCommand, statisticsCommand, visitCommand, receptionCommand,
    screeningCommand, meetingCommand, screeningPeriodCommand, receptionListCommand, receptionScheduleCommand, higherLevelVisitCommand,
    sentimentCommand, majorEventCommand, syncUsersCommand(directories),
  ];
}

/** The bot every platform feeds: commands, card actions and notification delivery. */
export function createBot(o: BotOptions): Dispatcher {
  const notifier = createNotifier(o);
  const privacy = new CardPrivacy(o.deps.uow, o.clock);
  const messengers = privateMessengers(o.messengers, privacy);
  return new Dispatcher({
    deps: o.deps,
    clock: o.clock,
    read: o.read,
    names: new NameBook(o.deps.uow, o.clock),
    messenger: (platform) => messengers.get(platform),
    privacy,
    notifier,
    logger: o.logger,
    commands: botCommands(o.directories ?? new Map()),
    fallback: helpCommand,
    actions: { ...caseActions, ...moreCaseActions, ...dutyActions, ...escalationActions, ...officeCaseActions, ...petitionerActions, ...sentimentActions, ...officeDutyActions },
    actionPolicies: ACTION_POLICIES,
    decodeAction: (value) => decodeAction(value),
    views: { notRegistered: notRegisteredCard, error: (message) => errorCard(message) },
    ...(o.guidedForms && { guidedForms: o.guidedForms }),
  });
}
