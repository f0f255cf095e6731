// The délégataire imports FAST 14's Chorus extracts in the browser, one per real layout (tests/fixtures/chorus,
// laid out as Data État Région's public samples): preview (what would be written, refused lines, other
// conventions, the columns that decided), import all or nothing, the same movements known in every other
// layout; an XLSX restitution; a 60 MB extract that arrives whole (its SHA-256 is the file's).
// The demo already holds the extracts' first lines, typed in (prisma/seed/fast14-expenditures.ts).
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { parse } from "csv-parse/sync";
import type { Page } from "@playwright/test";
import { expect, loginAs, test, axeViolations } from "./fixtures";
import { FAST14_DEMO_EXPENDITURES, demoExpenditureTotals } from "../../prisma/seed/fast14-expenditures";
import { formatEuros } from "../../src/domain/money";
import { writeExtract } from "../../scripts/chorus/generate-extract";

const FIXTURES = "tests/fixtures/chorus";
/** A euro amount as the page prints it, whatever its (narrow) no-break spaces. */
const euros = (cents: bigint) => new RegExp(formatEuros(cents).replace(/[\s\u202f]/g, "\\s"));
const DEMO = demoExpenditureTotals(FAST14_DEMO_EXPENDITURES);

test.describe.configure({ mode: "serial" });

async function openImport(page: Page, startup: string) {
  await page.getByRole("link", { name: startup }).click();
  await page.getByRole("link", { name: "Dépenses" }).first().click();
  await page.getByRole("link", { name: "Importer un extrait Chorus" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Importer un extrait Chorus" })).toBeVisible();
}

async function previewFile(page: Page, path: string) {
  await page.getByLabel("Fichier d'extraction Chorus").setInputFiles(path);
  await page.getByRole("button", { name: "Prévisualiser" }).click();
  await expect(page.getByText("Prévisualisation : rien n'est encore importé")).toBeVisible({ timeout: 120_000 });
}

test("FAST 14's demo expenditure reads the same, to the cent, on every page that shows it", async ({ page }) => {
  await loginAs(page, "pilote");
  await page.getByRole("link", { name: "France Chaleur Urbaine" }).click();
  await expect(page).toHaveURL(/\/conventions\/[0-9a-f-]{36}$/);
  const convention = page.url();
  for (const path of ["/tranches", "/depenses", "/compte-rendu"]) {
    await page.goto(`${convention}${path}`);
    await expect(page.locator("main"), path).toContainText(euros(DEMO.engagedCents));
    await expect(page.locator("main"), path).toContainText(euros(DEMO.paidCents));
  }
  await page.goto("/pilotage");
  const row = page.locator("main table tbody tr", { hasText: "FAST14-FCU" });
  await expect(row).toContainText(euros(DEMO.engagedCents));
  await expect(row).toContainText(euros(DEMO.paidCents));
});

test("a file with a refused line of the convention cannot be imported, and every problem is listed", async ({ page }) => {
  await loginAs(page, "gestionnaire");
  await openImport(page, "France Chaleur Urbaine");
  const dir = mkdtempSync(join(tmpdir(), "suivi-fast-e2e-"));
  const bad = join(dir, "restitution-abimee.csv");
  const { writeFileSync } = await import("node:fs");
  writeFileSync(bad, readFileSync(`${FIXTURES}/inf-bud-53-ae-fast14.csv`, "utf8").replace("17500", '"12,3,4"'));
  await previewFile(page, bad);
  await expect(page.getByText("Ce fichier ne peut pas être importé")).toBeVisible();
  await expect(page.locator("main table")).toContainText("montant illisible « 12,3,4 »");
  await expect(page.getByRole("button", { name: /^Importer/ })).toBeDisabled();
});

test("the délégataire previews then imports the INF-BUD-53 restitution; the other AE layouts then find it known", async ({ page }) => {
  await loginAs(page, "gestionnaire");
  await page.getByRole("link", { name: "France Chaleur Urbaine" }).click();
  await page.getByRole("link", { name: "Dépenses" }).first().click();
  await expect(page.locator("main table").first()).toContainText(euros(DEMO.engagedCents));
  await page.getByRole("link", { name: "Importer un extrait Chorus" }).click();
  expect(await axeViolations(page), "import page").toEqual([]);

  await previewFile(page, `${FIXTURES}/inf-bud-53-ae-fast14-excel.csv`);
  const main = page.locator("main");
  await expect(main).toContainText("Restitution INF-BUD-53");
  await expect(main).toContainText("Windows-1252");
  await expect(main).toContainText("3 mouvements d'AE");
  await expect(main).toContainText(euros(11_662_762n - DEMO.engagedCents));
  await expect(main).toContainText("1 ligne déjà connue");
  await expect(main).toContainText("Lignes de la convention reconnues par : activité (référentiel de programmation), centre de coûts.");
  await expect(main).toContainText(/EJ 1300456781 poste 2 \(AE 2024\) : 12\s487,62\s€ → 10\s112,12\s€, réduction de 2\s375,50\s€ le 10 octobre 2024\./);
  const sha = createHash("sha256").update(readFileSync(`${FIXTURES}/inf-bud-53-ae-fast14-excel.csv`)).digest("hex");
  await expect(main).toContainText(sha);
  expect(await axeViolations(page), "import preview").toEqual([]);

  await page.getByRole("button", { name: "Importer 4 lignes" }).click();
  await expect(page.getByText("Import terminé")).toBeVisible();

  for (const file of ["inf-bud-53-ae-fast14.csv", "aife-ae-fast14.csv", "national-ej-fast14.csv"]) {
    await previewFile(page, `${FIXTURES}/${file}`);
    await expect(main, file).toContainText("0 mouvement d'AE");
    await expect(page.getByRole("button", { name: /^Importer/ }), file).toBeDisabled();
  }

  await page.getByRole("link", { name: "Dépenses" }).first().click();
  await expect(page.locator("main table").first()).toContainText(/116\s627,62\s€/);
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Exporter toutes les lignes (CSV)" }).click();
  const text = readFileSync((await (await download).path())!, "utf-8");
  expect(text.charCodeAt(0)).toBe(0xfeff);
  expect(text.split("\r\n").filter((l) => l.startsWith("AE;"))).toHaveLength(7);
});

test("the CP restitution brings the payments once; the AIFE and national DP files find them known", async ({ page }) => {
  await loginAs(page, "gestionnaire");
  await openImport(page, "France Chaleur Urbaine");
  await previewFile(page, `${FIXTURES}/inf-bud-53-cp-fast14.csv`);
  await expect(page.locator("main")).toContainText("3 demandes de paiement");
  await page.getByRole("button", { name: /^Importer \d+ lignes$/ }).click();
  await expect(page.getByText("Import terminé")).toBeVisible();
  for (const file of ["aife-cp-fast14.csv", "national-dp-fast14.csv"]) {
    await previewFile(page, `${FIXTURES}/${file}`);
    await expect(page.locator("main"), file).toContainText("0 demande de paiement");
  }
  await page.getByRole("link", { name: "Dépenses" }).first().click();
  await expect(page.locator("main table").first()).toContainText(/93\s618,81\s€/);
});

test("an XLSX restitution is read like its CSV", async ({ page }) => {
  // The same restitution saved as .xlsx: amounts as numbers, dates as date cells, codes as text.
  const rows = parse(readFileSync(`${FIXTURES}/inf-bud-53-ae-fast14.csv`, "utf8"), { relax_column_count: true }) as string[][];
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("INF-BUD-53");
  for (const [i, row] of rows.entries()) {
    if (i < 7) sheet.addRow(row);
    else {
      const date = (d: string) => new Date(Date.UTC(Number(d.slice(6)), Number(d.slice(3, 5)) - 1, Number(d.slice(0, 2))));
      const cells: (string | number | Date)[] = [...row];
      cells[5] = date(row[5]!);
      cells[7] = date(row[7]!);
      cells[17] = Number(row[17]!.replace(",", "."));
      sheet.addRow(cells).getCell(6).numFmt = "dd/mm/yyyy";
    }
  }
  const path = join(mkdtempSync(join(tmpdir(), "suivi-fast-e2e-")), "INF-BUD-53.xlsx");
  await workbook.xlsx.writeFile(path);

  await loginAs(page, "gestionnaire");
  await openImport(page, "France Chaleur Urbaine");
  await previewFile(page, path);
  await expect(page.locator("main")).toContainText("classeur Excel");
  await expect(page.locator("main")).toContainText("0 mouvement d'AE");
  await expect(page.locator("main")).toContainText("5 lignes déjà connues");
});

test("a 60 MB extract arrives whole: every line read, the SHA-256 the file's; a body cut short is refused", async ({ page }) => {
  test.setTimeout(300_000);
  const dir = mkdtempSync(join(tmpdir(), "suivi-fast-e2e-"));
  const path = join(dir, "INF-BUD-53-national.csv");
  const totals = await writeExtract(path, { lines: 350_000, seed: 60, encoding: "utf-8" });
  expect(statSync(path).size).toBeGreaterThan(60 * 1024 * 1024);
  const sha = createHash("sha256").update(readFileSync(path)).digest("hex");

  // FAST16-DEMO's délégataire: none of FAST 14's lines are its own, so the preview reads and counts them all.
  await loginAs(page, "autreGestionnaire");
  await openImport(page, "Signalement Démo (fictive)");
  await previewFile(page, path);
  const main = page.locator("main");
  await expect(main).toContainText(sha);
  await expect(main).toContainText(new RegExp(`${String(totals.dataRows).replace(/\B(?=(\d{3})+(?!\d))/g, "\\s?")} lignes de données lues`));

  // A body shorter than the size announced is refused, nothing read from it used.
  const endpoint = `${page.url().replace(/\/import$/, "")}/import/fichier?mode=preview&size=${1_000_000}`;
  const response = await page.request.post(endpoint, { data: readFileSync(`${FIXTURES}/aife-ae-fast14.csv`), headers: { origin: new URL(page.url()).origin, "content-type": "application/octet-stream" } });
  expect(await response.text()).toContain("Le fichier n'est pas arrivé en entier");
});

test("other roles cannot reach the import", async ({ page }) => {
  await loginAs(page, "intrapreneur");
  await page.getByRole("link", { name: "France Chaleur Urbaine" }).click();
  await page.getByRole("link", { name: "Dépenses" }).first().click();
  await expect(page).toHaveURL(/\/depenses$/);
  await expect(page.getByRole("link", { name: "Importer un extrait Chorus" })).toHaveCount(0);
  const response = await page.goto(`${page.url()}/import`);
  expect(response?.status()).toBe(403);
  const post = await page.request.post(`${page.url().replace(/\/import$/, "")}/import/fichier`, { data: "x", headers: { origin: new URL(page.url()).origin } });
  expect(post.status()).toBe(403);
});
