/**
 * Writes a new migration from the difference between the migrations so far and
 * prisma/schema.prisma, using Prisma's own schema engine (WebAssembly, offline).
 *   npm run db:diff -- add_something
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { schemaDiff, schemaFile } from '../src/db/schema-engine.js';
import { applyMigrations } from '../src/db/migrate.js';
import { pgliteRunner } from '../src/db/sql-runner.js';

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('用法: npm run db:diff -- <migration_name>  (lower-case letters, digits and _)');
  process.exit(2);
}
const pglite = new PGlite();
await applyMigrations(pgliteRunner(pglite));
const sql = await schemaDiff(new PrismaPGlite(pglite) as never, { tag: 'schemaDatasource', files: [schemaFile()], configDir: process.cwd() }, {
  tag: 'schemaDatamodel',
  files: [schemaFile()],
});
if (!sql.trim() || /^-- This is an empty migration/.test(sql.trim())) {
  console.log('schema.prisma and the migrations agree: nothing to write.');
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const dir = `prisma/migrations/${stamp}_${name}`;
mkdirSync(dir, { recursive: true });
writeFileSync(`${dir}/migration.sql`, sql);
console.log(`wrote ${dir}/migration.sql`);
await pglite.close();
