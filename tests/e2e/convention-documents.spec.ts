// The convention's documents as the parties meet them: the partner opens FAST 14's Documents page and downloads
// the convention generated from the record as .docx and PDF (both open: a Word zip, a '%PDF-' file naming the
// parties); DINUM's pilot uploads the signed scan (a file named .pdf that is not one refused in French first),
// replaces it, and the partner downloads the copy in force while the replaced one stays listed; the
// délégataire has no upload form. The public downloads the open data (CSV and JSON) without signing in.
// axe (WCAG 2.1 AA, light and dark) on the new page; screenshots at 1280 and 375 px in test-results/ecrans.
import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, expectAccessible, loginAs, screenshots, test } from "./fixtures";

test.setTimeout(180_000);

async function openDocuments(page: Page) {
  await page.getByRole("link", { name: /France Chaleur Urbaine/ }).first().click();
  await page.getByRole("link", { name: "Documents", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Documents" })).toBeVisible();
}

/** Clicks « Déposer » and waits for the server's answer to the upload. */
async function submitUpload(page: Page) {
  await Promise.all([
    page.waitForResponse((r) => r.url().includes("/copie-signee?") && r.request().method() === "POST"),
    page.getByRole("button", { name: "Déposer", exact: true }).click(),
  ]);
}

/** Clicks a download link and reads the file the browser saved. */
async function download(page: Page, name: string | RegExp) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name }).click()]);
  return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
}

const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`);

test("the parties download the generated convention and the signed copy; DINUM uploads and replaces it", async ({ page }) => {
  await loginAs(page, "intrapreneur");
  await openDocuments(page);
  const docx = await download(page, /Télécharger la convention FAST14-FCU \(Word/);
  expect(docx.name).toBe("convention-FAST14-FCU.docx");
  expect(docx.bytes.subarray(0, 2).toString()).toBe("PK");
  const generated = await download(page, /Télécharger la convention FAST14-FCU \(PDF/);
  expect(generated.name).toBe("convention-FAST14-FCU.pdf");
  expect(generated.bytes.subarray(0, 5).toString()).toBe("%PDF-");
  await expect(page.getByText("Aucune copie signée déposée pour le moment.")).toBeVisible();
  await expect(page.getByLabel(/Déposer la copie signée/)).toHaveCount(0);
  await expectAccessible(page, "documents (partenaire)");
  await screenshots(page, "documents-partenaire");

  await loginAs(page, "pilote");
  await openDocuments(page);
  const input = page.getByLabel(/Déposer la copie signée/);
  await input.setInputFiles({ name: "faux.pdf", mimeType: "application/pdf", buffer: Buffer.from("<html>pas un PDF</html>") });
  await submitUpload(page);
  await expect(page.getByText(/Ce fichier n'est pas un PDF/)).toBeVisible();
  await expectAccessible(page, "documents (pilote, refus)");
  await input.setInputFiles({ name: "FAST14 signée.pdf", mimeType: "application/pdf", buffer: pdf("première numérisation") });
  await submitUpload(page);
  await expect(page.getByText("Copie signée déposée.")).toBeVisible();
  await expect(page.getByRole("link", { name: /Télécharger la copie signée « FAST14 signée.pdf »/ })).toBeVisible({ timeout: 20_000 });
  await page.getByLabel(/Remplacer la copie signée/).setInputFiles({ name: "FAST14 signée v2.pdf", mimeType: "application/pdf", buffer: pdf("seconde numérisation") });
  await submitUpload(page);
  await expect(page.getByRole("link", { name: /Télécharger la copie signée « FAST14 signée v2.pdf »/ })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole("table", { name: "Copies remplacées" }).getByRole("link", { name: "FAST14 signée.pdf" })).toBeVisible();
  await expectAccessible(page, "documents (pilote)");
  await screenshots(page, "documents-pilote");

  await loginAs(page, "gestionnaire");
  await openDocuments(page);
  await expect(page.getByLabel(/copie signée/i)).toHaveCount(0);
  const signed = await download(page, /Télécharger la copie signée/);
  expect(signed.name).toBe("FAST14 signée v2.pdf");
  expect(signed.bytes.toString()).toContain("seconde numérisation");
});

test("the public downloads the open data of the published conventions", async ({ page }) => {
  await page.goto("/publiques/conventions");
  const csv = await download(page, /format CSV/);
  expect(csv.name).toMatch(/^conventions-fast-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = csv.bytes.toString("utf8").replace(/^\uFEFF/, "");
  expect(text.split("\r\n")[0]).toMatch(/^nomAttribuant;idAttribuant;dateConvention;referenceDecision;nomBeneficiaire;idBeneficiaire;objet;montant;nature;conditionsVersement;datesPeriodeVersement/);
  expect(text).toContain("FAST14-FCU");
  expect(text).not.toContain("FAST16-DEMO");
  const json = await download(page, /format JSON/);
  const body = JSON.parse(json.bytes.toString("utf8")) as { conventions: { referenceDecision: string; montant: string }[] };
  expect(body.conventions).toEqual([expect.objectContaining({ referenceDecision: "FAST14-FCU", montant: "121000.00" })]);
  await expectAccessible(page, "conventions publiées");
  await screenshots(page, "conventions-publiees");
});
