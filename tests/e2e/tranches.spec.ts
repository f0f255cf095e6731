// The release story, as DINUM walks it on the demo's convention in force: T2 late without a mid-term
// review, blocked after an unsatisfactory one, releasable after a satisfactory one, released once confirmed.
// The other parties read the same statuses but have neither the review form nor the release button.
import type { Page } from "@playwright/test";
import { APP_TODAY, axeViolations, expect, loginAs, test } from "./fixtures";

async function openFictive(page: Page, section?: string) {
  await page.getByRole("link", { name: "Signalement Démo (fictive)" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  if (section) {
    await page.getByRole("link", { name: section }).first().click();
    await expect(page.getByRole("heading", { level: 1, name: section })).toBeVisible();
  }
}

const row = (page: Page, name: string) => page.locator("main table").first().locator("tbody tr").filter({ hasText: name }).first();

test.describe.configure({ mode: "serial" });

test("a partner reads the tranches but can neither review nor release", async ({ page }) => {
  await loginAs(page, "autrePartenaire");
  await openFictive(page, "Tranches et crédits");
  await expect(row(page, "Tranche 2 AE")).toContainText("En retard");
  await expect(page.getByRole("button", { name: "Enregistrer le bilan" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: /Débloquer/ })).toHaveCount(0);
  // Typing the confirmation page's address is refused by the server, not only hidden.
  const tranches = page.url();
  const trancheId = "00000000-0000-4000-8000-000000000000";
  const response = await page.goto(`${tranches}/${trancheId}/deblocage`);
  expect(response?.status()).toBe(403);
});

test("DINUM records the mid-term review, then releases the second tranche", async ({ page }) => {
  await loginAs(page, "pilote");
  await openFictive(page, "Tranches et crédits");
  await expect(row(page, "Tranche 2 AE")).toContainText("En retard");
  expect(await axeViolations(page), "tranches, with the review form").toEqual([]);

  // Bad input: a French message per field, nothing recorded.
  await page.getByLabel("Commentaires").fill("   ");
  await page.getByRole("button", { name: "Enregistrer le bilan" }).click();
  await expect(page.getByText("Certaines informations sont à corriger.")).toBeVisible();
  await expect(page.getByText("Choisissez le constat : mobilisation satisfaisante ou insuffisante.")).toBeVisible();
  await expect(page.getByText("Commentaires : champ obligatoire.")).toBeVisible();
  expect(await axeViolations(page), "tranches, form in error").toEqual([]);

  // Unsatisfactory: T2 blocked, with the reason.
  await page.getByRole("radio", { name: /Insuffisante/ }).check({ force: true });
  await page.getByLabel("Commentaires").fill("Équipe incomplète : pas de développeur depuis deux mois.");
  await page.getByRole("button", { name: "Enregistrer le bilan" }).click();
  await expect(page.getByText("Le bilan de mi-parcours est enregistré.")).toBeVisible();
  await expect(row(page, "Tranche 2 AE")).toContainText("Bloquée");
  await expect(row(page, "Tranche 2 AE")).toContainText("mobilisation insuffisante");
  await expect(page.getByRole("link", { name: /Débloquer/ })).toHaveCount(0);

  // Satisfactory: T2 releasable; both reviews stay in the history.
  await page.getByRole("radio", { name: /Satisfaisante/ }).check({ force: true });
  await page.getByLabel("Commentaires").fill("Équipe complète depuis le recrutement.");
  await page.getByRole("button", { name: "Enregistrer le bilan" }).click();
  await expect(row(page, "Tranche 2 AE")).toContainText("Débloquable");
  await expect(page.locator("main table").filter({ hasText: "Bilans enregistrés" }).locator("tbody tr")).toHaveCount(2);

  // Release, through a confirmation that names the amount.
  await row(page, "Tranche 2 AE").getByRole("link", { name: /Débloquer/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Débloquer la tranche 2 AE" , exact: false })).toBeVisible();
  await expect(page.locator("main")).toContainText(/Vous allez mettre 40\s000,00\s€ d'autorisations d'engagement/);
  expect(await axeViolations(page), "release confirmation").toEqual([]);
  await page.getByRole("button", { name: /Confirmer le déblocage de 40\s000,00\s€/ }).click();
  await expect(page.getByText("Tranche débloquée", { exact: true })).toBeVisible();
  await expect(page.locator("main")).toContainText("par Camille Martin (démo)");
  await page.getByRole("link", { name: "Retour aux tranches" }).click();
  await expect(row(page, "Tranche 2 AE")).toContainText("Débloquée");
  await expect(row(page, "Tranche 2 CP")).toContainText("Débloquable");

  // The overview's timeline and the history tell it too.
  await page.getByRole("link", { name: "Aperçu" }).click();
  await expect(page.getByRole("list", { name: /Calendrier de la convention/ })).toContainText(/Tranche 2 \(\d{4}\) débloquée : 40\s000,00\s€ en AE/);
  expect(await axeViolations(page), "overview with timeline").toEqual([]);
  await page.getByRole("link", { name: "Historique" }).first().click();
  await expect(page.locator("main table").last()).toContainText("Bilan de mi-parcours enregistré");
});

test("the partner sees the release DINUM made, and may give notice of termination", async ({ page }) => {
  await loginAs(page, "autrePartenaire");
  await openFictive(page, "Tranches et crédits");
  await expect(row(page, "Tranche 2 AE")).toContainText("Débloquée");
  await page.getByRole("link", { name: "Avenants, suspensions et résiliation" }).click();
  await expect(page.getByRole("heading", { name: "Enregistrer un avenant" })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Suspendre la délégation" })).toHaveCount(0);
  expect(await axeViolations(page), "convention life, partner").toEqual([]);
  await page.getByLabel("Motif").fill("Fin anticipée du projet.");
  await page.getByRole("button", { name: "Enregistrer le préavis" }).click();
  await expect(page.getByText("Le préavis de résiliation est enregistré.")).toBeVisible();
  await expect(page.locator("main table").filter({ hasText: "Préavis de résiliation" })).toContainText("Partenaire");
  await expect(page.locator("main")).toContainText(/résiliation effective le/);
});

test("DINUM records an avenant; a ceiling it would break is refused with its reason", async ({ page }) => {
  await loginAs(page, "pilote");
  await openFictive(page, "Avenants, suspensions et résiliation");
  expect(await axeViolations(page), "convention life, DINUM").toEqual([]);
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Enregistrer l'avenant" }) });
  await form.getByLabel("Signé par toutes les parties le").fill(APP_TODAY);
  await form.getByLabel("Objet").fill("Réduction de la dotation");
  await form.getByLabel(/^AE \d{4}/).fill("10 000");
  await form.getByRole("button", { name: "Enregistrer l'avenant" }).click();
  await expect(form.locator(".fr-alert")).toContainText(/inférieure aux AE déjà mises à disposition/);
  await form.getByLabel(/^AE \d{4}/).fill("");
  await form.getByLabel(/^CP \d{4}/).fill("90 000");
  await form.getByRole("button", { name: "Enregistrer l'avenant" }).click();
  await expect(page.getByText("L'avenant est enregistré ; les conditions en vigueur sont mises à jour.")).toBeVisible();
  await expect(page.locator("main table").filter({ hasText: "Avenants enregistrés" })).toContainText(/CP 90\s000,00\s€/);
});
