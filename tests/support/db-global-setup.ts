// Builds one migrated, seeded database per test run; each test file then gets its own copy
// (see test-db.ts). PostgreSQL when DATABASE_URL is set, the embedded PGlite otherwise.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { PGlite } from "@electric-sql/pglite";
import { openDatabase, openPglite } from "../../src/server/db/client";
import { setupDatabase } from "../../scripts/db/setup-database";
import { fixClock } from "../../src/server/clock";
import { TEST_TODAY } from "./test-clock";
import { adminUrl, databaseUrl } from "./urls";

export default async function setup({ provide }: { provide: (key: string, value: string) => void }) {
  // The demo's FAST16-DEMO is dated from the day it is seeded: the tests' day (tests/support/test-clock.ts).
  fixClock(TEST_TODAY);
  const base = process.env.DATABASE_URL;
  if (base) {
    const template = `suivi_fast_tpl_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: adminUrl(base) });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${template}`);
    const url = databaseUrl(base, template);
    const open = openDatabase({ kind: "postgres", url });
    await setupDatabase({ kind: "postgres", url }, open, { seed: true });
    await open.close();
    provide("dbTemplate", JSON.stringify({ kind: "postgres", template }));
    return async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
      await admin.end();
    };
  }
  const dir = mkdtempSync(join(tmpdir(), "suivi-fast-pglite-"));
  const pglite = new PGlite();
  const open = openPglite(pglite);
  await setupDatabase({ kind: "pglite", dataDir: "memory://" }, open, { seed: true });
  const dump = await pglite.dumpDataDir("none");
  const file = join(dir, "template.tar");
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await open.close();
  provide("dbTemplate", JSON.stringify({ kind: "pglite", file }));
  return () => rmSync(dir, { recursive: true, force: true });
}
