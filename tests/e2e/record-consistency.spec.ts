// Issue 19 §4 as the parties walk it on FAST 14 (ended 2024-12-31): the délégataire submits the final report,
// DINUM accepts it (the convention is closed); the expenditures page then offers no EJ form, and the final
// report's page — what is printed — states the convention's reference and the day it was edited.
import { APP_TODAY, expect, loginAs, test } from "./fixtures";
import { formatDate } from "../../src/domain/dates";

test.describe.configure({ mode: "serial" });
// The submission and the acceptance write the audit trail and revalidate pages: slow on a busy machine.
test.setTimeout(180_000);

async function openFast14(page: import("@playwright/test").Page, section: string) {
  await page.getByRole("link", { name: "France Chaleur Urbaine" }).first().click();
  await page.getByRole("link", { name: section }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: section })).toBeVisible();
}

test("the délégataire submits the final report; its page names the reference and the print date", async ({ page }) => {
  await loginAs(page, "gestionnaire");
  await openFast14(page, "Compte rendu final");
  await expect(page.getByTestId("report-print-header")).toHaveText(`Convention FAST14-FCU · édité le ${formatDate(APP_TODAY)}`);
  await page.getByLabel("Avancement des travaux").fill("Service déployé auprès des collectivités.");
  await page.getByLabel("Prévision de commandes").fill("Aucune commande prévue.");
  await page.getByLabel("Prévision de consommation des crédits").fill("Crédits consommés.");
  await page.getByRole("button", { name: /Transmettre/ }).click();
  await expect(page.getByRole("region", { name: `Compte rendu du ${formatDate(APP_TODAY)}` })).toBeVisible({ timeout: 90_000 });
});

test("once DINUM accepted it, the closed convention offers no EJ form", async ({ page }) => {
  await loginAs(page, "pilote");
  await openFast14(page, "Compte rendu final");
  await page.getByRole("button", { name: /Accepter/ }).click();
  await expect(page.getByRole("button", { name: "Accepter et clôturer la convention" })).toHaveCount(0, { timeout: 90_000 });
  await loginAs(page, "gestionnaire");
  await openFast14(page, "Dépenses");
  await expect(page.getByText("La convention est clôturée : plus aucune dépense ne peut y être enregistrée ni corrigée.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Enregistrer un engagement juridique" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Importer un extrait Chorus" })).toHaveCount(0);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: "test-results/record-consistency-depenses-1280.png", fullPage: true });
  await page.setViewportSize({ width: 375, height: 800 });
  await page.screenshot({ path: "test-results/record-consistency-depenses-375.png", fullPage: true });
});
