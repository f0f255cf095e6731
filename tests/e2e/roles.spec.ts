// What each demo role may and may not see, through a real browser.
import { ACCOUNTS, expect, login, loginAs, test } from "./fixtures";

async function conventionIds(page: import("@playwright/test").Page) {
  await page.goto("/conventions");
  const links = page.locator("main table a[href^='/conventions/']");
  const hrefs = await links.evaluateAll((els) => els.map((e) => e.getAttribute("href")!));
  return hrefs;
}

test("anonymous visitors are sent to the login page", async ({ page }) => {
  await page.goto("/conventions");
  await expect(page).toHaveURL(/\/connexion\?callbackUrl=%2Fconventions/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Connexion à Suivi FAST");
});

test("a wrong password or an unknown e-mail gets a clear French message", async ({ page }) => {
  await login(page, ACCOUNTS.pilote, "mauvais-mot-de-passe");
  await expect(page.getByText("Adresse électronique ou mot de passe incorrect.")).toBeVisible();
  await login(page, "personne@nulle-part.example.fr");
  await expect(page.getByText("Adresse électronique ou mot de passe incorrect.")).toBeVisible();
  await login(page, "pas-une-adresse");
  await expect(page.getByText(/Saisissez une adresse électronique valide/)).toBeVisible();
});

test("DINUM sees every convention and FAST 14 as the text states it", async ({ page }) => {
  await loginAs(page, "pilote");
  await expect(page.getByTestId("utilisateur-connecte").first()).toContainText("Camille Martin");
  await expect(page.locator("main table")).toContainText("France Chaleur Urbaine");
  await expect(page.locator("main table")).toContainText("Signalement Démo");
  await page.getByRole("link", { name: "France Chaleur Urbaine" }).click();
  const main = page.locator("main");
  await expect(main.getByRole("heading", { level: 1 })).toHaveText("Convention de délégation de gestion FAST 14 | France Chaleur Urbaine");
  for (const text of [
    "Stéphanie Schaer",
    "Emmanuelle Gay",
    "Arnaud Beaufort",
    "29 février 2024",
    "31 décembre 2024",
    "0352-CFSE-CFIN",
    "035200010101",
    "SGDFNUM092",
    "0352-01",
    "2004-1085",
  ]) {
    await expect(main).toContainText(text);
  }
  await expect(main).toContainText(/121\s000,00\s€/);
  await expect(main).toContainText(/60\s500,00\s€/);
});

test("the DRIEAT intrapreneur sees FAST 14 only, and another organisation's convention is refused", async ({ page, browser }) => {
  // Learn the fictitious convention's address as DINUM, then try it as DRIEAT.
  const dinum = await browser.newPage();
  await loginAs(dinum, "pilote");
  const all = await conventionIds(dinum);
  await dinum.close();

  await loginAs(page, "intrapreneur");
  const mine = await conventionIds(page);
  expect(mine).toHaveLength(1);
  await expect(page.locator("main table")).not.toContainText("Signalement Démo");
  const foreign = all.find((href) => !mine.includes(href))!;
  const response = await page.goto(foreign);
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Accès refusé");
  await expect(page.locator("main")).not.toContainText("Signalement Démo");

  const api = await page.request.get(`/api${foreign}`);
  expect(api.status()).toBe(403);
  const tampered = await page.goto("/conventions/pas-un-identifiant");
  expect(tampered?.status()).toBe(404);
});

test("the délégataire sees FAST 14; the fictitious partner sees only its own", async ({ page }) => {
  await loginAs(page, "gestionnaire");
  await expect(page.locator("main table")).toContainText("France Chaleur Urbaine");
  await expect(page.locator("main table")).not.toContainText("Signalement Démo");
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await expect(page).toHaveURL(/\/$/);
  await loginAs(page, "autrePartenaire");
  await expect(page.locator("main table")).toContainText("Signalement Démo");
  await expect(page.locator("main table")).not.toContainText("France Chaleur Urbaine");
});

test("the administrator reads every convention", async ({ page }) => {
  await loginAs(page, "admin");
  await expect(page.locator("main table tbody tr")).toHaveCount(2);
});

test("the API answers 401 without a session", async ({ request }) => {
  const response = await request.get("/api/conventions/00000000-0000-4000-8000-000000000000");
  expect(response.status()).toBe(401);
  expect((await response.json()).erreur).toMatch(/connectez-vous/);
});

test("every party reads the tranches with their derived status and the reason", async ({ page }) => {
  await loginAs(page, "pilote");
  await page.getByRole("link", { name: "Signalement Démo (fictive)" }).click();
  await page.getByRole("link", { name: "Tranches et crédits" }).first().click();
  const table = page.locator("main table").first();
  await expect(table.locator("tbody tr")).toHaveCount(4);
  await expect(table.locator("tbody tr").filter({ hasText: "Tranche 1 AE" }).first()).toContainText("Débloquée");
  await expect(table.locator("tbody tr").filter({ hasText: "Tranche 2 AE" }).first()).toContainText("En retard");
  await expect(table).toContainText(/40\s000,00\s€/);
  // The fictitious convention is dated from the day the demo is loaded (see demoFictive).
  await expect(page.locator("main")).toContainText(/Aucun bilan enregistré \(attendu au plus tard le \d+(er)? \S+ \d{4}\)/);
});
