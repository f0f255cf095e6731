// ProConnect sign-in, end to end, against a real OpenID Connect provider on loopback
// (tests/support/oidc-provider.mjs, started by playwright.config.ts): authorisation request, the
// provider's sign-in page, code exchange, userinfo as a signed JWT, and the app's admission rules.
import type { Page } from "@playwright/test";
import { ACCOUNTS, axeViolations, expect, test } from "./fixtures";

const UNKNOWN_AGENT = "agent.inconnu@ministere-demo.example.fr";

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

test("an agent without an account comes back to the login page with a French message and no session", async ({ page }) => {
  await page.goto("/connexion");
  await signInWithProConnect(page, UNKNOWN_AGENT);
  await expect(page).toHaveURL(/\/connexion\?erreur=compte-inconnu$/);
  await expect(page.getByText("Votre compte ProConnect n'est rattaché à aucun compte Suivi FAST.", { exact: false })).toBeVisible();
  expect(await axeViolations(page), "/connexion?erreur=compte-inconnu").toEqual([]);
  expect(await sessionOf(page)).toBeNull();
  await page.goto("/conventions");
  await expect(page).toHaveURL(/\/connexion\?callbackUrl=%2Fconventions/);
});
