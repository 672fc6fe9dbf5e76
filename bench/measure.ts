import { performance } from 'node:perf_hooks';

export interface Timing {
  runs: number;
  medianMs: number;
  p99Ms: number;
  maxMs: number;
}

export function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)]!;
}

const round = (ms: number) => Math.round(ms * 100) / 100;

/** Runs `fn` a few times to warm caches, then `runs` times one after another. */
export async function time(fn: () => Promise<unknown>, runs: number, warmup = 10): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { runs, medianMs: round(percentile(samples, 50)), p99Ms: round(percentile(samples, 99)), maxMs: round(samples.at(-1)!) };
}

/** Runs `total` jobs with at most `concurrency` at once; returns the elapsed seconds. */
export async function throughput(total: number, concurrency: number, job: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await job(next++);
    }),
  );
  return (performance.now() - start) / 1000;
}
