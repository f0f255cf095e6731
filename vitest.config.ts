import { resolve } from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": resolve(import.meta.dirname, "src"),
      // 'server-only' throws outside React Server Components; tests import server modules directly.
      "server-only": resolve(import.meta.dirname, "tests/support/empty.ts"),
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["src/domain/**/*.test.ts", "src/components/**/*.test.ts", "src/server/env.test.ts", "src/server/clock.test.ts", "src/server/session-policy.test.ts", "src/server/csv.test.ts", "src/server/chorus/read-*.test.ts"],
          environment: "node",
          // The readers' tests stream 100 000-row files: no database, but more than the default 5 s.
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["src/server/**/*.test.ts", "prisma/**/*.test.ts", "scripts/**/*.test.ts"],
          exclude: ["src/server/env.test.ts", "src/server/clock.test.ts", "src/server/session-policy.test.ts", "src/server/csv.test.ts", "src/server/chorus/read-*.test.ts"],
          environment: "node",
          globalSetup: ["tests/support/db-global-setup.ts"],
          // The app's clock frozen at TEST_TODAY in every file (the template database is seeded on that day).
          setupFiles: ["tests/support/fixed-clock.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
