import { z } from 'zod';

/**
 * The name people know each value of a choice by: a message refusing a value lists these names,
 * never the codes stored in the database.
 */
export const choiceLabels = z.registry<{ labels: Readonly<Record<string, string>> }>();

/** A choice (enum) whose values are named in messages by `labels`. */
export function labelledEnum<const T extends readonly [string, ...string[]]>(values: T, labels: Readonly<Record<T[number], string>>) {
  const schema = z.enum(values);
  choiceLabels.add(schema, { labels });
  return schema;
}

/** The names of a choice's values, in their order; null when the choice has none registered. */
export function choiceNames(schema: unknown): string[] | null {
  if (!(schema instanceof z.ZodEnum)) return null;
  const labels = choiceLabels.get(schema)?.labels;
  return labels ? schema.options.map((v) => labels[String(v)] ?? String(v)) : null;
}
