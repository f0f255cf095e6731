// PostgreSQL going away while requests flow: pages, the JSON API and a form's write fail with a French
// message and no stack trace, and all succeed again once the database is back, without restarting the
// app (same process). Two outages: this database's connections cut and refused (touches nobody else),
// then a real restart of the local cluster (pg_ctlcluster; skipped with FAULTS_PG_RESTART=0).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { login } from "../e2e/fixtures";
import { ADMIN_URL, AppServer, FAULTS_DB, ROOT, localCluster, pgCtl, recreateDatabase, sleep, withClient } from "./support";

test.describe.configure({ mode: "serial" });

let url = "";
let server: AppServer | undefined;
let conventionId = "";

test.beforeAll(async () => {
  url = await recreateDatabase();
  server = new AppServer({ DATABASE_URL: url });
  await server.waitUntilUp();
  const { rows } = await withClient(url, (c) => c.query<{ id: string }>(`SELECT id FROM convention WHERE reference = 'FAST16-DEMO'`));
  conventionId = rows[0]!.id;
});

test.afterAll(async () => {
  await server?.stop();
});

interface Sample {
  at: number;
  what: "page" | "api" | "write";
  ok: boolean;
  status: number;
  text: string;
}

/** Signs of an internal error leaking: a stack frame, a driver's or Prisma's error, a file path. */
const LEAK = /\n\s+at |node_modules|\.[jt]sx?:\d+|ECONNREFUSED|ECONNRESET|Prisma|DriverAdapter|SQLSTATE|terminating connection|is not currently accepting/;
const FRENCH_FAILURE = /Une erreur est survenue|base de données|Réessayez|erreur inattendue/;

/** The API's answer, every 200 ms until stopped: JSON, with a French message when it fails. */
function apiLoop(page: Page, samples: Sample[], started: number) {
  let running = true;
  const done = (async () => {
    while (running) {
      try {
        const response = await page.request.get(`/api/conventions/${conventionId}`, { timeout: 15_000, maxRedirects: 0 });
        samples.push({ at: Date.now() - started, what: "api", ok: response.ok(), status: response.status(), text: await response.text() });
      } catch (error) {
        samples.push({ at: Date.now() - started, what: "api", ok: false, status: 0, text: `(no answer: ${(error as Error).message.split("\n")[0]})` });
      }
      await sleep(200);
    }
  })();
  return async () => {
    running = false;
    await done;
  };
}

/**
 * The conventions page in a browser, reloaded until stopped: what a person reads (the error page is
 * rendered in the browser), and the raw HTML checked for leaks.
 */
function pageLoop(page: Page, samples: Sample[], started: number) {
  let running = true;
  const done = (async () => {
    while (running) {
      try {
        const response = await page.goto("/conventions", { timeout: 15_000 });
        const html = (await response?.text()) ?? "";
        await page.locator("main h1").first().waitFor({ timeout: 10_000 });
        const text = (await page.locator("main").innerText()).replace(/\s+/g, " ");
        const ok = Boolean(response?.ok()) && /Signalement Démo/.test(text);
        samples.push({ at: Date.now() - started, what: "page", ok, status: response?.status() ?? 0, text: `${text.slice(0, 300)}${LEAK.test(html) ? ` | LEAK IN HTML: ${LEAK.exec(html)![0]}` : ""}` });
      } catch (error) {
        samples.push({ at: Date.now() - started, what: "page", ok: false, status: 0, text: `(no page: ${(error as Error).message.split("\n")[0]})` });
      }
      await sleep(200);
    }
  })();
  return async () => {
    running = false;
    await done;
  };
}

/** Writes through the mid-term review form, one after the other, until stopped. */
function writeLoop(page: Page, samples: Sample[], started: number) {
  let running = true;
  let n = 0;
  const tranches = `/conventions/${conventionId}/tranches`;
  const done = (async () => {
    while (running) {
      n++;
      try {
        if (!(await page.getByRole("button", { name: "Enregistrer le bilan" }).isVisible())) {
          await page.goto(tranches, { timeout: 15_000 });
        }
        await page.getByRole("radio", { name: /Satisfaisante/ }).check({ force: true, timeout: 5_000 });
        await page.getByLabel("Commentaires").fill(`Bilan d'essai ${n}.`, { timeout: 5_000 });
        await page.getByRole("button", { name: "Enregistrer le bilan" }).click({ timeout: 5_000 });
        const outcome = page.locator("form .fr-alert, main h1").filter({ hasText: /enregistré|Une erreur est survenue|injoignable|indisponible|inattendue|Réessayez|corriger/ });
        await outcome.first().waitFor({ timeout: 20_000 });
        const text = (await page.locator("main").innerText()).replace(/\s+/g, " ");
        // The form's own message first (an outage is answered in the form, below the page's introduction).
        const said = (await page.locator("form .fr-alert").first().innerText({ timeout: 1_000 }).catch(() => "")).replace(/\s+/g, " ");
        const ok = /Le bilan de mi-parcours est enregistré/.test(text) && !/Une erreur est survenue|injoignable|indisponible|inattendue/.test(text);
        samples.push({ at: Date.now() - started, what: "write", ok, status: ok ? 200 : 0, text: `${said ? `${said} | ` : ""}${text}`.slice(0, 400) });
        // Clear the success alert so that the next outcome is this write's.
        await page.goto(tranches, { timeout: 15_000 }).catch(() => undefined);
      } catch (error) {
        const text = await page
          .locator("body")
          .innerText({ timeout: 2_000 })
          .catch(() => "");
        samples.push({ at: Date.now() - started, what: "write", ok: false, status: 0, text: `${(error as Error).message.split("\n")[0]} | ${text.replace(/\s+/g, " ").slice(0, 300)}` });
        await sleep(500);
      }
    }
  })();
  return async () => {
    running = false;
    await done;
  };
}

/** `outage` takes the database away, calls `hold` (which returns once the traffic has met the outage), then brings it back. */
async function outageUnderTraffic(page: Page, label: string, outage: (hold: () => Promise<void>) => Promise<void>) {
  const pid = server!.pid;
  await login(page, "pilote@dinum.example.fr");
  await expect(page).toHaveURL(/\/conventions$/, { timeout: 30_000 });
  const reader = await page.context().newPage();
  const writer = await page.context().newPage();
  await writer.goto(`/conventions/${conventionId}/tranches`);

  const samples: Sample[] = [];
  const started = Date.now();
  const stopApi = apiLoop(page, samples, started);
  const stopPages = pageLoop(reader, samples, started);
  const stopWrites = writeLoop(writer, samples, started);
  // Traffic flows: each kind has succeeded at least once.
  const kinds = ["page", "api", "write"] as const;
  const flowing = (after: number) => kinds.every((what) => samples.some((s) => s.what === what && s.at > after && s.ok));
  for (const deadline = Date.now() + 60_000; !flowing(0) && Date.now() < deadline; ) await sleep(250);
  const outageStart = Date.now() - started;
  // The database stays away until every kind of request has met the outage (15 s at most).
  const metOutage = () => kinds.every((what) => samples.some((s) => s.what === what && s.at > outageStart && !s.ok));
  await outage(async () => {
    for (const deadline = Date.now() + 15_000; !metOutage() && Date.now() < deadline; ) await sleep(250);
  });
  const outageEnd = Date.now() - started;
  // Back: within 30 s, reads and a write succeed again, and keep succeeding.
  const deadline = Date.now() + 30_000;
  const recovered = () => flowing(outageEnd);
  while (!recovered() && Date.now() < deadline) await sleep(250);
  const recoveredAt = Date.now() - started;
  await sleep(3_000);
  await Promise.all([stopApi(), stopPages(), stopWrites()]);
  mkdirSync(join(ROOT, "test-results"), { recursive: true });
  writeFileSync(join(ROOT, "test-results", `faults-${label}.json`), JSON.stringify({ outageStart, outageEnd, recoveredAt, samples }, null, 1));
  writeFileSync(join(ROOT, "test-results", `faults-${label}-server.log`), server!.output);

  const before = samples.filter((s) => s.at < outageStart);
  const failed = samples.filter((s) => !s.ok);
  const afterRecovery = samples.filter((s) => s.at > recoveredAt + 500);
  expect(before.length, "traffic before the outage").toBeGreaterThanOrEqual(3);
  expect(before.filter((s) => !s.ok), "everything succeeds before the outage").toEqual([]);
  expect(metOutage(), "pages, the API and a write all met the outage").toBe(true);
  for (const s of failed) {
    if (s.text.startsWith("(no ")) continue; // the browser's own error while the server waited: no message to read
    expect(s.text, `${s.what} at ${s.at} ms: a French message`).toMatch(FRENCH_FAILURE);
    expect(s.text, `${s.what} at ${s.at} ms: no internal detail`).not.toMatch(LEAK);
  }
  expect(recovered(), "reads and writes succeed again once the database is back").toBe(true);
  expect(afterRecovery.filter((s) => !s.ok), "and keep succeeding").toEqual([]);
  expect(server!.running && server!.pid === pid, "the same app process, never restarted").toBe(true);
  expect(server!.output, "no crash or unhandled error in the server's output").not.toMatch(/uncaught|unhandled/i);
  await Promise.all([reader.close(), writer.close()]);
  return { outageMs: outageEnd - outageStart, recoveryMs: recoveredAt - outageEnd, failed: failed.length, total: samples.length };
}

test("this database's connections cut and refused for a few seconds", async ({ page }) => {
  const result = await outageUnderTraffic(page, "connections-cut", async (hold) => {
    await withClient(ADMIN_URL, async (admin) => {
      await admin.query(`ALTER DATABASE ${FAULTS_DB} ALLOW_CONNECTIONS false`);
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [FAULTS_DB]);
      try {
        await hold();
      } finally {
        await admin.query(`ALTER DATABASE ${FAULTS_DB} ALLOW_CONNECTIONS true`);
      }
    });
  });
  test.info().annotations.push({ type: "mesure", description: JSON.stringify(result) });
});

test("PostgreSQL restarted (the local cluster, stopped for a few seconds)", async ({ page }) => {
  test.skip(process.env.FAULTS_PG_RESTART === "0", "FAULTS_PG_RESTART=0");
  test.skip(!localCluster(), "no local cluster to restart (pg_ctlcluster)");
  const result = await outageUnderTraffic(page, "postgres-restart", async (hold) => {
    await pgCtl("stop");
    try {
      await hold();
    } finally {
      await pgCtl("start");
    }
  });
  test.info().annotations.push({ type: "mesure", description: JSON.stringify(result) });
});
