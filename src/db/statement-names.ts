/**
 * Names for the SQL Prisma sends through the pg driver, so that a statement the process runs again
 * and again is prepared once per connection: PostgreSQL then skips parsing and planning it on
 * every call (about a third of its CPU per card callback, `npm run bench:lark`).
 *
 * A text is named on its second use, so one-off statements (start-up jobs, a demo seed) do not
 * take the slots; texts with an expanded IN-list are never named, as every list length is another
 * text. At most `limit` names (each prepared statement holds some 30 KB in every backend); later
 * texts run unnamed, as without a cache. 0 turns it off — needed behind PgBouncer in transaction
 * mode before its 1.21 (max_prepared_statements).
 */

/** Distinct statements named unless told otherwise (DATABASE_STATEMENT_CACHE). */
export const DEFAULT_STATEMENT_CACHE = 100;

export type StatementNamer = (query: { sql: string }) => string;

/** `IN ($1,$2,…)`: Prisma writes a list filter out in full. */
const EXPANDED_IN_LIST = /\bIN \(\$\d+\s*,/i;

/** How many once-seen texts to remember before starting over (a heuristic, not a limit on names). */
const SEEN_ONCE_LIMIT = 2000;

/** '' = unnamed: the pg driver then parses the statement afresh, as it does without a name. */
const UNNAMED = '';

export function statementNamer(limit: number): StatementNamer | undefined {
  if (limit <= 0) return undefined;
  const names = new Map<string, string>();
  const seenOnce = new Set<string>();
  return ({ sql }) => {
    const known = names.get(sql);
    if (known !== undefined) return known;
    if (names.size >= limit || EXPANDED_IN_LIST.test(sql)) return UNNAMED;
    if (!seenOnce.has(sql)) {
      if (seenOnce.size >= SEEN_ONCE_LIMIT) seenOnce.clear();
      seenOnce.add(sql);
      return UNNAMED;
    }
    seenOnce.delete(sql);
    const name = `xf_${names.size}`;
    names.set(sql, name);
    return name;
  };
}
