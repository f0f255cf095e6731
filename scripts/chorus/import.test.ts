// The operators' command, run as a process against a real PostgreSQL copy (skipped on the embedded database,
// whose test copies live in memory): preview, apply, idempotent re-run, refusal of an account.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-db";
import { IMPORT_PROCESS_NODE_FLAGS } from "../../src/server/chorus/import-entry";

const plural = (n: number, word: string, mark = "s") => `${n} ${word}${n > 1 ? mark : ""}`;
const AE = "tests/fixtures/chorus/inf-bud-53-ae-fast14.csv";

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

it("runs with the heap options of the app's import process (a process that only imports: ADR 0008)", () => {
  const script = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts["chorus:import"]!;
  for (const flag of IMPORT_PROCESS_NODE_FLAGS) expect(script.split(" ")).toContain(flag);
});

describe.runIf(process.env.DATABASE_URL)("npm run chorus:import", () => {
  const base = ["--convention", "FAST14-FCU", "--as", "gestionnaire@dnum-mte.example.fr"];
  it("previews, applies, then finds everything known", async () => {
    const movements = await database.prisma.ejMovement.count();
    const preview = await cli(...base, AE);
    expect(preview.code).toBe(0);
    expect(preview.out).toContain("Restitution INF-BUD-53");
    expect(preview.out).toContain("Lignes de la convention reconnues par : activité (référentiel de programmation), centre de coûts.");
    expect(preview.out).toContain("Prévisualisation");
    expect(preview.out).toMatch(/EJ 1300456781 poste 2 \(AE 2024\) : 12\s487,62\s€ → 10\s112,12\s€, réduction de 2\s375,50\s€/);
    expect(await database.prisma.ejMovement.count()).toBe(movements);
    const applied = await cli(...base, "--apply", AE);
    expect(applied.out).toContain(`Importé : ${plural(1, "EJ nouveau", "x")}, ${plural(3, "mouvement")} d'AE`);
    expect(await database.prisma.ejMovement.count()).toBe(movements + 3);
    const again = await cli(...base, "--apply", AE);
    expect(again.code).toBe(0);
    expect(again.out).toContain("Rien à importer");
    expect(await database.prisma.ejMovement.count()).toBe(movements + 3);
  });
  it("exits 1 listing every refused line, writing nothing", async () => {
    const movements = await database.prisma.ejMovement.count();
    const { writeFileSync, readFileSync, mkdtempSync } = await import("node:fs");
    const dir = mkdtempSync("/tmp/suivi-fast-cli-");
    const bad = `${dir}/abime.csv`;
    writeFileSync(bad, readFileSync(AE, "utf8").replace("17500", '"12,3,4"').replace("1300462210,16.05.2024,1,02.12.2024", "1300462210,31.09.2024,1,02.12.2024"));
    const refused = await cli(...base, "--apply", bad);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain("refusée — Ligne 10 : date de création de l'EJ invalide « 31.09.2024 »");
    expect(refused.out).toContain("refusée — Ligne 12 : montant illisible « 12,3,4 »");
    expect(refused.out).toContain("Import refusé : 2 lignes de la convention sont refusées");
    expect(await database.prisma.ejMovement.count()).toBe(movements);
  });
  it("refuses an account that may not record the convention's expenditure, a missing file, and bad usage", async () => {
    const refused = await cli("--convention", "FAST14-FCU", "--as", "intrapreneur@drieat.example.fr", AE);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain("ne peut pas enregistrer les dépenses");
    const missing = await cli(...base, "tests/fixtures/chorus/absent.csv");
    expect(missing).toEqual({ code: 1, out: expect.stringContaining("Fichier introuvable : « tests/fixtures/chorus/absent.csv ».") });
    expect((await cli("--convention", "FAST14-FCU")).code).toBe(2);
  });
});
