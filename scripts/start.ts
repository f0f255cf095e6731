// `npm start`: prepares the database (migrations, demo data on first start), makes sure a session secret
// exists, then serves the built app on http://localhost:3000.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { runSetup } from "./db/setup";

const SECRET_FILE = ".data/auth-secret";

function authSecret(): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  // Embedded setup: a random secret kept beside the data, so sessions survive a restart.
  if (!existsSync(SECRET_FILE)) {
    mkdirSync(dirname(SECRET_FILE), { recursive: true });
    writeFileSync(SECRET_FILE, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return readFileSync(SECRET_FILE, "utf8").trim();
}

try {
  await runSetup();
} catch (error) {
  // Operators get the message (which variable, which database), not a stack trace.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
const port = process.env.PORT ?? "3000";
console.log(`Suivi FAST démarre sur http://localhost:${port}`);
const child = spawn("npx", ["next", "start", "-p", port], {
  stdio: "inherit",
  env: { ...process.env, AUTH_SECRET: authSecret(), NEXT_TELEMETRY_DISABLED: "1" },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
