/**
 * DingTalk's side of `bench/dingtalk-callbacks.ts`, run in a worker thread so that the load
 * generator and the fake OpenAPI do not share the bot's event loop: it starts the fake DingTalk of
 * `test/support/fake-dingtalk.ts`, then on request drives signed HTTP-mode callbacks for a bounded
 * time, either at a fixed concurrency (each slot sends its next callback once the last one is
 * answered) or paced at a fixed rate whatever the answers do. Each callback is timed twice: until
 * DingTalk's HTTP ack, and until the bot's answer reaches the fake (the handling latency).
 */
import { Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import { cardCallback, freshSignedHeaders, robotText, type DingTalkUser } from '../test/support/dingtalk-payloads.js';
import { FakeDingTalk, type FakeDingTalkRequest } from '../test/support/fake-dingtalk.js';
import type { LoadWorkerReply, LoadWorkerRequest } from './load-worker.js';
import { post } from './loopback-http.js';
import { percentile } from './measure.js';

/** `read`: "案件 <number>" in a group, answered with the case card; `write`: a progress report submitted from that card. */
export type CallbackKind = 'read' | 'write';

/** One case and who acts on it: the owner leader asks for the case, the responsible person reports progress. */
export interface PlanCase {
  caseId: string;
  number: string;
  viewer: DingTalkUser;
  reporter: DingTalkUser;
}

export interface CallbackPlan {
  /** The signing key of HTTP mode (the app's secret). */
  appSecret: string;
  cases: PlanCase[];
  /** Group conversations the callbacks come from, in turn. */
  chats: number;
  /**
   * template: the township's template (read 案件 → createAndDeliver, write progress.submit → PUT card);
   * standard: 互动卡片普通版 (read 待办 → robot interactiveCards/send, write a click on its 刷新 → PUT robots/interactiveCards).
   */
  cards: 'template' | 'standard';
}

/** Closed loop (`concurrency` slots, each waiting for its answers) or open loop (`callbacksPerSecond`, a read every 2/rate s, its write after). */
export type Load = { concurrency: number } | { callbacksPerSecond: number };

/** One level: callbacks to the bot at `baseUrl`. */
export interface LevelRun {
  baseUrl: string;
  load: Load;
  seconds: number;
  plan: CallbackPlan;
}

export type LoadRequest = LoadWorkerRequest<LevelRun>;

export interface Percentiles {
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface KindStats {
  /** Callbacks acknowledged with 200. */
  acked: number;
  /** Of those, answered at the fake DingTalk as expected. */
  answered: number;
  ack: Percentiles;
  handling: Percentiles;
}

export interface LevelStats {
  load: Load;
  /** Callbacks answered (both kinds). */
  callbacks: number;
  seconds: number;
  /** Answered callbacks per second. */
  perSecond: number;
  ack: Percentiles;
  handling: Percentiles;
  errors: number;
  /** A few failures, to tell what went wrong. */
  errorSamples: string[];
  byKind: Record<CallbackKind, KindStats>;
}

/** What reached the fake DingTalk. */
export interface FakeTally {
  /** Cards the bot delivered (createAndDeliver), card updates (PUT), other OpenAPI calls, token fetches. */
  cardsDelivered: number;
  cardUpdates: number;
  otherCalls: number;
  tokenRequests: number;
  /** Deliveries no callback was waiting for. */
  strays: string[];
}

export type LoadReply = LoadWorkerReply<LevelStats, FakeTally>;

const ANSWER_TIMEOUT_MS = 15_000;
const PROGRESS_TAGS = ['INVESTIGATION', 'IMPLEMENTATION', 'STABILITY'] as const;
const CREATE_PATH = '/v1.0/card/instances/createAndDeliver';
const UPDATE_PATH = '/v1.0/card/instances';
const STANDARD_SEND_PATH = '/v1.0/im/v1.0/robot/interactiveCards/send';
const STANDARD_UPDATE_PATH = '/v1.0/im/robots/interactiveCards';
/** The cards' callback route, registered once at start. */
const REGISTER_PATH = '/v1.0/card/callbacks/register';
const SUBMITTED_TITLE = '进展已报送';

const round = (ms: number) => Math.round(ms * 100) / 100;

/** What reached the fake for one callback: when, and what it said. */
interface Arrival {
  at: number;
  status: number;
  title: string;
  outTrackId: string;
  /** A standard card's buttons by label (their ids). */
  buttons: Map<string, string>;
}

/** A standard card's title and buttons from its cardData (a JSON string). */
function standardCardOf(cardData: unknown): { title: string; buttons: Map<string, string> } {
  try {
    const d = JSON.parse(String(cardData)) as { header?: { title?: { text?: string } }; contents?: { type: string; actions?: { id: string; label: { text: string } }[] }[] };
    const buttons = new Map((d.contents ?? []).flatMap((c) => c.actions ?? []).map((b) => [b.label.text, b.id] as const));
    return { title: d.header?.title?.text ?? '', buttons };
  } catch {
    return { title: '', buttons: new Map() };
  }
}

/**
 * Matches the bot's calls at the fake with the callbacks waiting for them: a case card delivered
 * into a group answers the read from that group (one read per group at a time), a card update
 * answers the write on that card (outTrackId).
 */
class Arrivals {
  private readonly waiting = new Map<string, (a: Arrival) => void>();
  readonly strays: string[] = [];

  constructor(fake: FakeDingTalk) {
    const push = fake.requests.push.bind(fake.requests);
    // The fake records a call once its body is read and answers it synchronously after: that
    // moment is the arrival, and by the next microtask the record holds the fake's status.
    fake.requests.push = (...records: FakeDingTalkRequest[]) => {
      const at = performance.now();
      for (const r of records) queueMicrotask(() => this.seen(r, at));
      return push(...records);
    };
  }

  static readKey = (chat: string) => `read:${chat}`;
  static writeKey = (outTrackId: string) => `write:${outTrackId}`;

  expect(key: string): Promise<Arrival> {
    if (this.waiting.has(key)) throw new Error(`two callbacks wait for ${key}`);
    return new Promise<Arrival>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(key);
        reject(new Error(`no answer at the fake DingTalk within ${ANSWER_TIMEOUT_MS / 1000} s`));
      }, ANSWER_TIMEOUT_MS);
      this.waiting.set(key, (a) => {
        clearTimeout(timer);
        resolve(a);
      });
    });
  }

  cancel(key: string): void {
    this.waiting.delete(key);
  }

  private seen(r: FakeDingTalkRequest, at: number): void {
    const body = (r.body ?? {}) as { openSpaceId?: unknown; outTrackId?: unknown; cardBizId?: unknown; openConversationId?: unknown; cardData?: { cardParamMap?: { title?: unknown } } };
    const standard = r.path === STANDARD_SEND_PATH || r.path === STANDARD_UPDATE_PATH ? standardCardOf(body.cardData) : null;
    const title = standard ? standard.title : String(body.cardData?.cardParamMap?.title ?? '');
    const outTrackId = String(body.outTrackId ?? body.cardBizId ?? '');
    let key: string | null = null;
    if (r.method === 'POST' && r.path === CREATE_PATH) key = Arrivals.readKey(String(body.openSpaceId ?? '').replace(/^dtv1\.card\/\/IM_GROUP\./, ''));
    else if (r.method === 'PUT' && r.path === UPDATE_PATH) key = Arrivals.writeKey(outTrackId);
    else if (r.method === 'POST' && r.path === STANDARD_SEND_PATH && typeof body.openConversationId === 'string') key = Arrivals.readKey(body.openConversationId);
    else if (r.method === 'PUT' && r.path === STANDARD_UPDATE_PATH) key = Arrivals.writeKey(outTrackId);
    // Token fetches, the callback route, and a standard card 1:1 (a click's toast) answer no callback.
    else if (r.path.includes('accessToken') || r.path === '/gettoken' || r.path === REGISTER_PATH || r.path === STANDARD_SEND_PATH) return;
    const resolve = key ? this.waiting.get(key) : undefined;
    if (!resolve) {
      if (this.strays.length < 20) this.strays.push(`${r.method} ${r.path} ${title}`);
      return;
    }
    this.waiting.delete(key!);
    resolve({ at, status: r.status, title, outTrackId, buttons: standard?.buttons ?? new Map() });
  }
}

function stats(ms: number[]): Percentiles {
  if (ms.length === 0) return { p50Ms: 0, p95Ms: 0, p99Ms: 0, maxMs: 0 };
  const s = [...ms].sort((a, b) => a - b);
  return { p50Ms: round(percentile(s, 50)), p95Ms: round(percentile(s, 95)), p99Ms: round(percentile(s, 99)), maxMs: round(s.at(-1)!) };
}

let runSeq = 0;

async function runLevel(req: Extract<LoadRequest, { type: 'run' }>, arrivals: Arrivals): Promise<LevelStats> {
  const { plan } = req;
  const robotUrl = new URL('/dingtalk/robot', req.baseUrl);
  const cardsUrl = new URL('/dingtalk/cards', req.baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: 'concurrency' in req.load ? req.load.concurrency : 64 });
  const run = ++runSeq;
  const samples: { kind: CallbackKind; ackMs: number; handlingMs: number | null }[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  let pairs = 0;
  const started = performance.now();
  const end = started + req.seconds * 1000;
  const fail = (message: string) => {
    errors += 1;
    if (errorSamples.length < 5) errorSamples.push(message);
  };

  /** One callback: POST it, check DingTalk's ack, then wait for the bot's answer at the fake. */
  const callback = async (kind: CallbackKind, url: URL, payload: unknown, key: string, expect: (a: Arrival) => string | null): Promise<Arrival | null> => {
    const body = JSON.stringify(payload);
    let answer: Promise<Arrival>;
    try {
      answer = arrivals.expect(key);
    } catch (err) {
      fail(`${kind}: ${(err as Error).message}`);
      return null;
    }
    answer.catch(() => undefined); // awaited below unless the ack already failed
    const t0 = performance.now();
    let res: { status: number; text: string };
    try {
      res = await post(agent, url, body, freshSignedHeaders(plan.appSecret, new Date()));
    } catch (err) {
      arrivals.cancel(key);
      fail(`${kind}: network: ${(err as Error).message}`);
      return null;
    }
    const ackMs = performance.now() - t0;
    if (res.status !== 200 || res.text !== '{}') {
      arrivals.cancel(key);
      fail(`${kind}: ack HTTP ${res.status}: ${res.text.slice(0, 160)}`);
      return null;
    }
    const sample: (typeof samples)[number] = { kind, ackMs, handlingMs: null };
    samples.push(sample);
    try {
      const a = await answer;
      const problem = a.status !== 200 ? `fake DingTalk answered HTTP ${a.status}` : expect(a);
      if (problem) {
        fail(`${kind}: ${problem}`);
        return null;
      }
      sample.handlingMs = a.at - t0;
      return a;
    } catch (err) {
      fail(`${kind}: ${(err as Error).message}`);
      return null;
    }
  };

  /** One read and the write on the card it brought. */
  const pair = async (i: number): Promise<void> => {
    // Pairs walk the cases and the groups in turn: concurrent writes lock different cases, and a
    // group has one read in flight at a time.
    const c = plan.cases[i % plan.cases.length]!;
    const chat = `cidBench${String(i % plan.chats).padStart(4, '0')}==`;
    if (plan.cards === 'standard') return standardPair(i, c, chat);
    const read = robotText(`案件 ${c.number}`, { msgId: `msgBench${run}x${i}==`, sender: c.viewer, conversationType: '2', conversationId: chat, createAt: new Date() });
    const card = await callback('read', robotUrl, read, Arrivals.readKey(chat), (a) => (a.title.startsWith(`${c.number} `) ? null : `expected the card of ${c.number}, got "${a.title}"`));
    if (!card) return;
    // The responsible person reports progress from the card just delivered (the township's
    // template: a callback button whose params carry the action, and the form's inputs).
    const tag = PROGRESS_TAGS[i % PROGRESS_TAGS.length]!;
    const write = cardCallback({
      outTrackId: card.outTrackId,
      userId: c.reporter.staffId!,
      action: { a: 'progress.submit', caseId: c.caseId },
      form: {
        tag,
        content: `第 ${run}-${i} 次报送：走访信访人了解诉求，会同村委会核实情况，下一步按计划推进（基准数据）。`,
        ...(tag === 'STABILITY' ? { stability: 'STABLE' } : {}),
      },
      spaceType: 'IM_GROUP',
      spaceId: chat,
    });
    await callback('write', cardsUrl, write, Arrivals.writeKey(card.outTrackId), (a) => (a.title === SUBMITTED_TITLE ? null : `expected "${SUBMITTED_TITLE}", got "${a.title}"`));
  };

  /** 待办 in a group, then a click on the 刷新 of the standard card it brought: the use case runs again and the card is updated in place. */
  const standardPair = async (i: number, c: PlanCase, chat: string): Promise<void> => {
    const read = robotText('待办', { msgId: `msgBench${run}x${i}==`, sender: c.viewer, conversationType: '2', conversationId: chat, createAt: new Date() });
    const card = await callback('read', robotUrl, read, Arrivals.readKey(chat), (a) => (a.buttons.has('刷新') ? null : `expected a 待办 card with 刷新, got "${a.title}"`));
    if (!card) return;
    const click = {
      outTrackId: card.outTrackId,
      corpId: 'ding9f50b15bccd16741',
      userId: c.viewer.staffId!,
      userIdType: 1,
      type: 'actionCallback',
      content: JSON.stringify({ cardPrivateData: { actionIds: [card.buttons.get('刷新')!], params: {} } }),
      extension: '{}',
    };
    // A refresh names the same card each time: one write per card in flight (the pair waits for it).
    await callback('write', cardsUrl, click, Arrivals.writeKey(card.outTrackId), (a) => (a.buttons.has('刷新') ? null : `expected the refreshed 待办, got "${a.title}"`));
  };

  const { load } = req;
  if ('concurrency' in load) {
    await Promise.all(
      Array.from({ length: load.concurrency }, async () => {
        while (performance.now() < end) await pair(pairs++);
      }),
    );
  } else {
    const everyMs = 2000 / load.callbacksPerSecond;
    const inFlight: Promise<void>[] = [];
    for (let k = 0; started + k * everyMs < end; k++) {
      const wait = started + k * everyMs - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      inFlight.push(pair(pairs++));
    }
    await Promise.all(inFlight);
  }
  agent.destroy();
  // Every pair waited for its last answer: the level ends with it.
  const seconds = (performance.now() - started) / 1000;
  const handled = samples.filter((s) => s.handlingMs !== null);
  const kindStats = (kind: CallbackKind): KindStats => {
    const of = samples.filter((s) => s.kind === kind);
    const done = of.filter((s) => s.handlingMs !== null);
    return { acked: of.length, answered: done.length, ack: stats(of.map((s) => s.ackMs)), handling: stats(done.map((s) => s.handlingMs!)) };
  };
  return {
    load: req.load,
    callbacks: handled.length,
    seconds: round(seconds),
    perSecond: round(handled.length / seconds),
    ack: stats(samples.map((s) => s.ackMs)),
    handling: stats(handled.map((s) => s.handlingMs!)),
    errors,
    errorSamples,
    byKind: { read: kindStats('read'), write: kindStats('write') },
  };
}

async function serve(): Promise<void> {
  const port = parentPort!;
  const fake = await FakeDingTalk.start();
  const arrivals = new Arrivals(fake);
  port.on('message', (msg: LoadRequest) => {
    if (msg.type === 'stop') {
      const calls = fake.apiRequests();
      const reply: LoadReply = {
        type: 'stopped',
        // Cards into the groups (reads' answers) and their updates (writes'); a standard card 1:1 is a click's toast.
        cardsDelivered: fake.cards.length + fake.standardCards.filter((c) => c.openConversationId !== null).length,
        cardUpdates: [...fake.cards, ...fake.standardCards].reduce((n, c) => n + c.updates.length, 0),
        otherCalls: calls.filter((r) => ![CREATE_PATH, UPDATE_PATH, REGISTER_PATH, STANDARD_SEND_PATH, STANDARD_UPDATE_PATH].includes(r.path)).length,
        tokenRequests: fake.tokenRequests().length + fake.legacyTokenRequests().length,
        strays: arrivals.strays,
      };
      port.postMessage(reply);
      return;
    }
    void runLevel(msg, arrivals).then((stats) => port.postMessage({ type: 'result', id: msg.id, stats } satisfies LoadReply));
  });
  port.postMessage({ type: 'ready', fakeUrl: fake.url } satisfies LoadReply);
}

if (parentPort) await serve();
