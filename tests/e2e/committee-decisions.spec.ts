// Issue 16 on the demo's convention in force (FAST16-DEMO, its mid-term review late): the intrapreneur logs a
// committee that decides "arrêt" and DINUM sees T2 bloquée citing it, with the termination and the avenant it
// implies one link away (pre-filled); a later "poursuite", with DINUM's satisfactory review held at that
// committee, makes T2 débloquable. On FAST 14, the cost of impact agrees to the cent with the expenditure page.
// axe (WCAG 2.1 AA) on every new page; screenshots at 1280 and 375 px in test-results/ecrans.
import type { Page } from "@playwright/test";
import { axeViolations, expect, loginAs, test } from "./fixtures";

test.describe.configure({ mode: "serial" });

async function open(page: Page, startup: string, section: string) {
  await page.getByRole("link", { name: startup }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.getByRole("link", { name: section }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: section })).toBeVisible();
}

async function screenshots(page: Page, name: string) {
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `test-results/ecrans/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

async function logCommittee(page: Page, heldOn: string, decision: "Arrêt" | "Poursuite", motives: string) {
  await loginAs(page, "autrePartenaire");
  await open(page, "Signalement Démo (fictive)", "Comités et indicateurs");
  await page.getByRole("link", { name: "Enregistrer un comité" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Enregistrer un comité d'investissement" })).toBeVisible();
  await page.getByLabel("Date du comité").fill(heldOn);
  await page.getByRole("group", { name: "La DINUM a-t-elle été invitée ?" }).getByRole("radio", { name: "Oui" }).check({ force: true });
  await page.getByRole("group", { name: "La DINUM a-t-elle participé ?" }).getByRole("radio", { name: "Oui" }).check({ force: true });
  await page.getByRole("group", { name: "Le sponsor a-t-il participé ?" }).getByRole("radio", { name: "Non" }).check({ force: true });
  await page.getByRole("group", { name: "Décision du comité" }).getByRole("radio", { name: new RegExp(`^${decision}(?! sous)`) }).check({ force: true });
  await page.getByLabel("Motifs de la décision").fill(motives);
  await page.getByLabel("Orientations pour les six prochains mois").fill("Orientations du comité.");
  await page.getByLabel("Budget demandé pour six mois, en AE (facultatif)").fill("20 000");
}

const trancheRow = (page: Page, name: string) => page.locator("main table").first().locator("tbody tr").filter({ hasText: name }).first();

test("the intrapreneur logs a committee that decides arrêt; DINUM sees T2 bloquée with that reason and the termination it implies", async ({ page }) => {
  await logCommittee(page, "2026-11-20", "Arrêt", "Le service n'a pas trouvé son public.");
  expect(await axeViolations(page), "nouveau comité").toEqual([]);
  await screenshots(page, "comite-nouveau");
  // A decision of arrêt with conditions is refused, under the field.
  await page.getByLabel("Conditions (poursuite sous conditions)").fill("Recruter");
  await page.getByRole("button", { name: "Enregistrer le comité" }).click();
  await expect(page.getByText("Seule une poursuite sous conditions a des conditions").first()).toBeVisible();
  await page.getByLabel("Conditions (poursuite sous conditions)").fill("");
  await page.getByRole("button", { name: "Enregistrer le comité" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Comité du 20 novembre 2026" })).toBeVisible();
  await expect(page.getByText("Le comité d'investissement est enregistré.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Le comité du 20 novembre 2026 a décidé l'arrêt" })).toBeVisible();
  await expect(page.locator("dl")).toContainText("AE : 20 000,00 € ; CP : non renseigné");
  expect(await axeViolations(page), "comité").toEqual([]);
  await screenshots(page, "comite-arret");
  await page.getByRole("link", { name: "Comités et indicateurs" }).first().click();
  await expect(page.getByRole("table", { name: /Comités d'investissement/ })).toContainText("Arrêt");
  expect(await axeViolations(page), "comités").toEqual([]);
  await screenshots(page, "comites");

  await loginAs(page, "pilote");
  await open(page, "Signalement Démo (fictive)", "Tranches et crédits");
  const t2 = trancheRow(page, "Tranche 2 AE 2026");
  await expect(t2).toContainText("Bloquée");
  await expect(t2).toContainText("Le comité du 20 novembre 2026 a décidé l'arrêt.");
  await expect(t2.getByRole("link", { name: /Débloquer/ })).toHaveCount(0);
  expect(await axeViolations(page), "tranches, arrêt").toEqual([]);
  await screenshots(page, "tranches-arret");
  // Never silently: the termination it implies, pre-filled.
  await page.getByRole("link", { name: "préparer le préavis de résiliation" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const termination = page.locator("section").filter({ has: page.getByRole("heading", { name: "Notifier un préavis de résiliation", exact: true }) });
  await expect(termination.getByLabel("Motif")).toHaveValue("Arrêt de l'accélération décidé par le comité d'investissement du 20 novembre 2026.");
  // The portfolio flags it.
  await page.goto("/pilotage");
  await expect(page.getByText("Arrêt décidé le 20 novembre 2026").first()).toBeVisible();
});

test("a later poursuite, with DINUM's satisfactory review held at that committee, makes T2 débloquable", async ({ page }) => {
  await logCommittee(page, "2026-12-01", "Poursuite", "Le service a trouvé un nouveau public.");
  await page.getByRole("button", { name: "Enregistrer le comité" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Comité du 1er décembre 2026" })).toBeVisible();

  await loginAs(page, "pilote");
  await open(page, "Signalement Démo (fictive)", "Tranches et crédits");
  // The arrêt no longer stands; the review is still missing.
  await expect(trancheRow(page, "Tranche 2 AE 2026")).toContainText("En retard");
  const form = page.locator("section").filter({ has: page.getByRole("heading", { name: "Enregistrer le bilan de mi-parcours" }) });
  await form.getByLabel("Date du bilan").fill("2026-12-01");
  await form.getByLabel("Tenu au comité d'investissement du (facultatif)").selectOption({ label: "1er décembre 2026" });
  await form.getByRole("radio", { name: /^Satisfaisante/ }).check({ force: true });
  await form.getByLabel("Commentaires").fill("Équipe remobilisée après le pivot de son public.");
  await form.getByRole("button", { name: "Enregistrer le bilan" }).click();
  await expect(page.getByText("Le bilan de mi-parcours est enregistré.")).toBeVisible();
  const t2 = trancheRow(page, "Tranche 2 AE 2026");
  await expect(t2).toContainText("Débloquable");
  await expect(t2).toContainText("tenu au comité du 1er décembre 2026");
  await expect(t2.getByRole("link", { name: /Débloquer/ })).toHaveCount(1);
  expect(await axeViolations(page), "tranches, débloquable").toEqual([]);
});

test("the cost of impact agrees to the cent with the expenditure page, on the committees page and the overview", async ({ page }) => {
  await loginAs(page, "intrapreneur");
  await open(page, "France Chaleur Urbaine", "Dépenses");
  const paid = (await page.getByRole("table", { name: "Consommation des crédits par année" }).locator("tbody tr").filter({ hasText: "2024" }).locator("td").nth(5).innerText()).trim();
  await page.getByRole("link", { name: "Comités et indicateurs" }).first().click();
  const costs = page.getByRole("table", { name: /Coût de l'impact : CP payés à la date de chaque comité, rapportés à « Demandes de raccordement »/ });
  const september = costs.locator("tbody tr").filter({ hasText: "12 septembre 2024" });
  // Every demo payment precedes the September committee: CP paid to its date is the year's CP paid.
  await expect(september.locator("td").nth(1)).toHaveText(paid);
  const cents = BigInt(paid.replace(/[^\d]/g, ""));
  const perDemand = (cents * 2n + 3720n) / (2n * 3720n); // half up, to the cent
  const euros = `${perDemand / 100n},${String(perDemand % 100n).padStart(2, "0")}`;
  await expect(september.locator("td").nth(3)).toHaveText(new RegExp(`^${euros.replace(/\B(?=(\d{3})+(?!\d))/g, "\\s?")}\\s€$`));
  await expect(september).toContainText("Se dégrade");
  await expect(page.getByText("Se dégrade au dernier comité").first()).toBeVisible();
  await expect(page.locator("dl").first()).toContainText("Demandes de raccordement");
  // The overview shows the same table.
  await page.getByRole("link", { name: "Aperçu" }).first().click();
  await expect(page.getByRole("table", { name: /Coût de l'impact : CP payés à la date de chaque comité/ }).locator("tbody tr").filter({ hasText: "12 septembre 2024" }).locator("td").nth(1)).toHaveText(paid);
});
