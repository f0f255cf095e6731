// The intrapreneur's story on FAST 14 (which ran from 29 February to 31 December 2024, so its committees are
// dated in 2024): define an indicator, log an investment committee with the indicators' values (a bad value
// refused first), read the result against the previous objective on the chart and its table; follow up an
// obligation. Then the public sees the startup's impact page and statistics without logging in — and none of
// the private indicator. axe finds no WCAG 2.1 AA violation on any of these pages, light and dark.
import type { Locator, Page } from "@playwright/test";
import { axeViolations, expect, loginAs, test } from "./fixtures";

test.describe.configure({ mode: "serial" });

async function openFast14(page: Page, section: string) {
  await page.getByRole("link", { name: "France Chaleur Urbaine" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.getByRole("link", { name: section }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: section })).toBeVisible();
}

const panel = (page: Page, title: string): Locator => page.locator("section").filter({ has: page.getByRole("heading", { name: title, exact: true }) });
const indicatorSection = (page: Page, name: string): Locator => page.getByRole("region", { name: `Indicateur : ${name}` });

/** The chart's web component drew its canvas (in its shadow root). */
async function chartDrawn(section: Locator) {
  const chart = section.locator("line-chart");
  await expect(chart).toBeAttached();
  await expect.poll(() => chart.evaluate((el) => Boolean(el.shadowRoot?.querySelector("canvas")))).toBe(true);
}

test("the intrapreneur defines an indicator and logs a committee; the chart and its table read the result against the previous objective", async ({ page }) => {
  await loginAs(page, "intrapreneur");
  await openFast14(page, "Comités et indicateurs");
  await expect(page.getByRole("table", { name: /Échéances semestrielles/ })).toContainText("Tenu en retard");
  expect(await axeViolations(page), "comites").toEqual([]);
  await page.getByRole("link", { name: "Graphiques des indicateurs, ajout et modification" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Indicateurs d'impact" })).toBeVisible();
  await chartDrawn(indicatorSection(page, "Demandes de raccordement"));
  expect(await axeViolations(page), "indicateurs").toEqual([]);

  // A new indicator, public.
  await page.getByRole("button", { name: "Ajouter un indicateur" }).click();
  const add = panel(page, "Ajouter un indicateur");
  await add.getByLabel("Nom de l'indicateur").fill("Collectivités accompagnées");
  await add.getByLabel("Unité").fill("collectivités");
  await add.getByLabel("Définition").fill("Collectivités accompagnées dans un projet de création ou d'extension de réseau de chaleur.");
  await add.getByLabel("Place dans la matrice d'impact beta.gouv").selectOption("UTILE");
  await add.getByRole("radio", { name: /^Public/ }).check({ force: true });
  await add.getByRole("button", { name: "Ajouter l'indicateur" }).click();
  await expect(page.getByText("L'indicateur est ajouté : saisissez ses valeurs avec le prochain comité.")).toBeVisible();
  await expect(indicatorSection(page, "Collectivités accompagnées")).toContainText("Aucune valeur enregistrée pour le moment.");

  // A committee in June 2024, on its own page, first with a value that is not a number.
  await page.getByRole("link", { name: "Comités et indicateurs" }).first().click();
  await page.getByRole("link", { name: "Enregistrer un comité" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Enregistrer un comité d'investissement" })).toBeVisible();
  const committee = page.locator("main form");
  const values = (name: string) => committee.getByRole("group", { name: new RegExp(`^${name}`) });
  await committee.getByLabel("Date du comité").fill("2024-06-20");
  await committee.getByRole("group", { name: "La DINUM a-t-elle été invitée ?" }).getByRole("radio", { name: "Oui" }).check({ force: true });
  await committee.getByRole("group", { name: "La DINUM a-t-elle participé ?" }).getByRole("radio", { name: "Non" }).check({ force: true });
  await committee.getByRole("group", { name: "Le sponsor a-t-il participé ?" }).getByRole("radio", { name: "Oui" }).check({ force: true });
  await committee.getByRole("group", { name: "Décision du comité" }).getByRole("radio", { name: /^Poursuite$|^Poursuite L'accélération continue comme prévu/ }).first().check({ force: true });
  await committee.getByLabel("Motifs de la décision").fill("Poursuite de l'accélération.");
  await committee.getByLabel("Orientations pour les six prochains mois").fill("Accompagner les collectivités dans leurs projets de réseau.");
  await committee.getByLabel("Jours de développement par semaine").fill("1");
  await committee.getByLabel("Jours de déploiement par semaine").fill("1");
  await values("Demandes de raccordement").getByLabel(/Résultat de la phase/).fill("beaucoup");
  await committee.getByRole("button", { name: "Enregistrer le comité" }).click();
  await expect(committee.getByText("Certaines valeurs d'indicateurs sont à corriger : écrivez des nombres, par exemple 1 234,5.")).toBeVisible();
  await expect(committee.getByText("Valeur illisible : écrivez un nombre, par exemple 1 234,5.")).toBeVisible();
  expect(await axeViolations(page), "comites, form in error").toEqual([]);

  await values("Demandes de raccordement").getByLabel(/Résultat de la phase/).fill("2 600");
  await values("Demandes de raccordement").getByLabel(/Objectif à six mois/).fill("3 600");
  await values("Collectivités accompagnées").getByLabel(/Résultat de la phase/).fill("12");
  await values("Collectivités accompagnées").getByLabel(/Objectif à six mois/).fill("20");
  await committee.getByRole("button", { name: "Enregistrer le comité" }).click();
  await expect(page.getByText("Le comité d'investissement est enregistré.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Comité du 20 juin 2024" })).toBeVisible();
  await expect(page.getByText("Déploiement : 1 jour par semaine, sous le minimum FAST de 2 jours.")).toBeVisible();
  expect(await axeViolations(page), "comite, after the committee").toEqual([]);

  // The tables: June reads against March's objective; September now reads against June's.
  await page.getByRole("link", { name: "Comités et indicateurs" }).first().click();
  await page.getByRole("link", { name: "Graphiques des indicateurs, ajout et modification" }).click();
  const demandes = indicatorSection(page, "Demandes de raccordement");
  const row = (section: Locator, date: string) => section.locator("tbody tr").filter({ hasText: date });
  await expect(row(demandes, "20 juin 2024")).toContainText(/Partiellement atteint à 74,3\s%/);
  await expect(row(demandes, "12 septembre 2024")).toContainText(/3\s600 demandes/);
  await expect(row(demandes, "12 septembre 2024")).toContainText(/Atteint à 103,3\s%/);
  const collectivites = indicatorSection(page, "Collectivités accompagnées");
  await expect(row(collectivites, "20 juin 2024")).toContainText("12 collectivités");
  await expect(row(collectivites, "20 juin 2024")).toContainText(/20 collectivités au 20 décembre 2024/);
  await expect(collectivites.getByRole("img", { name: /Graphique de l'indicateur « Collectivités accompagnées »/ })).toBeVisible();
  await chartDrawn(collectivites);
  expect(await axeViolations(page), "indicateurs, after the committee").toEqual([]);

  // The history tells it.
  await page.getByRole("link", { name: "Historique" }).first().click();
  await expect(page.locator("main table").last()).toContainText("Comité d'investissement enregistré");
});

test("the intrapreneur follows up an obligation of the partner; the délégant's are read-only for them", async ({ page }) => {
  await loginAs(page, "intrapreneur");
  await openFast14(page, "Obligations");
  const cofinancing = page.locator("main table").filter({ hasText: "Obligations du partenaire" }).locator("tbody tr").filter({ hasText: "cofinancement" });
  await expect(cofinancing).toContainText("En retard");
  await expect(page.getByRole("button", { name: /Déclarer le suivi : Demander le paramétrage des habilitations CHORUS/ })).toHaveCount(0);
  expect(await axeViolations(page), "obligations").toEqual([]);

  const toggle = page.getByRole("button", { name: /Déclarer le suivi : Engager une enveloppe de cofinancement/ });
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  const form = page.locator(".fr-accordion").filter({ has: toggle }).locator("form");
  await expect(form.getByRole("button", { name: "Enregistrer le suivi" })).toBeVisible();
  // The accordion is still sliding open: a click at the radio's coordinates may land on its neighbour (seen in
  // CI: "En cours" got checked). Click the input itself, then make sure of it.
  const respected = form.getByRole("radio", { name: /^Respectée/ });
  await respected.dispatchEvent("click");
  await expect(respected).toBeChecked();
  await form.getByRole("button", { name: "Enregistrer le suivi" }).click();
  await expect(form.locator(".fr-alert")).toContainText("Une obligation déclarée respectée s'appuie sur une preuve : donnez un lien ou une note.");
  await form.getByLabel("Note (facultatif)").fill("Bon de commande signé le 20 août 2024.");
  await form.getByLabel("Date de la preuve (facultatif)").fill("2024-08-20");
  await form.getByRole("button", { name: "Enregistrer le suivi" }).click();
  await expect(page.getByText("Le suivi de l'obligation est enregistré.")).toBeVisible();
  await expect(cofinancing).toContainText("Respectée");
  await expect(cofinancing).toContainText("Bon de commande signé le 20 août 2024.");

  // The calendar of due dates, for a party.
  const ics = await page.request.get(page.url().replace(/\/obligations$/, "/calendrier.ics"));
  expect(ics.status()).toBe(200);
  expect(ics.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
  expect(await ics.text()).toContain("BEGIN:VCALENDAR");
});

test("the public reads the startup's impact page and statistics without logging in, and nothing private", async ({ page }) => {
  // From the list of published conventions to the startup's impact page.
  await page.goto("/publiques/conventions");
  await expect(page.getByRole("link", { name: /gouvernement\.fr/ }).first()).toHaveAttribute("target", "_blank");
  await page.getByRole("link", { name: "France Chaleur Urbaine : tableau de bord d'impact" }).click();
  await expect(page).toHaveURL(/\/publiques\/startups\/france-chaleur-urbaine$/);
  await expect(page.getByRole("heading", { level: 1, name: "Impact de France Chaleur Urbaine" })).toBeVisible();
  await expect(page.getByText(/données de démonstration/).first()).toBeVisible();
  for (const name of ["Demandes de raccordement", "Raccordements réalisés", "Tonnes de CO₂ évitées", "Collectivités accompagnées"]) {
    await expect(page.getByRole("heading", { level: 2, name })).toBeVisible();
  }
  await expect(page.getByText("Délai moyen de mise en relation")).toHaveCount(0);
  await expect(indicatorSection(page, "Tonnes de CO₂ évitées").locator("tbody tr").filter({ hasText: "12 septembre 2024" })).toContainText(/Non atteint \(45,6\s%\)/);
  await chartDrawn(indicatorSection(page, "Raccordements réalisés"));
  expect(await axeViolations(page), "public impact page").toEqual([]);

  const stats = await page.request.get("/api/stats/france-chaleur-urbaine");
  expect(stats.status()).toBe(200);
  expect(stats.headers()["cache-control"]).toContain("max-age=300");
  const body = (await stats.json()) as { nom: string; description: string; stats: { value: number; date: string }[] }[];
  expect(body.find((i) => i.nom === "Demandes de raccordement")!.stats).toEqual([
    { value: 1850, date: "2024-03-14" },
    { value: 2600, date: "2024-06-20" },
    { value: 3720, date: "2024-09-12" },
  ]);
  expect(JSON.stringify(body)).not.toContain("Délai moyen");
  expect((await page.request.get("/api/stats/signalement-demo")).status()).toBe(404);
  expect((await page.goto("/publiques/startups/signalement-demo"))?.status()).toBe(404);
  // The calendar is for the parties only.
  expect((await page.request.get("/conventions/00000000-0000-4000-8000-000000000000/calendrier.ics")).status()).toBe(401);
});

test.describe("dark scheme", () => {
  test.use({ colorScheme: "dark" });

  test("the new pages have no WCAG 2.1 AA violation", async ({ page }) => {
    await page.goto("/publiques/startups/france-chaleur-urbaine");
    await expect(page.locator("html")).toHaveAttribute("data-fr-theme", "dark");
    await chartDrawn(indicatorSection(page, "Demandes de raccordement"));
    expect(await axeViolations(page), "public impact page, dark").toEqual([]);
    await loginAs(page, "intrapreneur");
    await openFast14(page, "Comités et indicateurs");
    expect(await axeViolations(page), "comites, dark").toEqual([]);
    await page.getByRole("link", { name: "Graphiques des indicateurs, ajout et modification" }).click();
    await chartDrawn(indicatorSection(page, "Demandes de raccordement"));
    expect(await axeViolations(page), "indicateurs, dark").toEqual([]);
    await page.getByRole("link", { name: "Obligations" }).first().click();
    await expect(page.getByRole("heading", { level: 1, name: "Obligations" })).toBeVisible();
    expect(await axeViolations(page), "obligations, dark").toEqual([]);
  });
});
