// Migration status (our `prisma migrate status`), offline:
//   npx tsx scripts/db/migrate-status.ts [--dir prisma/migrations]
// Exits 1 when a migration is pending or failed, so CI or a deploy check can use it.
// Database: DATABASE_URL if set, else the embedded PGlite at PGLITE_DATA_DIR (default .data/pglite).

import path from "node:path";
import { parseArgs } from "node:util";
import { getMigrationStatus, openMigrationDatabase } from "../../src/server/db/migrations";

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { dir: { type: "string", default: "prisma/migrations" } } });
  const db = await openMigrationDatabase();
  try {
    const status = await getMigrationStatus(db.conn, path.resolve(values.dir));
    console.log(`Database: ${db.label}`);
    const show = (title: string, names: string[]) =>
      console.log(`${title} (${names.length})${names.map((n) => `\n  ${n}`).join("")}`);
    show("Applied", status.applied);
    show("Pending", status.pending);
    show("Failed", status.failed);
    show("Modified after being applied", status.modified);
    if (status.failed.length > 0) {
      console.error("Failed migrations: fix them, then npx tsx scripts/db/migrate-apply.ts --rolled-back <name>.");
    }
    return status.pending.length > 0 || status.failed.length > 0 ? 1 : 0;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`Cannot read the migration status: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
