// The server (or a writer) killed with SIGKILL in the middle of a write: after a restart nothing is
// half-written (every table's row count is as before, the audit trail and the record agree both ways),
// and the same write simply succeeds when run again.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { login } from "../e2e/fixtures";
import {
  AppServer,
  armPause,
  disarmPauses,
  plantPause,
  recreateDatabase,
  runScript,
  scriptProcess,
  snapshot,
  waitForNoOtherSession,
  waitForPause,
  waitForSessionGone,
  withClient,
} from "./support";

test.describe.configure({ mode: "serial" });

let url = "";
let server: AppServer | undefined;

test.afterAll(async () => {
  await server?.stop();
});

const withoutMigrations = (counts: Record<string, number>) => Object.entries(counts).filter(([table]) => table !== "_prisma_migrations");

test("the first start killed while it writes the demo data leaves the database empty; the next start writes it whole", async () => {
  url = await recreateDatabase();
  await runScript("scripts/db/migrate-apply.ts", [], { DATABASE_URL: url });
  await plantPause(url);
  const empty = await snapshot(url);
  expect(withoutMigrations(empty.counts).every(([, n]) => n === 0)).toBe(true);

  // The demo data is one transaction; its last audit entry ("demo.seed") comes after every other row.
  await armPause(url, "demo.seed");
  server = new AppServer({ DATABASE_URL: url });
  const paused = await waitForPause(url);
  expect(paused.xid, "the seed's transaction has written its rows").not.toBeNull();
  await server.kill9();
  await waitForSessionGone(url, paused.pid);
  expect(await snapshot(url)).toEqual(empty);

  await disarmPauses(url);
  server = new AppServer({ DATABASE_URL: url });
  await server.waitUntilUp();
  const seeded = await snapshot(url);
  expect(seeded.problems).toEqual([]);
  expect(seeded.counts.convention).toBe(2);
  const seeds = await withClient(url, (c) => c.query(`SELECT 1 FROM audit_entry WHERE kind = 'demo.seed'`));
  expect(seeds.rowCount).toBe(1);
});

test("a tranche release killed before its commit leaves neither release nor audit entry; after a restart DINUM releases it", async ({ page }) => {
  test.skip(!server?.running, "needs the server of the previous test");
  const { rows } = await withClient(url, (c) =>
    c.query<{ convention_id: string; tranche_id: string }>(
      `SELECT c.id AS convention_id, t.id AS tranche_id FROM tranche t JOIN convention c ON c.id = t.convention_id
        WHERE c.reference = 'FAST16-DEMO' AND t.rank = 2 AND t.credit_type = 'AE' ORDER BY t.year LIMIT 1`,
    ),
  );
  const { convention_id: conventionId, tranche_id: trancheId } = rows[0]!;
  const releasePage = `/conventions/${conventionId}/tranches/${trancheId}/deblocage`;

  await login(page, "pilote@dinum.example.fr");
  await expect(page).toHaveURL(/\/conventions$/, { timeout: 30_000 });
  // The second tranche becomes releasable once a satisfactory mid-term review is recorded.
  await page.goto(`/conventions/${conventionId}/tranches`);
  await page.getByRole("radio", { name: /Satisfaisante/ }).check({ force: true });
  await page.getByLabel("Commentaires").fill("Équipe complète depuis le recrutement.");
  await page.getByRole("button", { name: "Enregistrer le bilan" }).click();
  await expect(page.getByText("Le bilan de mi-parcours est enregistré.")).toBeVisible();

  const before = await snapshot(url);
  expect(before.problems).toEqual([]);
  await armPause(url, "tranche.release");
  await page.goto(releasePage);
  await page.getByRole("button", { name: /Confirmer le déblocage/ }).click();
  const paused = await waitForPause(url);
  expect(paused.xid, "the release's row is written, not yet committed").not.toBeNull();
  await server!.kill9();
  await waitForSessionGone(url, paused.pid);
  expect(await snapshot(url)).toEqual(before);

  await disarmPauses(url);
  server = new AppServer({ DATABASE_URL: url });
  await server.waitUntilUp();
  // The session cookie outlives the server (JWT): DINUM simply confirms again.
  await page.goto(releasePage);
  await page.getByRole("button", { name: /Confirmer le déblocage/ }).click();
  await expect(page.getByText("Tranche débloquée", { exact: true })).toBeVisible();
  const after = await snapshot(url);
  expect(after.problems).toEqual([]);
  expect(after.counts.tranche_release).toBe(before.counts.tranche_release! + 1);
  expect(after.counts.audit_entry).toBe(before.counts.audit_entry! + 1);
});

const LINES = 2000;

function expectWholeImport(before: Record<string, number>, after: Record<string, number>) {
  expect(after.engagement_juridique).toBe(before.engagement_juridique! + LINES);
  expect(after.ej_movement).toBe(before.ej_movement! + LINES);
  expect(after.chorus_import).toBe(before.chorus_import! + 1);
  expect(after.audit_entry).toBe(before.audit_entry! + LINES + 1);
}

test(`a ${LINES}-line import-like write killed at line 1 000 leaves nothing (PostgreSQL); run again, it writes every line`, async () => {
  await server?.stop();
  const before = await snapshot(url);
  const writer = scriptProcess("tests/faults/large-write.ts", [String(LINES)], { DATABASE_URL: url });
  await writer.waitForOutput(/ligne 1000\b/, 180_000);
  await writer.kill9();
  await waitForNoOtherSession(url);
  expect(await snapshot(url)).toEqual(before);

  await runScript("tests/faults/large-write.ts", [String(LINES)], { DATABASE_URL: url });
  const after = await snapshot(url);
  expect(after.problems).toEqual([]);
  expectWholeImport(before.counts, after.counts);
});

test(`the same on the embedded database: the PGlite directory of a writer killed at line 1 000 reopens as it was`, async () => {
  const dir = mkdtempSync(join(tmpdir(), "suivi-fast-faults-pglite-"));
  try {
    const env = { DATABASE_URL: "", PGLITE_DATA_DIR: dir };
    const inspect = async () => JSON.parse((await runScript("tests/faults/inspect.ts", [dir], env)).trim().split("\n").at(-1)!) as Awaited<ReturnType<typeof snapshot>>;
    await runScript("scripts/db/setup.ts", [], env);
    const before = await inspect();
    expect(before.problems).toEqual([]);

    const writer = scriptProcess("tests/faults/large-write.ts", [String(LINES)], env);
    await writer.waitForOutput(/ligne 1000\b/, 180_000);
    await writer.kill9();
    expect(await inspect()).toEqual(before);

    await runScript("tests/faults/large-write.ts", [String(LINES)], env);
    const after = await inspect();
    expect(after.problems).toEqual([]);
    expectWholeImport(before.counts, after.counts);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
