// The start command on a database that cannot be reached: a clear message, no stack, exit code 1.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

describe("npm run db:setup", () => {
  it("explains an unreachable PostgreSQL instead of crashing", async () => {
    const result = await run("npx", ["tsx", "--conditions=react-server", "scripts/db/setup.ts"], {
      env: { ...process.env, DATABASE_URL: "postgresql://postgres@127.0.0.1:1/nulle_part" },
    }).catch((error: { code: number; stdout: string; stderr: string }) => error);
    expect("code" in result && result.code).toBe(1);
    expect(result.stderr).toContain("La base de données est injoignable");
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it("names a malformed variable", async () => {
    const result = await run("npx", ["tsx", "--conditions=react-server", "scripts/db/setup.ts"], {
      env: { ...process.env, DATABASE_URL: "mysql://root@localhost/x" },
    }).catch((error: { code: number; stdout: string; stderr: string }) => error);
    expect("code" in result && result.code).toBe(1);
    expect(result.stderr).toMatch(/Configuration invalide[\s\S]*DATABASE_URL/);
  });
});
