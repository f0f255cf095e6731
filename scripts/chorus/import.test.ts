// The operators' command, run as a process against a real PostgreSQL copy (skipped on the embedded database,
// whose test copies live in memory): preview, apply, idempotent re-run, refusal of an account.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-db";
import { FAST14_DEMO_EXPENDITURES } from "../../prisma/seed/fast14-expenditures";

// The demo typed in the first lines of the extract (prisma/seed/fast14-expenditures.ts): 4 EJ lines and 7
// AE movements in the file, of which the demo already holds these.
const DEMO_EJS = FAST14_DEMO_EXPENDITURES.length;
const DEMO_AE_LINES = FAST14_DEMO_EXPENDITURES.reduce((a, e) => a + 1 + e.movements.length, 0);
const plural = (n: number, word: string, mark = "s") => `${n} ${word}${n > 1 ? mark : ""}`;

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
    expect(await database.prisma.ejMovement.count()).toBe(DEMO_AE_LINES);
    const applied = await cli(...base, "--apply", "tests/fixtures/chorus/inf-bud-53-fast14.csv");
    expect(applied.out).toContain(`Importé : ${plural(4 - DEMO_EJS, "EJ nouveau", "x")}, ${plural(7 - DEMO_AE_LINES, "mouvement")} d'AE`);
    expect(applied.out).toContain(`${DEMO_AE_LINES} lignes déjà connues`);
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
