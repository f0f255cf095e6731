// axe (WCAG 2.1 AA) on every page, in light and dark colour schemes: zero violations.
import { axeViolations, expect, loginAs, test } from "./fixtures";

const PUBLIC_PAGES = ["/", "/connexion", "/accessibilite", "/mentions-legales", "/donnees-personnelles", "/publiques/conventions", "/page-inexistante"];

for (const colorScheme of ["light", "dark"] as const) {
  test.describe(`${colorScheme} scheme`, () => {
    test.use({ colorScheme });

    test("public pages have no WCAG 2.1 AA violation", async ({ page }) => {
      for (const path of PUBLIC_PAGES) {
        await page.goto(path);
        await expect(page.locator("html")).toHaveAttribute("data-fr-theme", colorScheme);
        expect(await axeViolations(page), path).toEqual([]);
      }
    });

    test("signed-in pages have no WCAG 2.1 AA violation", async ({ page }) => {
      await loginAs(page, "intrapreneur");
      expect(await axeViolations(page), "/conventions").toEqual([]);
      await page.getByRole("link", { name: "France Chaleur Urbaine" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      expect(await axeViolations(page), "/conventions/[id]").toEqual([]);
      await page.getByRole("link", { name: "Tranches et crédits" }).first().click();
      await expect(page.getByRole("heading", { level: 1, name: "Tranches et crédits" })).toBeVisible();
      expect(await axeViolations(page), "/conventions/[id]/tranches").toEqual([]);
      await page.getByRole("link", { name: "Historique" }).first().click();
      await expect(page.getByRole("heading", { level: 1, name: "Historique" })).toBeVisible();
      await expect(page.locator("main table")).toContainText("Tranche débloquée");
      expect(await axeViolations(page), "/conventions/[id]/historique").toEqual([]);
      await page.goto("/conventions/00000000-0000-4000-8000-000000000000");
      expect(await axeViolations(page), "404").toEqual([]);
    });

    test("the délégataire's pages, forms included, have no WCAG 2.1 AA violation", async ({ page }) => {
      await loginAs(page, "gestionnaire");
      await page.getByRole("link", { name: "France Chaleur Urbaine" }).click();
      for (const section of ["Dépenses", "Avenants, suspensions et résiliation", "Compte rendu final"]) {
        await page.getByRole("link", { name: section }).first().click();
        await expect(page.getByRole("heading", { level: 1, name: section })).toBeVisible();
        expect(await axeViolations(page), section).toEqual([]);
      }
    });
  });
}
