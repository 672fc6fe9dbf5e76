/**
 * Names for the SQL Prisma sends through the pg driver, so that each statement is prepared once per
 * connection: PostgreSQL then skips parsing and planning it on every call (about a third of its
 * CPU per card callback, `npm run bench:lark`). Bounded: the first `limit` distinct texts get a
 * name and later ones run unnamed, as before, so that statements with variable IN-lists cannot
 * fill every connection with prepared statements. 0 turns it off — needed behind PgBouncer in
 * transaction mode before its 1.21 (max_prepared_statements).
 */
/** Distinct statements named unless told otherwise (DATABASE_STATEMENT_CACHE). */
export const DEFAULT_STATEMENT_CACHE = 100;

export type StatementNamer = (query: { sql: string }) => string;

export function statementNamer(limit: number): StatementNamer | undefined {
  if (limit <= 0) return undefined;
  const names = new Map<string, string>();
  return ({ sql }) => {
    const known = names.get(sql);
    if (known !== undefined) return known;
    if (names.size >= limit) return ''; // the pg driver prepares an unnamed statement for ''
    const name = `xf_${names.size}`;
    names.set(sql, name);
    return name;
  };
}
