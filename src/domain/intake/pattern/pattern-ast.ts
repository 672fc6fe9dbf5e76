import type { CharSet } from './char-set.js';

/** A keyword pattern as parsed: what a match needs, nothing about how a regex engine would search. */
export type PatternNode =
  | { kind: 'chars'; set: CharSet }
  | { kind: 'seq'; items: PatternNode[] }
  | { kind: 'alt'; options: PatternNode[] }
  /** `max` is Infinity for *, + and {n,}. */
  | { kind: 'repeat'; body: PatternNode; min: number; max: number }
  | { kind: 'assert'; at: 'start' | 'end' };

/** The largest count a {n,m} may name: each count is a copy of its body in the compiled pattern. */
export const MAX_REPEAT = 100;

export type Parsed = { ok: true; node: PatternNode } | { ok: false; problem: string };
