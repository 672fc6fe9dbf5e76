import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';

/**
 * Prisma's schema engine compiled to WebAssembly, loaded by hand: the CLI insists on
 * downloading a native binary, which these machines cannot do. Used to write migration
 * SQL from schema.prisma (npm run db:diff) and to prove the migrated database matches it.
 */
type DiffTarget =
  | { tag: 'empty' }
  | { tag: 'schemaDatamodel'; files: { path: string; content: string }[] }
  /** The live database the adapter is connected to. */
  | { tag: 'schemaDatasource'; files: { path: string; content: string }[]; configDir: string };

interface WasmSchemaEngine {
  diff(params: {
    from: DiffTarget;
    to: DiffTarget;
    script: boolean;
    exitCode: boolean | null;
    shadowDatabaseUrl: string | null;
    filters: { externalTables: string[]; externalEnums: string[] };
  }): Promise<{ exitCode: number; stdout: string }>;
  free(): void;
}

// @types/node does not declare the WebAssembly global.
const wasmApi = (globalThis as unknown as {
  WebAssembly: { instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: Record<string, unknown> } }> };
}).WebAssembly;

let loaded: Promise<typeof import('@prisma/schema-engine-wasm/schema_engine_bg')> | undefined;

async function loadWasm() {
  loaded ??= (async () => {
    const bg = await import('@prisma/schema-engine-wasm/schema_engine_bg');
    const require = createRequire(import.meta.url);
    const wasmPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg').replace(/\.js$/, '.wasm');
    const { instance } = await wasmApi.instantiate(readFileSync(wasmPath), { './schema_engine_bg.js': bg });
    bg.__wbg_set_wasm(instance.exports as never);
    (instance.exports.__wbindgen_start as () => void)();
    return bg;
  })();
  return loaded;
}

export function schemaFile(path = 'prisma/schema.prisma') {
  return { path: 'schema.prisma', content: readFileSync(path, 'utf8') };
}

/** Runs the engine's diff; `adapter` is the database it may introspect ('url' targets). */
export async function schemaDiff(
  adapter: SqlMigrationAwareDriverAdapterFactory,
  from: DiffTarget,
  to: DiffTarget,
): Promise<string> {
  const bg = await loadWasm();
  const file = schemaFile();
  const engine = (await bg.SchemaEngine.new(
    { datamodels: [[file.path, file.content]] },
    () => undefined,
    bindMigrationAwareSqlAdapterFactory(adapter),
  )) as unknown as WasmSchemaEngine;
  try {
    const result = await engine.diff({
      from,
      to,
      script: true,
      exitCode: null,
      shadowDatabaseUrl: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    return result.stdout;
  } finally {
    engine.free();
  }
}
