// The login rate limit as a person meets it: after five wrong passwords for one e-mail the login page
// says, in French, how long to wait, and says the same whether or not an account has that e-mail (the
// per-account and per-address counts are tested in src/server/security/login-throttle.test.ts).
// An unknown e-mail on purpose: locking a demo account would lock it for the other specs too.
import { axeViolations, expect, login, test } from "./fixtures";

const EMAIL = "limite-de-tentatives@nulle-part.example.fr";

test("after five wrong passwords, the login page says to wait 15 minutes", async ({ page }) => {
  for (let i = 0; i < 5; i++) {
    await login(page, EMAIL, "mauvais-mot-de-passe");
    await expect(page.getByText("Adresse électronique ou mot de passe incorrect.")).toBeVisible();
  }
  await login(page, EMAIL, "mauvais-mot-de-passe");
  await expect(page.getByText("Trop de tentatives de connexion. Réessayez dans 15 minutes.")).toBeVisible();
  await expect(page.getByText("Adresse électronique ou mot de passe incorrect.")).toHaveCount(0);
  await expect(page).toHaveURL(/\/connexion/);
  expect(await axeViolations(page), "login page, throttled").toEqual([]);
});

test("a sign-in refused by Auth.js's own endpoint for the same reason reads the same", async ({ page }) => {
  await page.goto("/connexion?error=CredentialsSignin&code=trop-de-tentatives-12");
  await expect(page.getByText("Trop de tentatives de connexion. Réessayez dans 12 minutes.")).toBeVisible();
});
