// The délégataire imports FAST 14's Chorus extracts in the browser: preview (new, refused with reasons,
// other conventions), import, re-import changes nothing; the expenditure page and its CSV export agree.
// The demo already holds the extract's first lines, typed in (prisma/seed/fast14-expenditures.ts): the import
// finds them known and brings the rest, after which FAST 14 holds exactly the extract's 7 AE lines.
import { expect, loginAs, test, axeViolations } from "./fixtures";
import { FAST14_DEMO_EXPENDITURES, demoExpenditureTotals } from "../../prisma/seed/fast14-expenditures";
import { formatEuros } from "../../src/domain/money";

const DEMO_AE_LINES = FAST14_DEMO_EXPENDITURES.reduce((a, e) => a + 1 + e.movements.length, 0);
const NEW_LINES = 7 - DEMO_AE_LINES;
/** A euro amount as the page prints it, whatever its (narrow) no-break spaces. */
const euros = (cents: bigint) => new RegExp(formatEuros(cents).replace(/[\s\u202f]/g, "\\s"));

test.describe.configure({ mode: "serial" });

test("FAST 14's demo expenditure reads the same, to the cent, on every page that shows it", async ({ page }) => {
  const { engagedCents, paidCents } = demoExpenditureTotals(FAST14_DEMO_EXPENDITURES);
  await loginAs(page, "pilote");
  await page.getByRole("link", { name: "France Chaleur Urbaine" }).click();
  await expect(page).toHaveURL(/\/conventions\/[0-9a-f-]{36}$/);
  const convention = page.url();
  for (const path of ["/tranches", "/depenses", "/compte-rendu"]) {
    await page.goto(`${convention}${path}`);
    await expect(page.locator("main"), path).toContainText(euros(engagedCents));
    await expect(page.locator("main"), path).toContainText(euros(paidCents));
  }
  await page.goto("/pilotage");
  const row = page.locator("main table tbody tr", { hasText: "FAST14-FCU" });
  await expect(row).toContainText(euros(engagedCents));
  await expect(row).toContainText(euros(paidCents));
});

test("the délégataire previews then imports an INF-BUD-53 extract, and a second import changes nothing", async ({ page }) => {
  await loginAs(page, "gestionnaire");
  await page.getByRole("link", { name: "France Chaleur Urbaine" }).click();
  await page.getByRole("link", { name: "Dépenses" }).first().click();
  // Before the import: the demo's expenditure.
  await expect(page.locator("main table").first()).toContainText(euros(demoExpenditureTotals(FAST14_DEMO_EXPENDITURES).engagedCents));
  await page.getByRole("link", { name: "Importer un extrait Chorus" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Importer un extrait Chorus" })).toBeVisible();
  expect(await axeViolations(page), "import page").toEqual([]);

  await page.getByLabel("Fichier d'extraction Chorus").setInputFiles("tests/fixtures/chorus/inf-bud-53-fast14.csv");
  await page.getByRole("button", { name: "Prévisualiser" }).click();
  await expect(page.getByText("Prévisualisation : rien n'est encore importé")).toBeVisible();
  await expect(page.locator("main")).toContainText(`${NEW_LINES} mouvements d'AE`);
  await expect(page.locator("main")).toContainText(euros(11_662_762n - demoExpenditureTotals(FAST14_DEMO_EXPENDITURES).engagedCents));
  await expect(page.locator("main")).toContainText(`${DEMO_AE_LINES} lignes déjà connues`);
  await expect(page.locator("main")).toContainText("Windows-1252");
  await expect(page.locator("main table")).toContainText("montant illisible « 12,3,4 »");
  expect(await axeViolations(page), "import preview").toEqual([]);

  await page.getByRole("button", { name: `Importer ${NEW_LINES} lignes` }).click();
  await expect(page.getByText("Import terminé")).toBeVisible();

  await page.getByRole("button", { name: "Prévisualiser" }).click();
  await expect(page.locator("main")).toContainText("7 lignes déjà connues");
  await expect(page.getByRole("button", { name: /^Importer/ })).toBeDisabled();

  await page.getByRole("link", { name: "Dépenses" }).first().click();
  await expect(page.locator("main table").first()).toContainText(/116\s627,62\s€/);
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Exporter toutes les lignes (CSV)" }).click();
  const file = await (await download).path();
  const { readFileSync } = await import("node:fs");
  const text = readFileSync(file!, "utf-8");
  expect(text.charCodeAt(0)).toBe(0xfeff);
  expect(text.split("\r\n").filter((l) => l.startsWith("AE;"))).toHaveLength(7);
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
