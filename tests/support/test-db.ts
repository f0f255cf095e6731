// Gives a test file its own copy of the migrated, seeded database and installs it as the app's db().
import { readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import { openDatabase, openPglite, type OpenDatabase } from "../../src/server/db/client";
import { adminUrl, databaseUrl } from "./urls";

declare module "vitest" {
  export interface ProvidedContext {
    dbTemplate: string;
  }
}

type Template = { kind: "postgres"; template: string } | { kind: "pglite"; file: string };

export interface TestDatabase extends OpenDatabase {
  /** A connection string when the copy lives on PostgreSQL (for tests that need raw connections). */
  url?: string;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const template = JSON.parse(inject("dbTemplate")) as Template;
  let open: TestDatabase;
  if (template.kind === "postgres") {
    const base = process.env.DATABASE_URL!;
    const name = `suivi_fast_test_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: adminUrl(base) });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template.template}`);
    const url = databaseUrl(base, name);
    const inner = openDatabase({ kind: "postgres", url });
    open = {
      ...inner,
      url,
      close: async () => {
        await inner.close();
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      },
    };
  } else {
    const blob = new Blob([readFileSync(template.file)]);
    open = openPglite(await PGlite.create({ loadDataDir: blob }));
  }
  (globalThis as unknown as { __suiviFastDb?: OpenDatabase }).__suiviFastDb = open;
  return open;
}
