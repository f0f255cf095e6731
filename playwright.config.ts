import { defineConfig, devices } from "@playwright/test";

// End-to-end tests drive Debian's Chromium (no browser download on these machines) against the built app
// on a fresh embedded database, or on PostgreSQL when E2E_DATABASE_URL is given.
const port = Number(process.env.E2E_PORT ?? 3100);
const dataDir = `.data/e2e-${process.pid}`;
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
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: [
    {
      command: `rm -rf ${dataDir} && npx tsx --conditions=react-server scripts/start.ts`,
      url: `http://127.0.0.1:${port}/`,
      timeout: 300_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
      env: {
        PORT: String(port),
        PGLITE_DATA_DIR: dataDir,
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
