// Prisma's schema engine, offline: the WASM build (@prisma/schema-engine-wasm, same engine as prisma 7.10.0)
// driven through a driver adapter on an in-memory PGlite, instead of the native binary the CLI would download.
// Used to author migrations (diff "migrations directory" -> "schema file") and, in tests, to check that Prisma
// reads our `_prisma_migrations` bookkeeping as its own.

import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type {
  DiagnoseMigrationHistoryOutput,
  MigrationList,
  SchemaEngine,
  SchemaFilter,
} from "@prisma/schema-engine-wasm";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { listMigrationDirectories, MIGRATION_LOCK_CONTENT, MIGRATION_LOCK_FILE } from "./migrations";

type EngineModule = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");

const NO_FILTERS: SchemaFilter = { externalTables: [], externalEnums: [] };

let engineModule: Promise<EngineModule> | undefined;

/**
 * The package entry does `import * as wasm from "./schema_engine_bg.wasm"` (bundler style), which Node cannot
 * load. Do by hand what that entry does: instantiate the bytes with the JS glue as import object, then start.
 * The glue keeps the instance in module state, so this must happen once per process.
 */
function loadEngineModule(): Promise<EngineModule> {
  engineModule ??= (async () => {
    const glue = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    const gluePath = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = await readFile(gluePath.replace(/\.js$/, ".wasm"));
    const instance = await WebAssembly.instantiate(await WebAssembly.compile(new Uint8Array(bytes)), {
      "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports,
    });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue;
  })();
  return engineModule;
}

/**
 * A driver adapter factory on ONE PGlite instance, used both as the "main" database and as the shadow database.
 * Why not `new PrismaPGlite(db)` as is:
 * - its connectToShadowDb() starts a second PGlite (seconds) that is never closed;
 * - its executeScript() (0.7.2) does not await `exec`: the engine would go on before the script ran, and an SQL
 *   error would become an unhandled rejection instead of an engine error.
 */
export function pgliteAdapterFactory(db: PGlite): SqlMigrationAwareDriverAdapterFactory {
  const base = new PrismaPGlite(db);
  const connect = async () => {
    const adapter = await base.connect();
    adapter.executeScript = async (script: string) => {
      try {
        await db.exec(script);
      } catch (e) {
        // The adapter's own converter turns a PGlite DatabaseError into the error shape the engine expects.
        (adapter as unknown as { onError(e: unknown): never }).onError(e);
      }
    };
    return adapter;
  };
  return { provider: base.provider, adapterName: base.adapterName, connect, connectToShadowDb: connect };
}

/**
 * Runs `fn` with a schema engine connected through `factory`. The engine calls the factory's methods as plain
 * functions and expects Result-wrapped values: `bindMigrationAwareSqlAdapterFactory` does that, as in Prisma's CLI.
 */
export async function withSchemaEngine<T>(
  factory: SqlMigrationAwareDriverAdapterFactory,
  fn: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const { SchemaEngine } = await loadEngineModule();
  const logs = (_json: string) => {}; // engine tracing (JSON lines); errors come back as rejections anyway
  const engine = await SchemaEngine.new({ datamodels: undefined }, logs, bindMigrationAwareSqlAdapterFactory(factory));
  try {
    return await fn(engine);
  } finally {
    engine.free();
  }
}

/** The migrations directory as Prisma's CLI hands it to the engine (see `prisma/build/cli.js`). */
export async function readMigrationsList(migrationsDir: string): Promise<MigrationList> {
  const baseDir = path.resolve(migrationsDir);
  const lockfile = await readFile(path.join(baseDir, MIGRATION_LOCK_FILE), "utf8").catch(() => null);
  const names = await listMigrationDirectories(baseDir);
  return {
    baseDir,
    // Without a lockfile the engine cannot tell the connector ("missing migration_lock.toml"): give it the one
    // Prisma would write for a first migration.
    lockfile: { path: MIGRATION_LOCK_FILE, content: lockfile ?? MIGRATION_LOCK_CONTENT },
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      names.map(async (name) => ({
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: await readFile(path.join(baseDir, name, "migration.sql"), "utf8").then(
            (value) => ({ tag: "ok" as const, value }),
            (e: Error) => ({ tag: "error" as const, value: e.message }),
          ),
        },
      })),
    ),
  };
}

/**
 * SQL that takes a database built by the migrations in `migrationsDir` to the datamodel in `schemaPath`.
 * Returns "" when there is nothing to do. The migrations are replayed on an in-memory PGlite shadow database.
 */
export async function diffMigrationsToSchema(migrationsDir: string, schemaPath: string): Promise<string> {
  const [schema, migrations] = await Promise.all([readFile(schemaPath, "utf8"), readMigrationsList(migrationsDir)]);
  const shadow = new PGlite();
  try {
    const { stdout } = await withSchemaEngine(pgliteAdapterFactory(shadow), (engine) =>
      engine.diff({
        // "migrations", even with no migration yet: from "empty" the engine adds a spurious CREATE SCHEMA.
        from: { tag: "migrations", ...migrations },
        // Prisma 7 schemas have no datasource url: the datamodel is just the file content.
        to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: schema }] },
        script: true,
        exitCode: null,
        filters: NO_FILTERS,
      }),
    );
    const script = stdout ?? "";
    return script.includes("This is an empty migration.") ? "" : script;
  } finally {
    await shadow.close();
  }
}

/** Prisma's own reading of a database's migration history (what `prisma migrate status` reports). */
export async function diagnoseMigrationHistory(
  factory: SqlMigrationAwareDriverAdapterFactory,
  migrationsDir: string,
): Promise<DiagnoseMigrationHistoryOutput> {
  const migrationsList = await readMigrationsList(migrationsDir);
  return withSchemaEngine(factory, (engine) =>
    engine.diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: false, filters: NO_FILTERS }),
  );
}
