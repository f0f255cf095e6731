// Brings a database up to date: pending migrations, then the demo data when the database is empty.
// Shared by the start command and `npm run db:setup` (scripts/db/setup.ts), the backup check and the test
// harness. It lives in scripts/ because it reaches into prisma/ (the migrations folder, the seed): the app
// under src/ never imports prisma/ (ESLint keeps it so).
import { join } from "node:path";
import pg from "pg";
import { applyPendingMigrations, pgConnection, pgliteConnection } from "../../src/server/db/migrations";
import type { DatabaseTarget, OpenDatabase } from "../../src/server/db/client";
import { today } from "../../src/server/clock";
import { isSeeded, seedDemo } from "../../prisma/seed/seed";
import { ensureStandings } from "../../src/server/repositories/standing";

export const MIGRATIONS_DIR = join(process.cwd(), "prisma", "migrations");

export async function migrate(target: DatabaseTarget, open: OpenDatabase, migrationsDir = MIGRATIONS_DIR): Promise<string[]> {
  if (open.pglite) {
    return (await applyPendingMigrations(pgliteConnection(open.pglite), migrationsDir)).applied;
  }
  if (target.kind !== "postgres") throw new Error("PGlite target without an embedded handle");
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    return (await applyPendingMigrations(pgConnection(client), migrationsDir)).applied;
  } finally {
    await client.end();
  }
}

/** Migrates; loads the demo into an empty database when `seed` says so. Says whether the demo is there. */
export async function setupDatabase(target: DatabaseTarget, open: OpenDatabase, options: { seed: boolean }) {
  const applied = await migrate(target, open);
  const present = await isSeeded(open.prisma);
  let seeded = false;
  if (options.seed && !present) {
    // The demo's fictitious convention is dated from today: the app's clock's (TEST_CLOCK in test runs).
    await seedDemo(open.prisma, today());
    seeded = true;
  }
  // Every convention's standing in the portfolio, computed where missing or of older rules (a database made
  // before them, rows written around the app: docs/adr/0007-persisted-standing.md).
  const standings = await ensureStandings(open.prisma, today());
  return { applied, seeded, demoPresent: present || seeded, standings };
}
