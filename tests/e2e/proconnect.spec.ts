// ProConnect sign-in, end to end, against a real OpenID Connect provider on loopback
// (tests/support/oidc-provider.mjs, started by playwright.config.ts): authorisation request, the
// provider's sign-in page, code exchange, userinfo as a signed JWT, and the app's admission rules.
import type { Page } from "@playwright/test";
import { ACCOUNTS, axeViolations, expect, login, test } from "./fixtures";

const UNKNOWN_AGENT = "agent.inconnu@ministere-demo.example.fr";
const REQUESTING_AGENT = "agent.demande@ddt-demo.example.fr";
const INVITED_AGENT = "agent.invite@ddt-demo.example.fr";

// Next hands route handlers a request URL on "localhost" (its own hostname; a loopback address such as
// 127.0.0.1 is normalised to "localhost"), and Auth.js derives the code exchange's redirect_uri from it,
// while the authorisation request's comes from the browser's Host header. On loopback without AUTH_URL,
// both agree only when the browser is on "localhost" too. (In production AUTH_URL sets both.)
test.use({ baseURL: async ({}, use, testInfo) => use(String(testInfo.project.use.baseURL).replace("127.0.0.1", "localhost")) });

/** Clicks the ProConnect button on /connexion and signs in at the provider as the given agent. */
async function signInWithProConnect(page: Page, email: string) {
  await page.getByRole("button", { name: /S.identifier avec\s*ProConnect/ }).click();
  await expect(page).toHaveURL(/\/interaction\/[\w-]+$/);
  await page.getByLabel("Adresse électronique de l'agent").fill(email);
  await page.getByRole("button", { name: "Continuer" }).click();
}

/** Signs out of the app and forgets the provider's session too (the next agent signs in afresh at the provider). */
async function signOut(page: Page) {
  await page.getByRole("button", { name: "Se déconnecter" }).first().click();
  await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/(\?.*)?$/);
  await page.context().clearCookies();
}

async function sessionOf(page: Page) {
  const response = await page.request.get("/api/auth/session");
  expect(response.ok()).toBe(true);
  return (await response.json()) as { user?: { email?: string; name?: string; role?: string } } | null;
}

test("an agent whose e-mail has an account signs in with ProConnect and sees their conventions", async ({ page }) => {
  await page.goto("/connexion");
  await signInWithProConnect(page, ACCOUNTS.pilote);
  await expect(page).toHaveURL(/\/conventions$/);
  await expect(page.getByTestId("utilisateur-connecte").first()).toContainText("Camille Martin");
  const table = page.locator("main table");
  await expect(table).toContainText("France Chaleur Urbaine");
  await expect(table).toContainText("Signalement Démo");
  // The session is the account's (name and role as the administrator recorded them), not ProConnect's.
  const session = await sessionOf(page);
  expect(session?.user).toMatchObject({ email: ACCOUNTS.pilote, role: "PILOTE_FAST" });
  expect(session?.user?.name).toMatch(/^Camille Martin/);
});

test("signing out also ends the ProConnect session", async ({ page }) => {
  await page.goto("/connexion");
  await signInWithProConnect(page, ACCOUNTS.pilote);
  await expect(page).toHaveURL(/\/conventions$/);
  await page.getByRole("button", { name: "Se déconnecter" }).first().click();
  // Through the provider's end_session endpoint, back to the home page.
  await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/\?state=[\w-]{40,}$/);
  expect(await sessionOf(page)).toBeNull();
  // The provider asks who is signing in again (without its sign-out, it would sign the agent straight back in).
  await page.goto("/connexion");
  await page.getByRole("button", { name: /S.identifier avec\s*ProConnect/ }).click();
  await expect(page).toHaveURL(/\/interaction\/[\w-]+$/);
  await expect(page.getByLabel("Adresse électronique de l'agent")).toBeVisible();
});

test("ProConnect brings the agent back to the page they asked for", async ({ page }) => {
  await page.goto("/connexion?callbackUrl=%2Fpubliques%2Fconventions");
  await signInWithProConnect(page, ACCOUNTS.pilote);
  await expect(page).toHaveURL(/\/publiques\/conventions$/);
  await expect(page.getByTestId("utilisateur-connecte").first()).toContainText("Camille Martin");
});

test("an agent without an account leaves an access request; an administrator accepts it and the agent signs in", async ({ page }) => {
  await page.goto("/connexion");
  await signInWithProConnect(page, UNKNOWN_AGENT);
  await expect(page).toHaveURL(/\/connexion\?erreur=acces-demande$/);
  await expect(page.getByText("Vous n'avez pas encore de compte Suivi FAST : votre demande d'accès est enregistrée", { exact: false })).toBeVisible();
  expect(await axeViolations(page), "/connexion?erreur=acces-demande").toEqual([]);
  expect(await sessionOf(page)).toBeNull();
  await page.goto("/conventions");
  await expect(page).toHaveURL(/\/connexion\?callbackUrl=%2Fconventions/);
  // A second request for access by another agent, accepted below.
  await page.context().clearCookies();
  await page.goto("/connexion");
  await signInWithProConnect(page, REQUESTING_AGENT);
  await expect(page).toHaveURL(/\/connexion\?erreur=acces-demande$/);

  // The administrator sees both requests on the accounts page: refuses the first, accepts the second.
  await login(page, ACCOUNTS.admin);
  await expect(page).toHaveURL(/\/conventions$/);
  await page.goto("/administration/comptes");
  await expect(page.getByRole("heading", { name: /Demandes d'accès en attente/ })).toBeVisible();
  await page.screenshot({ path: "test-results/ecrans/demandes-acces-1280.png", fullPage: true });
  expect(await axeViolations(page), "/administration/comptes (demandes)").toEqual([]);
  const refused = page.getByRole("region", { name: "Demande de Dominique Inconnu" });
  await refused.getByRole("button", { name: "Refuser la demande" }).click();
  // Decided, the request leaves the list.
  await expect(refused).toHaveCount(0);
  const request = page.getByRole("region", { name: "Demande de Dorian Demandeur" });
  await expect(request).toContainText("agent.demande@ddt-demo.example.fr");
  await expect(request).toContainText("110 002 011 00044");
  await request.getByLabel("Organisation").selectOption({ label: "DDT Démo — Direction départementale des territoires de Démo-sur-Loire (fictive)" });
  await request.getByLabel("Rôle").selectOption({ label: "Intrapreneur" });
  await request.getByRole("button", { name: "Accepter la demande" }).click();
  await expect(request).toHaveCount(0);
  await expect(page.locator("main table")).toContainText(REQUESTING_AGENT);
  await signOut(page);

  // The accepted agent signs in with ProConnect and sees DDT Démo's convention only.
  await page.goto("/connexion");
  await signInWithProConnect(page, REQUESTING_AGENT);
  await expect(page).toHaveURL(/\/conventions$/);
  await expect(page.locator("main table")).toContainText("Signalement Démo");
  await expect(page.locator("main table")).not.toContainText("France Chaleur Urbaine");
  expect((await sessionOf(page))?.user).toMatchObject({ email: REQUESTING_AGENT, role: "INTRAPRENEUR" });
  await signOut(page);

  // The refused agent is told so.
  await page.goto("/connexion");
  await signInWithProConnect(page, UNKNOWN_AGENT);
  await expect(page).toHaveURL(/\/connexion\?erreur=acces-refuse$/);
  await expect(page.getByText("Votre demande d'accès à Suivi FAST a été refusée", { exact: false })).toBeVisible();
});

test("an invited agent signs in with ProConnect instead of following the link: the invitation is used up", async ({ page }) => {
  await login(page, ACCOUNTS.admin);
  await expect(page).toHaveURL(/\/conventions$/);
  await page.goto("/administration/comptes");
  const form = page.getByRole("region", { name: "Inviter un agent" });
  await form.getByLabel("Prénom et nom").fill("Inès Invitée");
  await form.getByLabel("Adresse électronique").fill(INVITED_AGENT);
  await form.getByLabel("Organisation").selectOption({ label: "DDT Démo — Direction départementale des territoires de Démo-sur-Loire (fictive)" });
  await form.getByLabel("Rôle").selectOption({ label: "Intrapreneur" });
  await form.getByRole("button", { name: "Inviter l'agent" }).click();
  const link = (await page.getByTestId("lien-transmis").getAttribute("href"))!;
  await signOut(page);

  await page.goto("/connexion");
  await signInWithProConnect(page, INVITED_AGENT);
  await expect(page).toHaveURL(/\/conventions$/);
  await expect(page.locator("main table")).toContainText("Signalement Démo");
  await expect(page.locator("main table")).not.toContainText("France Chaleur Urbaine");
  expect((await sessionOf(page))?.user).toMatchObject({ email: INVITED_AGENT, role: "INTRAPRENEUR" });
  await signOut(page);
  // The link no longer works: the invitation was used up by the ProConnect sign-in.
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Lien d'invitation déjà utilisé" })).toBeVisible();
});
