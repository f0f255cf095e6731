import { test as base, expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

export const PASSWORD = "SuiviFast-demo-2024";

export const ACCOUNTS = {
  pilote: "pilote@dinum.example.fr",
  intrapreneur: "intrapreneur@drieat.example.fr",
  gestionnaire: "gestionnaire@dnum-mte.example.fr",
  autrePartenaire: "intrapreneur@ddt-demo.example.fr",
  autreGestionnaire: "gestionnaire@sg-demo.example.fr",
  admin: "admin@suivi-fast.example.fr",
} as const;

export async function login(page: Page, email: string, password = PASSWORD) {
  await page.goto("/connexion");
  await page.getByLabel("Adresse électronique").fill(email);
  await page.getByLabel("Mot de passe").fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
}

export async function loginAs(page: Page, account: keyof typeof ACCOUNTS) {
  await login(page, ACCOUNTS[account]);
  // Generous: the first sign-in after start pays for argon2 and the database's first connection.
  await expect(page).toHaveURL(/\/conventions$/, { timeout: 20_000 });
}

/** WCAG 2.1 AA violations of the current page, in the given colour scheme. */
export async function axeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

export const test = base;
export { expect };
