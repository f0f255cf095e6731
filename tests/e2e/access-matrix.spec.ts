// Every page and route handler of the access matrix × every demo role (and anonymous) × a convention of
// each organisation, over real HTTP: allowed answers 200 (404 for an unknown sub-resource), refused 403,
// anonymous is sent to sign in (pages) or gets 401 (routes); a refusal never shows the convention's data.
import type { APIRequestContext, Page } from "@playwright/test";
import { ACCESS_ROLES, expectedStatus, fill, type Target } from "./access-matrix.support";
import { accountOf, expect, loginAs, test } from "./fixtures";
import { PAGE_ACCESS, ROUTE_ACCESS } from "../../src/domain/access-matrix";

test.setTimeout(300_000);

async function targets(page: Page): Promise<Target[]> {
  // The pilot sees both conventions: read their ids from the list.
  await loginAs(page, "pilote");
  const list: Target[] = [];
  for (const name of ["France Chaleur Urbaine", "Signalement Démo (fictive)"]) {
    const href = await page.getByRole("link", { name }).first().getAttribute("href");
    list.push({ id: href!.split("/").pop()!, name });
  }
  await page.context().clearCookies();
  return list;
}

async function status(request: APIRequestContext, method: "GET" | "POST", url: string, origin: string) {
  const response =
    method === "GET"
      ? await request.get(url, { maxRedirects: 0 })
      : await request.post(url, { maxRedirects: 0, data: "ceci n'est pas un extrait", headers: { origin, "content-type": "application/octet-stream" } });
  return { code: response.status(), location: response.headers()["location"] ?? "", body: await response.text() };
}

test("pages and routes answer every role as the matrix says", async ({ page, baseURL }) => {
  const conventions = await targets(page);
  const mismatches: string[] = [];
  for (const role of ACCESS_ROLES) {
    await page.context().clearCookies();
    if (role.email) {
      await loginAs(page, accountOf(role.email));
    }
    const entries = [
      ...Object.entries(PAGE_ACCESS).map(([path, access]) => ({ path, access, method: "GET" as const, isPage: true })),
      ...Object.entries(ROUTE_ACCESS)
        .filter(([path]) => !path.startsWith("/api/auth"))
        .map(([path, r]) => ({ path, access: r.access, method: r.method, isPage: false })),
    ];
    for (const entry of entries) {
      for (const convention of entry.path.includes("[id]") ? conventions : [conventions[0]!]) {
        const url = fill(entry.path, convention);
        const got = await status(page.request, entry.method, url, baseURL!);
        const want = expectedStatus(entry.access, role, convention, entry.path, entry.isPage);
        const ok = want === "redirect-to-login" ? got.code >= 300 && got.code < 400 && got.location.includes("/connexion") : want.includes(got.code);
        if (!ok) mismatches.push(`${role.label} ${entry.method} ${url} (${convention.name}): ${got.code} ${got.location}, attendu ${JSON.stringify(want)}`);
        // A party may read the convention even where it may not act: only those who may not read it must see nothing.
        const mayRead = expectedStatus({ kind: "convention", action: "convention.read" }, role, convention, "/conventions/[id]", true);
        if (Array.isArray(mayRead) && mayRead.includes(403) && entry.path.includes("[id]") && got.body.includes(convention.name)) {
          mismatches.push(`${role.label} ${url}: le refus montre « ${convention.name} »`);
        }
      }
    }
  }
  expect(mismatches).toEqual([]);
});
