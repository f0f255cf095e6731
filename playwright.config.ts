import { resolve } from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { TEST_TODAY } from "./tests/support/test-clock";

// End-to-end tests drive Debian's Chromium (no browser download on these machines) against the built app
// on a fresh embedded database, or on PostgreSQL when E2E_DATABASE_URL is given.
const port = Number(process.env.E2E_PORT ?? 3100);
// The run's directory (template database, each spec file's copy, saved logins, the server's control socket):
// set once by the runner, inherited by its workers, which load this file again.
process.env.E2E_DATA_DIR ??= resolve(`.data/e2e-${process.pid}`);
const dataDir = process.env.E2E_DATA_DIR;
/**
 * The day the app believes it is (TEST_CLOCK, src/server/clock.ts): the demo's FAST16-DEMO is seeded from it
 * and the specs' dates are literals worked out from it (tests/support/test-clock.ts). On PostgreSQL
 * (E2E_DATABASE_URL) the app refuses a frozen clock: the specs then run on today.
 */
const testClock = process.env.E2E_DATABASE_URL ? "" : TEST_TODAY;
// A real OpenID Connect provider on loopback stands in for ProConnect (tests/support/oidc-provider.mjs).
const oidcPort = Number(process.env.E2E_OIDC_PORT ?? 3101);
const oidc = {
  issuer: `http://127.0.0.1:${oidcPort}`,
  clientId: "suivi-fast-e2e",
  clientSecret: "suivi-fast-e2e-secret-suivi-fast-e2e-secret",
};

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: "fr-FR",
    timezoneId: "Europe/Paris",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    // Each demo account signs in once; the specs reuse the saved logins (tests/e2e/fixtures.ts loginAs).
    { name: "setup", testMatch: /auth\.setup\.ts$/, use: { ...devices["Desktop Chrome"], channel: undefined } },
    { name: "chromium", dependencies: ["setup"], use: { ...devices["Desktop Chrome"], channel: undefined } },
  ],
  webServer: [
    {
      // Builds if needed, seeds a template database, and serves each spec file a fresh copy of it
      // (tests/support/e2e-server.ts): the specs do not depend on one another's writes, nor on their order.
      command: "npx tsx tests/support/e2e-server.ts",
      url: `http://127.0.0.1:${port}/`,
      // A first build on a busy machine takes longer than five minutes.
      timeout: 900_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
      env: {
        PORT: String(port),
        E2E_DATA_DIR: dataDir,
        TEST_CLOCK: testClock,
        DATABASE_URL: process.env.E2E_DATABASE_URL ?? "",
        AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e-secret",
        NEXT_TELEMETRY_DISABLED: "1",
        PROCONNECT_ISSUER: oidc.issuer,
        PROCONNECT_CLIENT_ID: oidc.clientId,
        PROCONNECT_CLIENT_SECRET: oidc.clientSecret,
      },
    },
    {
      command: "node tests/support/oidc-provider.mjs",
      url: `${oidc.issuer}/.well-known/openid-configuration`,
      timeout: 30_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
      env: {
        OIDC_PORT: String(oidcPort),
        // The ProConnect spec browses on "localhost" (see tests/e2e/proconnect.spec.ts).
        APP_ORIGIN: `http://localhost:${port}`,
        OIDC_CLIENT_ID: oidc.clientId,
        OIDC_CLIENT_SECRET: oidc.clientSecret,
      },
    },
  ],
});
