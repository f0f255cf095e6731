// The operators' command, run as a process against a real PostgreSQL copy (skipped on the embedded database,
// whose test copies live in memory): preview, apply, idempotent re-run, refusal of an account.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-db";

const run = promisify(execFile);
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

async function cli(...args: string[]) {
  try {
    const { stdout, stderr } = await run("npx", ["tsx", "--conditions=react-server", "scripts/chorus/import.ts", ...args], {
      env: { ...process.env, DATABASE_URL: database.url! },
      timeout: 60_000,
    });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

describe.runIf(process.env.DATABASE_URL)("npm run chorus:import", () => {
  const base = ["--convention", "FAST14-FCU", "--as", "gestionnaire@dnum-mte.example.fr"];
  it("previews, applies, then finds everything known", async () => {
    const preview = await cli(...base, "tests/fixtures/chorus/inf-bud-53-fast14.csv");
    expect(preview.code).toBe(0);
    expect(preview.out).toContain("Prévisualisation");
    expect(await database.prisma.ejMovement.count()).toBe(0);
    const applied = await cli(...base, "--apply", "tests/fixtures/chorus/inf-bud-53-fast14.csv");
    expect(applied.out).toContain("Importé : 4 EJ nouveaux, 7 mouvements d'AE");
    expect(await database.prisma.ejMovement.count()).toBe(7);
    const again = await cli(...base, "--apply", "tests/fixtures/chorus/inf-bud-53-fast14.csv");
    expect(again.out).toContain("7 lignes déjà connues");
    expect(await database.prisma.ejMovement.count()).toBe(7);
  });
  it("refuses an account that may not record the convention's expenditure, and bad usage", async () => {
    const refused = await cli("--convention", "FAST14-FCU", "--as", "intrapreneur@drieat.example.fr", "tests/fixtures/chorus/inf-bud-53-fast14.csv");
    expect(refused.code).toBe(1);
    expect(refused.out).toContain("ne peut pas enregistrer les dépenses");
    expect((await cli("--convention", "FAST14-FCU")).code).toBe(2);
  });
});
