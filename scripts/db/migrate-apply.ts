// Applies pending migrations (our `prisma migrate deploy`), offline:
//   npx tsx scripts/db/migrate-apply.ts [--dir prisma/migrations]
// and, after fixing a migration that failed (our `prisma migrate resolve --rolled-back <name>`):
//   npx tsx scripts/db/migrate-apply.ts --rolled-back <name>
// Database: DATABASE_URL if set, else the embedded PGlite at PGLITE_DATA_DIR (default .data/pglite).

import path from "node:path";
import { parseArgs } from "node:util";
import {
  applyPendingMigrations,
  getMigrationStatus,
  markMigrationRolledBack,
  openMigrationDatabase,
} from "../../src/server/db/migrations";

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      dir: { type: "string", default: "prisma/migrations" },
      "rolled-back": { type: "string" },
    },
  });
  const migrationsDir = path.resolve(values.dir);
  const db = await openMigrationDatabase();
  try {
    console.log(`Database: ${db.label}`);
    const rolledBack = values["rolled-back"];
    if (rolledBack) {
      await markMigrationRolledBack(db.conn, rolledBack);
      console.log(`Marked "${rolledBack}" as rolled back: it will be applied again by the next run.`);
      return 0;
    }
    const { applied } = await applyPendingMigrations(db.conn, migrationsDir, {
      onApplied: (name) => console.log(`Applied ${name}`),
    });
    console.log(applied.length === 0 ? "No pending migration." : `${applied.length} migration(s) applied.`);
    const { modified } = await getMigrationStatus(db.conn, migrationsDir);
    for (const name of modified) console.warn(`Warning: ${name} was modified after it was applied.`);
    return 0;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`Error: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
