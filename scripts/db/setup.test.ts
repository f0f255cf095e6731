// The start command on a database that cannot be reached: a clear message, no stack, exit code 1.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import pg from "pg";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

describe("npm run db:setup", () => {
  it("explains an unreachable PostgreSQL instead of crashing", async () => {
    const result = await run("npx", ["tsx", "--conditions=react-server", "scripts/db/setup.ts"], {
      env: { ...process.env, DATABASE_URL: "postgresql://postgres@127.0.0.1:1/nulle_part" },
    }).catch((error: { code: number; stdout: string; stderr: string }) => error);
    expect("code" in result && result.code).toBe(1);
    expect(result.stderr).toContain("La base de données est injoignable");
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it("names a malformed variable", async () => {
    const result = await run("npx", ["tsx", "--conditions=react-server", "scripts/db/setup.ts"], {
      env: { ...process.env, DATABASE_URL: "mysql://root@localhost/x" },
    }).catch((error: { code: number; stdout: string; stderr: string }) => error);
    expect("code" in result && result.code).toBe(1);
    expect(result.stderr).toMatch(/Configuration invalide[\s\S]*DATABASE_URL/);
  });

  it.runIf(process.env.DATABASE_URL)("loads no demo account into an empty PostgreSQL unless SEED_DEMO=1 asks", async () => {
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    const name = `suivi_fast_setup_${process.pid}_${Date.now()}`;
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${name}`;
    const count = async (table: string) => {
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      try {
        return Number((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
      } finally {
        await client.end();
      }
    };
    try {
      const first = await run("npx", ["tsx", "--conditions=react-server", "scripts/db/setup.ts"], { env: { ...process.env, DATABASE_URL: url.toString(), SEED_DEMO: "" } });
      expect(first.stdout).toContain("aucune donnée de démonstration (base PostgreSQL : SEED_DEMO=1 pour en charger)");
      expect(first.stdout).not.toContain("SuiviFast-demo-2024");
      expect(await count("app_user")).toBe(0);
      expect(await count("convention")).toBe(0);
      const asked = await run("npx", ["tsx", "--conditions=react-server", "scripts/db/setup.ts"], { env: { ...process.env, DATABASE_URL: url.toString(), SEED_DEMO: "1" } });
      expect(asked.stdout).toContain("données de démonstration chargées");
      expect(await count("app_user")).toBeGreaterThan(0);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
