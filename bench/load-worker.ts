/**
 * The main thread's handle on a benchmark's load worker (`lark-load.ts`, `dingtalk-load.ts`): the
 * fake platform and the load generator run in a worker thread so that they do not share the bot's
 * event loop. The worker says `ready` with the fake's URL, runs one level per `run` request
 * (answered by id) and tallies what reached the fake on `stop`.
 */
import { Worker } from 'node:worker_threads';

/** What the main thread asks: a level (`Run`, tagged with an id), or the fake's tally. */
export type LoadWorkerRequest<Run extends object> = ({ type: 'run'; id: number } & Run) | { type: 'stop' };

/** What the worker answers: once `ready`, a `result` per level, and its tally once stopped. */
export type LoadWorkerReply<Stats, Stopped extends object> =
  | { type: 'ready'; fakeUrl: string }
  | { type: 'result'; id: number; stats: Stats }
  | ({ type: 'stopped' } & Stopped);

/** A load worker started from `entry`, tsx-loaded like the benchmark that starts it. */
export class LoadWorker<Run extends object, Stats, Stopped extends object> {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: (s: Stats) => void; reject: (err: Error) => void }>();
  private seq = 0;
  private onStopped: ((r: Stopped) => void) | null = null;
  /** The fake platform's URL. */
  readonly ready: Promise<string>;

  constructor(entry: URL) {
    this.worker = new Worker(`import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); })`, { eval: true });
    this.ready = new Promise((resolve, reject) => {
      // A crashed worker fails the run instead of leaving it waiting.
      this.worker.on('error', (err) => {
        reject(err);
        for (const w of this.waiting.values()) w.reject(err);
      });
      this.worker.on('message', (m: LoadWorkerReply<Stats, Stopped>) => {
        if (m.type === 'ready') resolve(m.fakeUrl);
        else if (m.type === 'result') this.waiting.get(m.id)?.resolve(m.stats);
        else this.onStopped?.(m);
      });
    });
    this.ready.catch(() => undefined); // awaited later; this only keeps an early crash from being "unhandled"
  }

  /** Runs one level in the worker; resolves with its stats. */
  run(request: Run): Promise<Stats> {
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ type: 'run', id, ...request } satisfies LoadWorkerRequest<Run>);
    });
  }

  /** The fake's tally (the worker's `stopped` message); the worker is gone after it. */
  async stop(): Promise<Stopped> {
    const stopped = new Promise<Stopped>((resolve) => (this.onStopped = resolve));
    this.worker.postMessage({ type: 'stop' } satisfies LoadWorkerRequest<Run>);
    const tally = await stopped;
    await this.worker.terminate();
    return tally;
  }

  async terminate(): Promise<void> {
    await this.worker.terminate();
  }
}
