// Fault tests (`npm run test:faults`, not part of `npm test`): the server killed in the middle of writes,
// PostgreSQL restarted under traffic. They drive the built app through Debian's Chromium, on a dedicated
// PostgreSQL database (suivi_fast_faults) and scratch PGlite directories.
// FAULTS_SKIP_BUILD=1 reuses an existing build; FAULTS_PG_RESTART=0 skips the one test that restarts the
// local PostgreSQL cluster (it briefly cuts every other user of that cluster).
import { defineConfig, devices } from "@playwright/test";
import { BASE_URL } from "./support";

export default defineConfig({
  testDir: ".",
  testMatch: /.*\.spec\.ts$/,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 300_000,
  reporter: [["list"]],
  outputDir: "../../test-results/faults",
  globalSetup: "./global-setup.ts",
  use: {
    baseURL: BASE_URL,
    locale: "fr-FR",
    timezoneId: "Europe/Paris",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
});
