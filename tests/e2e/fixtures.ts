import { request as httpRequest } from "node:http";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test as base, expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { todayInParis } from "../../src/domain/dates";
import { TEST_TODAY } from "../support/test-clock";

export const PASSWORD = "SuiviFast-demo-2024";

/**
 * The day the app believes it is: TEST_CLOCK (playwright.config.ts) on the embedded database, the real day on
 * PostgreSQL (E2E_DATABASE_URL), where the app refuses a frozen clock.
 */
export const APP_TODAY = process.env.E2E_DATABASE_URL ? todayInParis() : TEST_TODAY;

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
  // The form says "Connexion…" while the password is checked: wait for the answer (the first check on a
  // freshly started server also loads the database and argon2), then let the test read it.
  await expect(page.getByRole("button", { name: "Connexion…" })).toHaveCount(0, { timeout: 30_000 });
}

/**
 * Where the setup project (auth.setup.ts) saves each demo account's signed-in browser state, once per run.
 * E2E_DATA_DIR is set by playwright.config.ts for the runner and its workers.
 */
export function savedLogin(account: keyof typeof ACCOUNTS): string {
  return join(process.env.E2E_DATA_DIR ?? ".data/e2e", "logins", `${account}.json`);
}

/**
 * Signs in as a demo account with its saved login (its session cookie, written by auth.setup.ts) instead of
 * typing its password: the specs that test signing in itself call login(). Lands on /conventions.
 */
export async function loginAs(page: Page, account: keyof typeof ACCOUNTS) {
  const state = JSON.parse(readFileSync(savedLogin(account), "utf8")) as { cookies: Parameters<ReturnType<Page["context"]>["addCookies"]>[0] };
  await page.context().clearCookies();
  await page.context().addCookies(state.cookies);
  await page.goto("/conventions");
  // Generous: the first page after a fresh start pays for the database's first connection.
  await expect(page).toHaveURL(/\/conventions$/, { timeout: 20_000 });
}

/** The demo account of an e-mail (ACCOUNTS). */
export function accountOf(email: string): keyof typeof ACCOUNTS {
  const found = (Object.keys(ACCOUNTS) as (keyof typeof ACCOUNTS)[]).find((key) => ACCOUNTS[key] === email);
  if (!found) throw new Error(`not a demo account: ${email}`);
  return found;
}

/** Asks the end-to-end server (tests/support/e2e-server.ts) to serve a fresh copy of the seeded database. */
function freshDatabase(specFile: string): Promise<void> {
  const socketPath = join(process.env.E2E_DATA_DIR ?? ".data/e2e", "control.sock");
  return new Promise((resolve, reject) => {
    const req = httpRequest({ socketPath, path: `/fresh?for=${encodeURIComponent(specFile)}`, method: "POST", timeout: 180_000 }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => (res.statusCode === 200 ? resolve() : reject(new Error(`e2e-server: ${body}`))));
    });
    req.on("error", reject);
    req.end();
  });
}

/** The spec file whose database the server holds, as far as this worker knows (the server knows for sure). */
let databaseOf: string | null = null;

/** WCAG 2.1 AA violations of the current page, in the given colour scheme. */
export async function axeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

/** How much wider than the viewport the page itself is (0 when it fits; a table scrolls inside its own region). */
export async function pageOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/**
 * The buttons and links of the page's content whose words DSFR cuts off (an icon shown without its label, as
 * a .fr-btn with an icon in a button group without an icon variant is drawn).
 */
export async function clippedLabels(page: Page): Promise<string[]> {
  return page.locator("main :is(.fr-btn, .fr-link, .fr-tag)").evaluateAll((elements) =>
    elements
      .filter((e) => e.textContent!.trim() !== "" && e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflow === "hidden")
      .map((e) => e.textContent!.trim()),
  );
}

/** axe in the dark and the light colour scheme (the page is reloaded in each): no WCAG 2.1 AA violation. */
export async function expectAccessible(page: Page, label: string) {
  for (const colorScheme of ["dark", "light"] as const) {
    await page.emulateMedia({ colorScheme });
    await page.reload();
    await expect(page.locator("html")).toHaveAttribute("data-fr-theme", colorScheme);
    expect(await axeViolations(page), `${label} (${colorScheme})`).toEqual([]);
  }
}

/**
 * The page as it reads on a desktop (1280 px) and on a phone (375 px): no wider than the screen, no label cut
 * off; a full-page screenshot of each in test-results/ecrans/<name>-<width>.png.
 */
export async function screenshots(page: Page, name: string) {
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    expect(await pageOverflow(page), `${name} at ${width} px is wider than the screen`).toBeLessThanOrEqual(0);
    expect(await clippedLabels(page), `${name} at ${width} px`).toEqual([]);
    await page.screenshot({ path: `test-results/ecrans/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

/**
 * Each spec file starts on the seeded database, whatever ran before it: before its first test, the server
 * is given a fresh copy (its own database; see tests/support/e2e-server.ts and docs/tests.md).
 */
export const test = base.extend<{ ownDatabase: void }>({
  ownDatabase: [
    async ({}, use, testInfo) => {
      if (databaseOf !== testInfo.file) {
        await freshDatabase(testInfo.file);
        databaseOf = testInfo.file;
      }
      await use();
    },
    { auto: true },
  ],
});
export { expect };
