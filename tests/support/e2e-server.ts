// The end-to-end runs' server (playwright.config.ts webServer), so that each spec file starts from the seeded
// database whatever ran before it:
// 1. builds the app if needed and prepares a template database (migrations, demo seed) with
//    `npm start --prepare-only` (scripts/start.ts), then closes it: <E2E_DATA_DIR>/template, or on PostgreSQL
//    the (empty) database of DATABASE_URL;
// 2. serves the built app (`next start`) on PORT, on a copy of the template (a copied directory, or on
//    PostgreSQL a database created from the template: CREATE DATABASE … TEMPLATE);
// 3. listens on a Unix socket (<E2E_DATA_DIR>/control.sock) for "POST /fresh?for=<spec file>": unless the copy
//    is already that file's, it stops the app, gives it a new copy of the template and starts it again,
//    answering once it serves pages. tests/e2e/fixtures.ts asks before each spec file's first test.
// This is a test-runner process, not part of the app: the app itself has no reset hook, so nothing reachable in
// production can reset a database. A copy of the embedded database is ~10 MB and the restart ~2–5 s, which costs
// less per spec file than the sign-ins it saves (tests/e2e/auth.setup.ts).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { join, resolve } from "node:path";
import pg from "pg";

const port = Number(process.env.PORT ?? 3100);
const dataDir = resolve(process.env.E2E_DATA_DIR ?? `.data/e2e-${process.pid}`);
const template = join(dataDir, "template");
const socket = join(dataDir, "control.sock");
/** On PostgreSQL (DATABASE_URL), the template is that database and each copy a database made from it. */
const postgres = process.env.DATABASE_URL ? new URL(process.env.DATABASE_URL) : null;
const templateDb = postgres?.pathname.slice(1) ?? "";
const copyName = (n: number) => `${templateDb}_e2e_${n}`;

/** Runs statements on the PostgreSQL server's maintenance database. */
async function onServer(...statements: string[]): Promise<void> {
  const admin = new pg.Client({ connectionString: Object.assign(new URL(postgres!.href), { pathname: "/postgres" }).href });
  await admin.connect();
  try {
    for (const statement of statements) await admin.query(statement);
  } finally {
    await admin.end();
  }
}

rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });

const prepared = spawnSync("npx", ["tsx", "--conditions=react-server", "scripts/start.ts", "--prepare-only"], {
  stdio: ["ignore", "inherit", "inherit"],
  // On PostgreSQL the demo is loaded only when asked.
  env: { ...process.env, PGLITE_DATA_DIR: template, ...(postgres ? { SEED_DEMO: "1" } : {}) },
});
if (prepared.status !== 0) {
  console.error("e2e-server: preparing the build and the template database failed");
  process.exit(prepared.status ?? 1);
}

let app: ChildProcess | null = null;
/** The spec file the current copy was given to (null: none yet, the set-up project's sign-ins included). */
let servedFor: string | null = null;
let generation = 0;

async function stopApp(): Promise<void> {
  const running = app;
  app = null;
  if (!running || running.exitCode !== null) return;
  const exited = new Promise<void>((done) => running.once("exit", () => done()));
  running.kill("SIGTERM");
  const timer = setTimeout(() => running.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

async function waitUntilServing(child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/`, { redirect: "manual" });
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 150));
  }
  throw new Error("next start did not answer within 120 s");
}

/** Side-effect-free requests that load the sign-in page and open the database, so a spec's first step is not cold. */
async function warmUp(): Promise<void> {
  for (const path of ["/connexion", "/publiques/conventions"]) await (await fetch(`http://127.0.0.1:${port}${path}`, { redirect: "manual" })).arrayBuffer();
}

/** Stops the app, copies the template to a new data directory and serves it again. */
async function freshApp(): Promise<void> {
  await stopApp();
  generation += 1;
  let database: Record<string, string>;
  if (postgres) {
    await onServer(`DROP DATABASE IF EXISTS "${copyName(generation - 1)}" WITH (FORCE)`, `CREATE DATABASE "${copyName(generation)}" TEMPLATE "${templateDb}"`);
    database = { DATABASE_URL: Object.assign(new URL(postgres.href), { pathname: `/${copyName(generation)}` }).href };
  } else {
    const run = join(dataDir, `run-${generation}`);
    rmSync(join(dataDir, `run-${generation - 1}`), { recursive: true, force: true });
    cpSync(template, run, { recursive: true });
    database = { PGLITE_DATA_DIR: run };
  }
  const child = spawn(process.execPath, [join("node_modules", "next", "dist", "bin", "next"), "start", "-p", String(port)], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, ...database, NEXT_TELEMETRY_DISABLED: "1" },
  });
  app = child;
  await waitUntilServing(child);
  await warmUp();
}

// One reset at a time: requests queue behind the running one.
let queue: Promise<void> = Promise.resolve();
const control = createServer((request, response) => {
  const url = new URL(request.url ?? "/", "http://control");
  const specFile = url.searchParams.get("for");
  if (request.method !== "POST" || url.pathname !== "/fresh" || !specFile) {
    response.writeHead(404).end();
    return;
  }
  const started = Date.now();
  queue = queue.then(() =>
    // Once per spec file: a worker restarted after a failure asks again for the file it was in.
    (specFile === servedFor
      ? Promise.resolve()
      : freshApp().then(() => {
          servedFor = specFile;
          // On stderr, which Playwright shows: what isolation costs each spec file.
          console.error(`e2e-server: fresh database for ${specFile.split("/").pop()} in ${Date.now() - started} ms`);
        })
    ).then(
      () => void response.writeHead(200, { "content-type": "text/plain" }).end(`fresh database in ${Date.now() - started} ms`),
      (error: unknown) => void response.writeHead(500, { "content-type": "text/plain" }).end(String(error)),
    ),
  );
});

// The control socket listens first; the first app start is the queue's first entry.
queue = freshApp();
if (existsSync(socket)) rmSync(socket);
control.listen(socket);
await queue;
console.log(`e2e-server: app on http://127.0.0.1:${port}, control on ${socket}`);

async function shutdown(): Promise<void> {
  control.close();
  await stopApp();
  if (postgres) await onServer(`DROP DATABASE IF EXISTS "${copyName(generation)}" WITH (FORCE)`).catch(() => undefined);
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void shutdown());
