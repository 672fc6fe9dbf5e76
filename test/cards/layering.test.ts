import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// cards/ turns data into cards: it may use the domain's words and rules and src/lib, never the
// database, use cases, platforms or SDKs (docs/architecture.md).

const root = resolve('cards');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : n.endsWith('.ts') ? [join(dir, n)] : []));
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

describe('cards layer', () => {
  it('imports only zod, cards/, src/domain and src/lib', () => {
    const src = resolve('src');
    const offenders = files(root).flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(IMPORT)]
        .map((m) => (m[1] ?? m[2])!)
        .filter((spec) => {
          if (spec === 'zod') return false;
          if (!spec.startsWith('.')) return true;
          const target = resolve(dirname(f), spec);
          const inCards = !relative(root, target).startsWith('..');
          const inAllowed = ['domain', 'lib'].some((d) => !relative(join(src, d), target).startsWith('..'));
          return !inCards && !inAllowed;
        })
        .map((spec) => `${relative(root, f)} → ${spec}`),
    );
    expect(offenders).toEqual([]);
  });
});
