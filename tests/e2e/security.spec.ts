// Security headers on pages and routes, and a strict script policy that the DSFR works under: signing in
// and browsing raise no CSP violation.
import { expect, loginAs, test } from "./fixtures";

test("pages and routes carry the security headers, with a fresh script nonce per request", async ({ request }) => {
  const first = await request.get("/");
  const second = await request.get("/connexion");
  const csp = first.headers()["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toContain("unsafe-eval");
  expect(second.headers()["content-security-policy"]).not.toBe(csp);
  expect(first.headers()).toMatchObject({
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "strict-origin-when-cross-origin",
  });
  expect(first.headers()["permissions-policy"]).toContain("camera=()");
  expect(first.headers()["x-powered-by"]).toBeUndefined();
  const api = await request.get("/api/conventions/00000000-0000-4000-8000-000000000000");
  expect(api.status()).toBe(401);
  expect(api.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
});

test("the app runs under its policy: no violation while signing in and browsing", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load)/i.test(message.text())) violations.push(message.text());
  });
  await loginAs(page, "pilote");
  await page.getByRole("link", { name: "France Chaleur Urbaine" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "Tranches et crédits" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Tranches et crédits" })).toBeVisible();
  // The display settings (DSFR JavaScript) still work.
  await page.getByRole("button", { name: "Paramètres d'affichage" }).first().click();
  await expect(page.getByRole("dialog")).toBeVisible();
  expect(violations).toEqual([]);
});
