// Organisations and accounts managed in the app, as an administrator meets them (no mail server in e2e: the
// invitation link is shown to the administrator): a new organisation, an agent of it invited, the agent
// following the link, choosing a password, signing in and seeing only their conventions; a used link refused;
// the agent deactivated, then refused at sign-in. DINUM's pilot sees the directory, edits partners only.
// axe (WCAG 2.1 AA, light and dark) on each new page; screenshots at 1280 and 375 px in test-results/ecrans.
import type { Page } from "@playwright/test";
import { ACCOUNTS, axeViolations, expect, expectAccessible, login, loginAs, screenshots, test } from "./fixtures";

test.setTimeout(180_000);

const AGENT = { name: "Maëlle Invitée", email: "maelle.invitee@ddt-77.example.fr", password: "Réseau de chaleur de Melun 2026" };
const OTHER = { name: "Yann Partenaire", email: "yann.partenaire@ddt-demo.example.fr", password: "Signalement en démonstration 2026" };

async function openAdministration(page: Page, item: "Organisations" | "Comptes") {
  await page.getByRole("button", { name: "Administration" }).click();
  await page.getByRole("link", { name: item, exact: true }).click();
}

/** The administrator invites an agent; answers the link shown (no mail server). */
async function invite(page: Page, agent: { name: string; email: string }, organisation: string, role: string): Promise<string> {
  await page.goto("/administration/comptes");
  await page.getByLabel("Prénom et nom").fill(agent.name);
  await page.getByLabel("Adresse électronique").fill(agent.email);
  await page.getByLabel("Organisation").selectOption({ label: organisation });
  await page.getByLabel("Rôle").selectOption({ label: role });
  await page.getByRole("button", { name: "Inviter l'agent" }).click();
  await expect(page.getByText(`Invitation créée pour ${agent.email}. Aucun serveur de courriel n'est configuré : transmettez vous-même ce lien à l'agent.`)).toBeVisible();
  return (await page.getByTestId("lien-transmis").getAttribute("href"))!;
}

/** The agent follows the link and chooses a password. */
async function acceptInvitation(page: Page, link: string, password: string) {
  await page.goto(link);
  await page.getByLabel("Mot de passe", { exact: true }).fill(password);
  await page.getByLabel("Confirmation du mot de passe", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Activer mon compte" }).click();
  await expect(page).toHaveURL(/\/connexion\?compte=active$/);
  await expect(page.getByText("Votre compte est actif : connectez-vous")).toBeVisible();
}

test("an administrator opens an organisation and an account; the agent activates it, sees only their conventions, and is refused once deactivated", async ({ page }) => {
  await loginAs(page, "admin");
  const fast14 = (await page.getByRole("link", { name: "France Chaleur Urbaine" }).getAttribute("href"))!;

  // The directory, from the header.
  await openAdministration(page, "Organisations");
  await expect(page.getByRole("heading", { level: 1, name: "Annuaire des organisations" })).toBeVisible();
  await expect(page.locator("main table")).toContainText("DRIEAT");
  await expectAccessible(page, "/administration/organisations");

  // A new partner: a SIRET whose key is wrong is refused in French, and nothing is added.
  await page.getByRole("link", { name: "Ajouter une organisation" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ajouter une organisation" })).toBeVisible();
  await expectAccessible(page, "/administration/organisations/nouvelle");
  await page.getByLabel("Nom").fill("Direction départementale des territoires de Seine-et-Marne");
  await page.getByLabel("Sigle").fill("DDT 77");
  await page.locator("input[name=siret]").fill("443 061 841 00048");
  await page.getByRole("radio", { name: "Administration partenaire" }).check({ force: true });
  await page.getByRole("textbox", { name: "Adresse", exact: true }).fill("288 rue Georges Clemenceau, 77000 Melun");
  await page.getByRole("button", { name: "Ajouter l'organisation" }).click();
  await expect(page.getByText("SIRET invalide : la clé de contrôle ne correspond pas, vérifiez les chiffres.")).toBeVisible();
  await screenshots(page, "organisation-refusee");
  await page.locator("input[name=siret]").fill("443 061 841 00047");
  await page.getByRole("button", { name: "Ajouter l'organisation" }).click();
  await expect(page).toHaveURL(/\/administration\/organisations$/);
  const row = page.locator("main table tr", { hasText: "DDT 77" });
  await expect(row).toContainText("Administration partenaire");
  await expect(row).toContainText("443 061 841 00047");
  await screenshots(page, "organisations");

  // Its agent invited; an agent of an existing partner too, to show what "their conventions" means.
  await openAdministration(page, "Comptes");
  await expect(page.getByRole("heading", { level: 1, name: "Comptes" })).toBeVisible();
  await expectAccessible(page, "/administration/comptes");
  const link = await invite(page, AGENT, "DDT 77 — Direction départementale des territoires de Seine-et-Marne", "Intrapreneur");
  expect(link).toMatch(/\/invitation\/[A-Za-z0-9_-]{43}$/);
  await screenshots(page, "comptes-invitation");
  const otherLink = await invite(page, OTHER, "DDT Démo — Direction départementale des territoires de Démo-sur-Loire (fictive)", "Intrapreneur");
  await page.goto("/administration/comptes");
  await expect(page.locator("main table tr", { hasText: AGENT.email })).toContainText("Invitation en attente");
  await page.context().clearCookies();

  // The agent follows the link: a weak password is refused under its field, then the account is active.
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Activer votre compte" })).toBeVisible();
  await expect(page.locator("main")).toContainText(`Bienvenue ${AGENT.name}`);
  await expectAccessible(page, "/invitation/[token]");
  await screenshots(page, "invitation");
  await page.getByLabel("Mot de passe", { exact: true }).fill("azertyuiop");
  await page.getByLabel("Confirmation du mot de passe", { exact: true }).fill("azertyuiop");
  await page.getByRole("button", { name: "Activer mon compte" }).click();
  await expect(page.getByText("Le mot de passe doit compter au moins 12 caractères (il en compte 10).", { exact: false })).toBeVisible();
  await acceptInvitation(page, link, AGENT.password);
  await expectAccessible(page, "/connexion?compte=active");

  // Signed in, the agent of a new organisation sees no convention, and FAST 14 is refused.
  await login(page, AGENT.email, AGENT.password);
  await expect(page).toHaveURL(/\/conventions$/, { timeout: 20_000 });
  await expect(page.locator("main")).toContainText("Aucune convention ne concerne votre organisation pour le moment.");
  expect((await page.request.get(fast14, { maxRedirects: 0 })).status()).toBe(403);
  await expect(page.getByRole("button", { name: "Administration" })).toHaveCount(0);
  expect((await page.request.get("/administration/comptes", { maxRedirects: 0 })).status()).toBe(403);

  // The link is used up: a French page, nothing changes.
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Lien d'invitation déjà utilisé" })).toBeVisible();
  await expect(page.locator("main form")).toHaveCount(0);
  await expectAccessible(page, "/invitation/[token] (utilisé)");
  await screenshots(page, "invitation-utilisee");
  await page.context().clearCookies();

  // The DDT Démo agent sees the fictitious convention of DDT Démo, and only it.
  await acceptInvitation(page, otherLink, OTHER.password);
  await login(page, OTHER.email, OTHER.password);
  await expect(page).toHaveURL(/\/conventions$/, { timeout: 20_000 });
  await expect(page.locator("main table")).toContainText("Signalement Démo");
  await expect(page.locator("main table")).not.toContainText("France Chaleur Urbaine");
  await page.context().clearCookies();

  // The administrator deactivates the first agent, from the account's page.
  await loginAs(page, "admin");
  await openAdministration(page, "Comptes");
  const agentRow = page.locator("main table tr", { hasText: AGENT.email });
  await expect(agentRow).toContainText("Actif");
  await expect(agentRow).not.toContainText("Jamais");
  await agentRow.getByRole("link", { name: AGENT.name }).click();
  await expect(page.getByRole("heading", { level: 1, name: AGENT.name })).toBeVisible();
  await expectAccessible(page, "/administration/comptes/[userId]");
  await page.getByRole("button", { name: "Désactiver le compte" }).click();
  await expect(page.getByText("Le compte est désactivé : il ne peut plus se connecter.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Réactiver le compte" })).toBeVisible();
  await expect(page.locator("main")).toContainText("Désactivé le");
  await screenshots(page, "compte-desactive");
  await page.context().clearCookies();

  // Deactivated: the right password is refused, with whom to ask.
  await login(page, AGENT.email, AGENT.password);
  await expect(page.getByText("Ce compte a été désactivé par un administrateur de Suivi FAST : adressez-vous à lui pour le faire réactiver.")).toBeVisible();
  await expect(page).toHaveURL(/\/connexion/);
  expect(await axeViolations(page), "/connexion (compte désactivé)").toEqual([]);
});

test("the last active administrator cannot deactivate their own account", async ({ page }) => {
  await loginAs(page, "admin");
  await page.goto("/administration/comptes");
  await page.locator("main table tr", { hasText: ACCOUNTS.admin }).getByRole("link").click();
  await page.getByRole("button", { name: "Désactiver le compte" }).click();
  await expect(page.getByText("Ce compte est le dernier administrateur actif : nommez d'abord un autre administrateur")).toBeVisible();
  await page.goto("/administration/comptes");
  await expect(page.locator("main table tr", { hasText: ACCOUNTS.admin })).toContainText("Actif");
});

test("DINUM's pilot keeps the directory's partners and délégataires, not the délégant nor the accounts", async ({ page }) => {
  await loginAs(page, "pilote");
  await openAdministration(page, "Organisations");
  await expect(page.getByRole("button", { name: "Administration" })).toBeVisible();
  // DINUM (délégant) is not editable by the pilot; DRIEAT (partenaire) is.
  await expect(page.locator("main table tr", { hasText: "Direction interministérielle du numérique" }).getByRole("link")).toHaveCount(0);
  await page.getByRole("link", { name: "DRIEAT", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Modifier DRIEAT" })).toBeVisible();
  await expect(page.getByRole("radio", { name: "Délégant" })).toHaveCount(0);
  await expectAccessible(page, "/administration/organisations/[organisationId]");
  await screenshots(page, "organisation-modification");
  expect((await page.request.get("/administration/comptes", { maxRedirects: 0 })).status()).toBe(403);
});
