/**
 * Development only, before the first release: rewrites the initial migration from
 * schema.prisma plus scripts/init-migration-extra.sql (triggers Prisma cannot express).
 * Once a migration has been applied anywhere, add new ones with `npm run db:diff` instead.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { schemaDiff, schemaFile } from '../src/db/schema-engine.js';

const pglite = new PGlite();
const sql = await schemaDiff(new PrismaPGlite(pglite) as never, { tag: 'empty' }, { tag: 'schemaDatamodel', files: [schemaFile()] });
const extra = readFileSync('scripts/init-migration-extra.sql', 'utf8');
writeFileSync('prisma/migrations/20261128000000_init/migration.sql', `${sql.trimEnd()}\n\n${extra}`);
await pglite.close();
console.log('rewrote prisma/migrations/20261128000000_init/migration.sql');
