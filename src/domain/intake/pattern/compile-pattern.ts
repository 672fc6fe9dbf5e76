import type { CharSet } from './char-set.js';
import type { PatternNode } from './pattern-ast.js';

/** One state of a Thompson automaton. */
export type Inst =
  | { op: 'char'; set: CharSet; next: number }
  | { op: 'split'; a: number; b: number }
  | { op: 'assert'; at: 'start' | 'end'; next: number }
  | { op: 'match' };

export interface Program {
  insts: readonly Inst[];
  start: number;
}

/** Each {n,m} copies its body: a bound on the states keeps one rule's cost per character small. */
export const MAX_PROGRAM_SIZE = 2000;

export const TOO_COMPLEX = `正则表达式过于复杂（展开后超过 ${MAX_PROGRAM_SIZE} 个状态），请改写得简单些`;

export type Compiled = { ok: true; program: Program } | { ok: false; problem: string };

class TooBig extends Error {}

/** Compiles a parsed pattern into an automaton that `searchProgram` runs without backtracking. */
export function compilePattern(node: PatternNode): Compiled {
  const insts: Inst[] = [];
  const push = (inst: Inst): number => {
    if (insts.length >= MAX_PROGRAM_SIZE) throw new TooBig();
    insts.push(inst);
    return insts.length - 1;
  };
  // Built back to front: each part is compiled knowing where it continues.
  const emit = (n: PatternNode, next: number): number => {
    switch (n.kind) {
      case 'chars':
        return push({ op: 'char', set: n.set, next });
      case 'assert':
        return push({ op: 'assert', at: n.at, next });
      case 'seq':
        return n.items.reduceRight((after, item) => emit(item, after), next);
      case 'alt': {
        const entries = n.options.map((o) => emit(o, next));
        return entries.reduceRight((rest, entry) => push({ op: 'split', a: entry, b: rest }));
      }
      case 'repeat': {
        let entry = next;
        if (n.max === Infinity) {
          const loop = push({ op: 'split', a: -1, b: next });
          (insts[loop] as { a: number }).a = emit(n.body, loop);
          entry = loop;
        } else {
          for (let k = n.min; k < n.max; k++) entry = push({ op: 'split', a: emit(n.body, entry), b: next });
        }
        for (let k = 0; k < n.min; k++) entry = emit(n.body, entry);
        return entry;
      }
    }
  };
  try {
    const match = push({ op: 'match' });
    return { ok: true, program: { insts, start: emit(node, match) } };
  } catch (err) {
    if (err instanceof TooBig) return { ok: false, problem: TOO_COMPLEX };
    throw err;
  }
}
