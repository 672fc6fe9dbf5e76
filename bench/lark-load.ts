/**
 * Lark's side of `bench/lark-callbacks.ts`, run in a worker thread so that the load generator and
 * the fake open API do not share the bot's event loop: it starts the fake Lark open API, then on
 * request drives signed, encrypted `card.action.trigger` callbacks (or plain JSON to the bare Koa
 * echo) at a fixed concurrency for a bounded time, and answers with client-side latencies.
 */
import { Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import { FakeLark } from '../test/support/fake-lark.js';
import { cardActionEvent, signAndEncrypt } from '../test/support/lark-payloads.js';
import type { LoadWorkerReply, LoadWorkerRequest } from './load-worker.js';
import { post } from './loopback-http.js';
import { percentile } from './measure.js';
import { threadCpuMs } from './cpu-split.js';

export type CallbackKind = 'submit' | 'view';

/** One case and who acts on it: the responsible person reports progress, the owner leader views. */
export interface PlanCase {
  caseId: string;
  reporter: { open_id: string; union_id: string };
  viewer: { open_id: string; union_id: string };
}

export interface CallbackPlan {
  encryptKey: string;
  cases: PlanCase[];
  /** Repeated in order: which kind the n-th callback is. */
  mix: CallbackKind[];
  /** Chats the callbacks come from (a case card is answered into its chat). */
  chats: number;
}

/** One level: signed callbacks to the bot, or plain JSON to the bare Koa echo. */
export type LevelRun =
  | { target: 'callbacks'; url: string; concurrency: number; seconds: number; plan: CallbackPlan }
  | { target: 'echo'; url: string; concurrency: number; seconds: number };

/** What reached the fake Lark. */
export interface FakeTally {
  messagesSent: number;
  apiRequests: number;
}

export type LoadRequest = LoadWorkerRequest<LevelRun>;

export interface LevelStats {
  concurrency: number;
  requests: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  errors: number;
  /** A few failed answers, to tell what went wrong. */
  errorSamples: string[];
  byKind: Partial<Record<CallbackKind, { requests: number; p50Ms: number; p99Ms: number }>>;
  /** CPU ms this worker thread (client and fake Lark) spent on the level; null off Linux. */
  threadCpuMs: number | null;
}

export type LoadReply = LoadWorkerReply<LevelStats, FakeTally>;

const EXPECTED_TOAST: Record<CallbackKind, { type: string; content: string }> = {
  submit: { type: 'success', content: '进展已报送' },
  view: { type: 'info', content: '已发送案件详情' },
};
const PROGRESS_TAGS = ['INVESTIGATION', 'IMPLEMENTATION', 'STABILITY'] as const;

const round = (ms: number) => Math.round(ms * 100) / 100;

let runSeq = 0;

/** The n-th callback of a run: every one distinct (event id, card message id, and for submits the text). */
function callback(plan: CallbackPlan, run: number, n: number, submitSeq: number): { kind: CallbackKind; body: string; headers: Record<string, string> } {
  const kind = plan.mix[n % plan.mix.length]!;
  // Submits walk the cases in turn, so concurrent submits lock different cases.
  const c = plan.cases[(kind === 'submit' ? submitSeq : n) % plan.cases.length]!;
  const common = { messageId: `om_bench${run}x${n}`, chatId: `oc_bench_chat_${n % plan.chats}` };
  let payload;
  if (kind === 'submit') {
    const tag = PROGRESS_TAGS[submitSeq % PROGRESS_TAGS.length]!;
    payload = cardActionEvent({
      ...common,
      operator: { ...c.reporter, user_id: null },
      name: `progress.submit?caseId=${c.caseId}`,
      formValue: {
        tag,
        content: `第 ${run}-${n} 次报送：走访信访人了解诉求，会同村委会核实情况，下一步按计划推进（基准数据）。`,
        ...(tag === 'STABILITY' ? { stability: 'STABLE' } : {}),
      },
    });
  } else {
    payload = cardActionEvent({ ...common, operator: { ...c.viewer, user_id: null }, value: { a: 'case.view', caseId: c.caseId } });
  }
  const req = signAndEncrypt(payload, plan.encryptKey);
  return { kind, body: req.rawBody, headers: req.headers };
}

function check(kind: CallbackKind, status: number, text: string): string | null {
  if (status !== 200) return `HTTP ${status}: ${text.slice(0, 160)}`;
  let toast: { type?: string; content?: string } | undefined;
  try {
    toast = (JSON.parse(text) as { toast?: { type?: string; content?: string } }).toast;
  } catch {
    return `not JSON: ${text.slice(0, 160)}`;
  }
  const want = EXPECTED_TOAST[kind];
  if (toast?.type !== want.type || !toast.content?.includes(want.content)) return `${kind}: toast ${JSON.stringify(toast)}`;
  return null;
}

async function runLevel(req: Extract<LoadRequest, { type: 'run' }>): Promise<LevelStats> {
  const url = new URL(req.url);
  const agent = new Agent({ keepAlive: true, maxSockets: req.concurrency });
  const run = ++runSeq;
  const samples: { kind: CallbackKind | 'echo'; ms: number }[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  let n = 0;
  let submits = 0;
  const echoBody = JSON.stringify({ encrypt: 'x'.repeat(1100), note: '基准' });
  const cpuAtStart = threadCpuMs();
  const started = performance.now();
  const end = started + req.seconds * 1000;
  let last = started;
  const fail = (message: string) => {
    errors += 1;
    if (errorSamples.length < 5) errorSamples.push(message);
  };
  await Promise.all(
    Array.from({ length: req.concurrency }, async () => {
      while (performance.now() < end) {
        const i = n++;
        let kind: CallbackKind | 'echo' = 'echo';
        let body = echoBody;
        let headers: Record<string, string> = { 'content-type': 'application/json' };
        if (req.target === 'callbacks') {
          const next = req.plan.mix[i % req.plan.mix.length] === 'submit' ? submits++ : submits;
          ({ kind, body, headers } = callback(req.plan, run, i, next));
        }
        const t0 = performance.now();
        try {
          const res = await post(agent, url, body, headers);
          last = performance.now();
          samples.push({ kind, ms: last - t0 });
          const problem = kind === 'echo' ? (res.status === 200 && res.text === body ? null : `echo: HTTP ${res.status}`) : check(kind, res.status, res.text);
          if (problem) fail(problem);
        } catch (err) {
          last = performance.now();
          fail(`network: ${(err as Error).message}`);
        }
      }
    }),
  );
  agent.destroy();
  const cpuAtEnd = threadCpuMs();
  const seconds = (last - started) / 1000;
  const sorted = (ms: number[]) => ms.sort((a, b) => a - b);
  const all = sorted(samples.map((s) => s.ms));
  const byKind: LevelStats['byKind'] = {};
  for (const kind of ['submit', 'view'] as const) {
    const ms = sorted(samples.filter((s) => s.kind === kind).map((s) => s.ms));
    if (ms.length) byKind[kind] = { requests: ms.length, p50Ms: round(percentile(ms, 50)), p99Ms: round(percentile(ms, 99)) };
  }
  return {
    concurrency: req.concurrency,
    requests: samples.length,
    seconds: round(seconds),
    perSecond: round(samples.length / seconds),
    p50Ms: round(percentile(all, 50)),
    p95Ms: round(percentile(all, 95)),
    p99Ms: round(percentile(all, 99)),
    maxMs: round(all.at(-1) ?? 0),
    errors,
    errorSamples,
    byKind,
    threadCpuMs: cpuAtStart === null || cpuAtEnd === null ? null : Math.round(cpuAtEnd - cpuAtStart),
  };
}

async function serve(): Promise<void> {
  const port = parentPort!;
  const fake = await FakeLark.start();
  port.on('message', (msg: LoadRequest) => {
    if (msg.type === 'stop') {
      const reply: LoadReply = { type: 'stopped', messagesSent: fake.messages.length, apiRequests: fake.apiRequests().length };
      port.postMessage(reply);
      return;
    }
    void runLevel(msg).then((stats) => port.postMessage({ type: 'result', id: msg.id, stats } satisfies LoadReply));
  });
  port.postMessage({ type: 'ready', fakeUrl: fake.url } satisfies LoadReply);
}

if (parentPort) await serve();
