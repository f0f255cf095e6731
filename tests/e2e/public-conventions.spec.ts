// The public list of published conventions (no login): read a page at a time, searched by startup, FAST call or
// administration, what it shows said in its status line; a wrong page number never breaks it. The seeded
// database publishes one convention (FAST 14's), so the list holds one page: its pages are tested against the
// database (src/server/repositories/public.test.ts).
import { expect, expectAccessible, screenshots, test } from "./fixtures";

const ORDER = "de la plus récemment signée à la plus ancienne";

test("the public searches the published conventions, and a wrong page number shows the list", async ({ page }) => {
  await page.goto("/publiques/conventions");
  await expect(page.getByRole("heading", { level: 1, name: "Conventions publiées" })).toBeVisible();
  await expect(page).toHaveTitle("Conventions publiées — Suivi FAST");
  const status = page.locator("main").getByRole("status");
  await expect(status).toHaveText(`1 convention publiée, ${ORDER}.`);
  const table = page.getByRole("table", { name: "Conventions publiées" });
  await expect(table.getByRole("columnheader")).toHaveText(["Startup d'État", "Appel FAST", "Partenaire", "Délégataire", "Montant FAST", "Signature", "Échéance", "Publication"]);
  const fcu = table.getByRole("row", { name: /France Chaleur Urbaine/ });
  await expect(fcu.getByRole("rowheader")).toHaveText("France Chaleur Urbaine : tableau de bord d'impact");
  for (const cell of ["FAST 14", "DRIEAT", "DNUM", "29 février 2024"]) await expect(fcu.getByRole("cell", { name: cell, exact: true })).toBeVisible();
  const published = fcu.getByRole("link", { name: "gouvernement.fr", exact: true });
  await expect(published).toHaveAttribute("target", "_blank");
  await expect(published).toHaveAttribute("title", "gouvernement.fr : publication de la convention FAST 14 de France Chaleur Urbaine — nouvelle fenêtre");
  // One page: no pagination.
  await expect(page.getByRole("navigation", { name: "Pagination" })).toHaveCount(0);
  await expectAccessible(page, "conventions publiées");
  await screenshots(page, "conventions-publiees");

  // A search, accents and case ignored, on the startup, the FAST call and the partner's or délégataire's organisation.
  const search = page.getByRole("search", { name: "Rechercher parmi les conventions publiées" });
  const field = search.getByRole("searchbox", { name: /Rechercher une convention/ });
  for (const q of ["chaleur urbaine", "fast 14", "drieat", "Numérique du Ministère"]) {
    await field.fill(q);
    await search.getByRole("button", { name: "Rechercher" }).click();
    await expect(status).toHaveText(`1 convention publiée correspond à « ${q} », ${ORDER}.`);
    await expect(page).toHaveTitle(`Conventions publiées : recherche « ${q} » — Suivi FAST`);
    await expect(table.getByRole("rowheader")).toHaveText(["France Chaleur Urbaine : tableau de bord d'impact"]);
    await expect(field).toHaveValue(q);
  }
  expect(new URL(page.url()).search).toBe("?q=Num%C3%A9rique+du+Minist%C3%A8re");
  // The demo convention is not published: nothing found, no table.
  await field.fill("DDT démo");
  await search.getByRole("button", { name: "Rechercher" }).click();
  await expect(status).toHaveText("Aucune convention publiée ne correspond à « DDT démo ».");
  await expect(page.getByRole("table")).toHaveCount(0);
  await screenshots(page, "conventions-publiees-recherche-vide");
  await page.getByRole("link", { name: "Effacer la recherche" }).click();
  await expect(page).toHaveURL(/\/publiques\/conventions$/);
  await expect(status).toHaveText(`1 convention publiée, ${ORDER}.`);
  await expect(field).toHaveValue("");

  // Page numbers from a URL: anything but a page number is the first page; one past the last, the last, said so.
  for (const query of ["page=abc", "page=0", "page=-3", "page=2.5", "page=1e3", "page=&q=", "page=99999999999999999999"]) {
    const response = await page.goto(`/publiques/conventions?${query}`);
    expect(response?.status(), query).toBe(200);
    await expect(status, query).toHaveText(`1 convention publiée, ${ORDER}.`);
  }
  await page.goto("/publiques/conventions?page=7&q=chaleur");
  await expect(status).toHaveText(`La page 7 n'existe pas : voici la dernière page. 1 convention publiée correspond à « chaleur », ${ORDER}.`);
  await expect(table.getByRole("rowheader")).toHaveText(["France Chaleur Urbaine : tableau de bord d'impact"]);
});
