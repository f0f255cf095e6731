// `npm start`: builds the app when its build is missing or stale (a restart does not rebuild), prepares the
// database (migrations; the demo data on the embedded database's first start, or on PostgreSQL only when
// SEED_DEMO=1 / --demo asks), makes sure a session secret exists, then serves the built app on
// http://localhost:3000. It prints what it did.
import { spawn, spawnSync } from "node:child_process";
import cluster from "node:cluster";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { parseEnv } from "../src/server/env";
import { runSetup } from "./db/setup";
import { IMPORT_PROCESS_ENTRY_RELATIVE } from "../src/server/chorus/import-entry";

const SECRET_FILE = ".data/auth-secret";
const BUILD_STAMP = ".next/suivi-fast-build.json";
/** What a build is made from: a change to any of these makes the build stale. */
const BUILD_INPUTS = ["src", "public", "next.config.mjs", "package-lock.json", "tsconfig.json", "prisma/schema.prisma", "postcss.config.mjs"];

function authSecret(production: boolean): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  if (production) {
    console.error(
      "AUTH_SECRET manquant : il est obligatoire avec une base PostgreSQL (DATABASE_URL) ou NODE_ENV=production.\n" +
        "Générez-en un (par exemple : openssl rand -base64 48) et donnez-le à l'application par son environnement.",
    );
    process.exit(1);
  }
  // Embedded setup: a random secret kept beside the data, so sessions survive a restart.
  if (!existsSync(SECRET_FILE)) {
    mkdirSync(dirname(SECRET_FILE), { recursive: true });
    writeFileSync(SECRET_FILE, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return readFileSync(SECRET_FILE, "utf8").trim();
}

function* files(path: string): Generator<string> {
  if (!existsSync(path)) return;
  if (!statSync(path).isDirectory()) {
    yield path;
    return;
  }
  for (const entry of readdirSync(path, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) yield* files(join(path, entry.name));
}

/** Each input file's path, size and modification time: cheap, and changed by any edit or checkout. */
function buildFingerprint(): string {
  const hash = createHash("sha256");
  for (const input of BUILD_INPUTS) {
    for (const file of files(input)) {
      const { size, mtimeMs } = statSync(file);
      hash.update(`${file}\0${size}\0${mtimeMs}\n`);
    }
  }
  return hash.digest("hex");
}

function ensureBuild(): void {
  const stamp = existsSync(BUILD_STAMP) ? (JSON.parse(readFileSync(BUILD_STAMP, "utf8")) as { fingerprint?: string }) : null;
  if (existsSync(".next/BUILD_ID") && existsSync(IMPORT_PROCESS_ENTRY_RELATIVE) && stamp?.fingerprint === buildFingerprint()) {
    console.log("Construction : à jour (rien n'a changé depuis la dernière).");
    return;
  }
  console.log(existsSync(".next/BUILD_ID") ? "Construction : des sources ont changé, reconstruction (npm run build)…" : "Construction : première construction (npm run build)…");
  const build = spawnSync("npm", ["run", "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (build.status !== 0) {
    console.error("La construction a échoué : voir les messages ci-dessus.");
    process.exit(build.status ?? 1);
  }
  // Taken after the build: its own steps (DSFR icons, Prisma client) write into the inputs.
  writeFileSync(BUILD_STAMP, JSON.stringify({ fingerprint: buildFingerprint(), builtAt: new Date().toISOString() }));
}

const env = (() => {
  try {
    return parseEnv(process.env);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
})();
const production = env.NODE_ENV === "production" || env.DATABASE_URL !== undefined;
// A frozen clock is for test runs (src/server/clock.ts); the configuration already refuses it with DATABASE_URL.
if (env.TEST_CLOCK && env.NODE_ENV === "production") {
  console.error("TEST_CLOCK est réservé aux essais : refusé avec NODE_ENV=production. Retirez-le de l'environnement.");
  process.exit(1);
}
if (env.TEST_CLOCK) console.log(`Horloge d'essai (TEST_CLOCK) : l'application se croit le ${env.TEST_CLOCK.toISOString()}.`);
const secret = authSecret(production);
if (!process.argv.includes("--no-build")) ensureBuild();
try {
  await runSetup(process.argv.slice(2));
} catch (error) {
  // Operators get the message (which variable, which database), not a stack trace.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
// --prepare-only: build and database ready, nothing served (the end-to-end runs' template database).
if (process.argv.includes("--prepare-only")) process.exit(0);
const port = process.env.PORT ?? "3000";
const serverEnv = { ...process.env, AUTH_SECRET: secret, NEXT_TELEMETRY_DISABLED: "1" };
// Node renders a page on one thread: on PostgreSQL, one Next.js server per core (WEB_CONCURRENCY), which share
// nothing but the database, as instances behind a load balancer do (docs/exploitation.md). The embedded
// database lives in its server's process: one server.
const servers = env.DATABASE_URL ? env.WEB_CONCURRENCY || availableParallelism() : 1;
console.log(`Suivi FAST démarre sur http://localhost:${port}${servers > 1 ? ` (${servers} serveurs)` : ""}`);
if (servers === 1) {
  const child = spawn("npx", ["next", "start", "-p", port], { stdio: "inherit", env: serverEnv });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  child.on("exit", (code) => process.exit(code ?? 0));
} else {
  serveWithWorkers(servers);
}

/**
 * Node's cluster: each worker runs `next start` and they share the port (the primary hands out connections). A
 * server that stops while serving is started again; one that stops before it listens (a port taken, a broken
 * build) stops them all, with its exit code.
 */
function serveWithWorkers(count: number): void {
  cluster.setupPrimary({ exec: createRequire(import.meta.url).resolve("next/dist/bin/next"), args: ["start", "-p", port], execArgv: [] });
  const listening = new Set<number>();
  let stopping = false;
  const stopAll = (signal: NodeJS.Signals) => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
  };
  for (let i = 0; i < count; i++) cluster.fork(serverEnv);
  cluster.on("listening", (worker) => listening.add(worker.id));
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit();
      return;
    }
    if (!listening.has(worker.id)) {
      console.error(`Un serveur s'est arrêté au démarrage (${signal ?? `code ${code}`}) : arrêt de Suivi FAST.`);
      process.exitCode = code || 1;
      stopAll("SIGTERM");
      return;
    }
    console.error(`Un serveur s'est arrêté (${signal ?? `code ${code}`}) : il est relancé.`);
    cluster.fork(serverEnv);
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => stopAll(signal));
}
