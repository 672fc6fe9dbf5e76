import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The dependency direction of docs/architecture.md, checked on the source itself:
// lib ← domain ← usecases ← (bot | platforms | scheduler | http) ← main; db and cards point inward.

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => (m[1] ?? m[2])!);
}

const src = resolve('src');
const sourceFiles = files(src).filter((f) => !f.includes(`${join('src', 'generated')}`));

const forbidden: Record<string, RegExp> = {
  domain: /^(koa|@koa\/|bullmq|ioredis|@larksuiteoapi|dingtalk-stream|@prisma\/|pg$|pino|.*\/generated\/|.*\/(db|usecases|http|bot|platforms|scheduler)\/)/,
  usecases: /^(koa|@koa\/|bullmq|ioredis|@larksuiteoapi|dingtalk-stream|@prisma\/|pg$|.*\/generated\/|.*\/(db|http|bot|platforms|scheduler)\/)/,
  lib: /^(koa|@koa\/|bullmq|@larksuiteoapi|dingtalk-stream|@prisma\/|.*\/(domain|usecases|db|http)\/)/,
};

describe('architecture', () => {
  for (const [layer, pattern] of Object.entries(forbidden)) {
    it(`${layer}/ imports no framework, database or outer layer`, () => {
      const offenders = sourceFiles
        .filter((f) => relative(src, f).startsWith(`${layer}/`))
        .flatMap((f) => importsOf(f).filter((i) => pattern.test(i)).map((i) => `${relative(src, f)} → ${i}`));
      expect(offenders).toEqual([]);
    });
  }

  it('the source has no circular imports', () => {
    const graph = new Map<string, string[]>();
    for (const f of sourceFiles) {
      graph.set(
        f,
        importsOf(f)
          .filter((i) => i.startsWith('.'))
          .map((i) => resolve(dirname(f), i.replace(/\.js$/, '.ts'))),
      );
    }
    const cycles: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (node: string, path: string[]) => {
      if (state.get(node) === 'done') return;
      if (state.get(node) === 'visiting') {
        cycles.push([...path.slice(path.indexOf(node)), node].map((p) => relative(src, p)).join(' → '));
        return;
      }
      state.set(node, 'visiting');
      for (const next of graph.get(node) ?? []) visit(next, [...path, node]);
      state.set(node, 'done');
    };
    for (const node of graph.keys()) visit(node, []);
    expect(cycles).toEqual([]);
  });
});
