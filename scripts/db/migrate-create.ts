// Authors a new migration offline (our `prisma migrate dev --create-only`):
//   npx tsx scripts/db/migrate-create.ts <name> [--schema prisma/schema.prisma] [--dir prisma/migrations]
// Diffs "database built by the existing migrations" against the schema, with Prisma's WASM schema engine and an
// in-memory PGlite shadow database, and writes <dir>/<UTC YYYYMMDDHHMMSS>_<name>/migration.sql.
// Review the SQL (and add what Prisma cannot express: CHECK constraints, triggers...) before applying it.

import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { MIGRATION_LOCK_CONTENT, MIGRATION_LOCK_FILE } from "../../src/server/db/migrations";
import { diffMigrationsToSchema } from "../../src/server/db/schema-engine";

/** Prisma's migration folder prefix: the UTC time as YYYYMMDDHHMMSS. */
function timestamp(d = new Date()): string {
  return d.toISOString().replace(/\D/g, "").slice(0, 14);
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      schema: { type: "string", default: "prisma/schema.prisma" },
      dir: { type: "string", default: "prisma/migrations" },
    },
  });
  const name = positionals[0];
  if (positionals.length !== 1 || !name || !/^[a-z0-9_]+$/.test(name)) {
    console.error("Usage: tsx scripts/db/migrate-create.ts <name> [--schema <path>] [--dir <path>]");
    console.error("The name must match [a-z0-9_]+ (e.g. add_convention_status).");
    return 1;
  }
  const migrationsDir = path.resolve(values.dir);

  const started = Date.now();
  const sql = await diffMigrationsToSchema(migrationsDir, values.schema);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (sql.trim() === "") {
    console.log(`Nothing to migrate: the migrations already match ${values.schema} (${seconds} s).`);
    return 0;
  }

  const folder = path.join(migrationsDir, `${timestamp()}_${name}`);
  if (existsSync(folder)) {
    console.error(`The migration directory already exists: ${folder}`);
    return 1;
  }
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, "migration.sql"), sql, "utf8");
  const lockPath = path.join(migrationsDir, MIGRATION_LOCK_FILE);
  if (!existsSync(lockPath)) await writeFile(lockPath, MIGRATION_LOCK_CONTENT, "utf8");

  const file = path.join(folder, "migration.sql");
  const shown = path.relative(process.cwd(), file);
  console.log(`Created ${shown.startsWith("..") ? file : shown} (${seconds} s).`);
  console.log("Review it, then apply it with scripts/db/migrate-apply.ts.");
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`Migration creation failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
