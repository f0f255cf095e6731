// Every page hydrates cleanly in the production build: no React error (#418, a server/client mismatch,
// once came from DSFR badges rendered as <p> inside a <p>: the browser's parser moved them and React threw
// the server HTML away), no console error, no failed same-origin response. As each role and anonymously.
import type { Page } from "@playwright/test";
import { expect, loginAs, test } from "./fixtures";

const CONVENTION_PAGES = ["", "/tranches", "/depenses", "/comites", "/obligations", "/vie", "/compte-rendu", "/historique"];

/** Collects what went wrong on the page while `visit` runs. */
async function problemsWhile(page: Page, visit: () => Promise<void>): Promise<string[]> {
  const problems: string[] = [];
  const origin = new URL(page.url() || "http://127.0.0.1").origin;
  const onConsole = (m: { type(): string; text(): string }) => {
    if (m.type() === "error") problems.push(`console: ${m.text().slice(0, 200)}`);
  };
  const onPageError = (e: Error) => problems.push(`pageerror: ${e.message.slice(0, 200)}`);
  const onResponse = (r: { status(): number; url(): string }) => {
    if (r.status() >= 400 && r.url().startsWith(origin)) problems.push(`HTTP ${r.status()} ${r.url()}`);
  };
  page.on("console", onConsole);
  page.on("pageerror", onPageError);
  page.on("response", onResponse);
  try {
    await visit();
  } finally {
    page.off("console", onConsole);
    page.off("pageerror", onPageError);
    page.off("response", onResponse);
  }
  return problems;
}

/** Loads a page and leaves React time to hydrate it (the error is thrown right after load). */
async function load(page: Page, path: string) {
  await page.goto(path);
  await page.waitForLoadState("networkidle");
  await expect(page.locator("main h1").first()).toBeVisible();
}

async function fast14Base(page: Page): Promise<string> {
  await page.goto("/conventions");
  const href = await page.getByRole("link", { name: /France Chaleur Urbaine/ }).first().getAttribute("href");
  expect(href).toMatch(/^\/conventions\/[0-9a-f-]{36}$/);
  return href!;
}

for (const account of ["pilote", "intrapreneur", "gestionnaire"] as const) {
  test(`${account}: every page of FAST 14 hydrates without error`, async ({ page }) => {
    await loginAs(page, account);
    const base = await fast14Base(page);
    const paths = ["/conventions", ...(account === "pilote" ? ["/pilotage"] : []), ...CONVENTION_PAGES.map((p) => base + p)];
    const problems = await problemsWhile(page, async () => {
      for (const path of paths) await load(page, path);
    });
    expect(problems).toEqual([]);
  });
}

test("the public pages hydrate without error", async ({ page }) => {
  await page.goto("/");
  const problems = await problemsWhile(page, async () => {
    for (const path of ["/", "/publiques/conventions", "/publiques/startups/france-chaleur-urbaine", "/connexion"]) await load(page, path);
  });
  expect(problems).toEqual([]);
});
