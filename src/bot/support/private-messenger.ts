import { caseNumbersIn, maskCard } from '../../../cards/mask-card.js';
import type { Card } from '../../../cards/model.js';
import type { Clock } from '../../lib/clock.js';
import type { PersonalSubject } from '../../domain/privacy/mask-text.js';
import type { UnitOfWork } from '../../usecases/ports.js';
import type { Destination, MessagingPort } from '../messaging-port.js';

/** How long the petitioners of a case number are remembered for masking: cards come in bursts. */
const SUBJECTS_TTL_MS = 60_000;
const SUBJECTS_MAX = 2_000;

/** R24: masks cards on their way to a platform with the petitioners of every case they name. */
export class CardPrivacy {
  private readonly cache = new Map<string, { at: number; subjects: PersonalSubject[] }>();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  /** The card as it may go to `to`: full only to one person, and only when an audited view made it so. */
  async forDestination(card: Card, to: Destination['kind'] | 'reply'): Promise<Card> {
    if (card.personalData === 'FULL' && to === 'user') return card;
    const { personalData: _full, ...rest } = card;
    return maskCard(rest, await this.subjectsOf(caseNumbersIn(card)));
  }

  private async subjectsOf(numbers: string[]): Promise<PersonalSubject[]> {
    const now = this.clock.now().getTime();
    const missing = numbers.filter((n) => (this.cache.get(n)?.at ?? -Infinity) <= now - SUBJECTS_TTL_MS);
    if (missing.length > 0) {
      const found = await this.uow.read((repos) => repos.cases.subjectsByNumber(missing));
      if (this.cache.size + found.size > SUBJECTS_MAX) this.cache.clear();
      for (const [n, subjects] of found) this.cache.set(n, { at: now, subjects });
    }
    return numbers.flatMap((n) => this.cache.get(n)?.subjects ?? []);
  }
}

/** The messenger every bot path uses: the same platform, with R24 masking on every card it sends. */
export function privateMessenger(inner: MessagingPort, privacy: CardPrivacy): MessagingPort {
  return {
    platform: inner.platform,
    ...(inner.formsInCards !== undefined ? { formsInCards: inner.formsInCards } : {}),
    ...(inner.toastsAsMessages !== undefined ? { toastsAsMessages: inner.toastsAsMessages } : {}),
    send: async (to, card, opts) => inner.send(to, await privacy.forDestination(card, to.kind), opts),
    reply: async (messageId, card, opts) => inner.reply(messageId, await privacy.forDestination(card, 'reply'), opts),
    update: async (messageId, card) => inner.update(messageId, await privacy.forDestination(card, 'reply')),
    findUser: (contact) => inner.findUser(contact),
    ...(inner.buzz ? { buzz: inner.buzz.bind(inner) } : {}),
  };
}
