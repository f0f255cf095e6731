// `npm run bench` (issue 6): the performance benchmark, on PostgreSQL, in one command.
//  1. creates its own database (suivi_fast_bench, dropped first) on the server of DATABASE_URL (default
//     postgresql://postgres@127.0.0.1:5432/postgres), migrates it with the app's runner and loads the demo
//     data, then generates the portfolio (scripts/bench/generate.ts: 1 000 conventions by default);
//  2. builds the app (`npm run build`, unless --skip-build) and starts it (`tsx --conditions=react-server scripts/start.ts`, as
//     `npm start` does) on that database, signs in as the DINUM demo account through Auth.js's own
//     credentials endpoint (CSRF token, then the callback), and for each main read measures the time of the
//     rendered page over HTTP (to the last byte) against the time of its hand-written SQL floor
//     (scripts/bench/floors.ts), interleaved run by run, as ratios (median, min, max); it also counts the
//     database transactions of one request (pg_stat_database) and checks that the page shows the floor's figures;
//  3. Chorus import: a generated 100 000-line INF-BUD-53 extract read, parsed and imported by the app's
//     code vs PostgreSQL COPY of the same rows, each in its own process for its peak memory, and the same
//     extract as .xlsx. The imports run as the app runs them on PostgreSQL: the import process's function
//     (runChorusImport) in a process of its own given its heap options (src/server/chorus/import-entry.ts);
//     the same two again, for information, with Node's default heap (a server's, where the import runs on the
//     embedded database); then 1 000 000-line extracts (a national one), CSV and .xlsx, for the peak memory
//     (--import-lines 100000,1000000; --import-only measures this part alone, without build nor app; the
//     workers run an esbuild bundle on plain Node, --import-tsx runs them under tsx);
//  4. first-load JS of each page (the scripts its HTML loads, gzipped) vs a plain DSFR page of the same app;
//  5. prints a table and writes bench/results.json.
//
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npm run bench [-- --conventions 1000 --runs 15
//     --skip-build --keep-db --import-lines 100000,1000000 --import-runs 1 --port 3600 --database suivi_fast_bench
//     --import-only --import-tsx]
import { spawn, type ChildProcess } from "node:child_process";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import pg from "pg";
import { applyPendingMigrations, pgConnection } from "../../src/server/db/migrations";
import { MIGRATIONS_DIR } from "../db/setup-database";
import { openDatabase } from "../../src/server/db/client";
import { isSeeded, seedDemo } from "../../prisma/seed/seed";
import { todayInParis } from "../../src/domain/dates";
import { writeExtract, writeExtractXlsx } from "../chorus/generate-extract";
import { createImportTarget, generatePortfolio, BENCH_REFERENCE_PREFIX, DEFAULT_SEED } from "./generate";
import { loadTest, raceEngagements, type LoadResult, type LoadTarget, type RaceResult } from "./load";
import { conventionFloor, expendituresFloor, portfolioFloor, publishedConventionsFloor, startupImpactFloor, statsFloor, tranchesFloor, type Floor } from "./floors";
import { benchTargets, targetRows, LIMITS } from "./targets";
import { IMPORT_PROCESS_NODE_FLAGS } from "../../src/server/chorus/import-entry";
import { importProcessBuildOptions } from "../build-import-process";
import { loadConventionsFacts } from "../../src/server/repositories/convention-facts";
import { conventionStanding } from "../../src/domain/convention-view";
import { portfolioRows, portfolioTotals, type PortfolioTotals } from "../../src/domain/portfolio";

const DEMO_EMAIL = "pilote@dinum.example.fr";
const DEMO_PASSWORD = "SuiviFast-demo-2024";
/** The race runs on the demo's convention in force, recorded by its délégataire's finance staff. */
const RACE_EMAIL = "gestionnaire@sg-demo.example.fr";
const RACE_CONVENTION = "FAST16-DEMO";
/**
 * The render floor (issue 18): the static page of the same layout served by the same server — the
 * accessibility statement, no data, measured signed in for the signed-in pages and anonymously for the public
 * ones, interleaved with each page run by run. A static file of the same server (no layout) is measured too.
 */
const PLAIN_PAGE = "/accessibilite";
const STATIC_FILE = "/favicon.ico";
const TARGETS = { pageVsSql: 2, importVsCopy: 3, importPeakRssMiB: 200, jsVsPlain: 1.3 };

const { values: args } = parseArgs({
  options: {
    conventions: { type: "string", default: "1000" },
    // 15 measures after 5 warm-ups per page: with 7 after 2, the median ratio of the same code on a quiet
    // machine moved from one run to the next by ±0.25 (Convention ×1.94 then ×2.19; per-run ratios 1.43–4.11),
    // the first requests of a page paying its code's JIT compilation that the static page, hit every run, no
    // longer pays. A run costs ~0.1 s; the transaction count after them takes ~21 s per page either way.
    runs: { type: "string", default: "15" },
    warmup: { type: "string", default: "5" },
    port: { type: "string", default: "3600" },
    database: { type: "string", default: "suivi_fast_bench" },
    "skip-build": { type: "boolean", default: false },
    "keep-db": { type: "boolean", default: false },
    "import-lines": { type: "string", default: "100000,1000000" },
    "import-runs": { type: "string", default: "1" },
    "copy-runs": { type: "string", default: "3" },
    "skip-import": { type: "boolean", default: false },
    "import-only": { type: "boolean", default: false },
    "import-tsx": { type: "boolean", default: false },
    "skip-load": { type: "boolean", default: false },
    // 30 s: at ~30 req/s a 10 s test's p99 was its 3rd slowest answer of ~300 (959 then 1 040 ms for the
    // same code); 30 s gives ~900 answers, and the first second's transient weighs a third as much.
    "load-seconds": { type: "string", default: "30" },
    "load-connections": { type: "string", default: "10" },
    out: { type: "string", default: "bench/results.json" },
  },
});
const conventions = Number(args.conventions);
const runs = Number(args.runs);
const warmup = Number(args.warmup);
const port = Number(args.port);
/** "100000,1000000": the first size is timed against COPY; every size has its peak memory measured. */
const importSizes = args["import-lines"]!.split(",").map((n) => Number(n.trim()));
const importLines = importSizes[0]!;
const base = `http://127.0.0.1:${port}`;

const adminUrl = process.env.DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
const benchUrl = (() => {
  const url = new URL(adminUrl);
  url.pathname = `/${args.database}`;
  return url.toString();
})();

const started = performance.now();
const loadAtStart = loadavg()[0]!;
const log = (message: string) => console.log(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`);

// ───────────────────────────── Statistics ─────────────────────────────

interface Stats {
  median: number;
  min: number;
  max: number;
}
function stats(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted.at(-1)! };
}
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const roundStats = (s: Stats, digits = 1): Stats => ({ median: round(s.median, digits), min: round(s.min, digits), max: round(s.max, digits) });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ───────────────────────────── Database ─────────────────────────────

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  // A connection the server ends (a restart) fails the next query; it must not crash the process meanwhile.
  client.on("error", (error) => log(`connexion PostgreSQL perdue : ${error.message}`));
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function prepareDatabase() {
  const exists = await withClient(adminUrl, async (admin) => (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [args.database])).rowCount === 1);
  if (args["keep-db"] && exists) {
    const count = await withClient(benchUrl, async (c) => Number((await c.query(`SELECT count(*) FROM convention WHERE reference LIKE '${BENCH_REFERENCE_PREFIX}%'`)).rows[0].count));
    if (count === conventions) {
      log(`base ${args.database} conservée (${count} conventions générées)`);
      return null;
    }
  }
  await withClient(adminUrl, async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS "${args.database}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${args.database}"`);
  });
  const applied = await withClient(benchUrl, async (client) => (await applyPendingMigrations(pgConnection(client), MIGRATIONS_DIR)).applied);
  log(`base ${args.database} créée, ${applied.length} migrations appliquées`);
  const open = openDatabase({ kind: "postgres", url: benchUrl });
  try {
    if (!(await isSeeded(open.prisma))) await seedDemo(open.prisma);
  } finally {
    await open.close();
  }
  const generation = await withClient(benchUrl, (client) => generatePortfolio(client, { conventions, seed: DEFAULT_SEED }));
  const total = Object.values(generation.rows).reduce((a, b) => a + b, 0);
  log(`portefeuille généré : ${conventions} conventions, ${total} lignes en ${(generation.ms / 1000).toFixed(1)} s`);
  return { rows: generation.rows, seconds: round(generation.ms / 1000) };
}

/** Transactions committed or rolled back on the bench database so far (read from another database). */
/**
 * What the domain derives for the portfolio of an organisation's conventions at `today` (the app's loader and
 * src/domain/portfolio.ts, not the floor's SQL): the portfolio floor's check compares the page with it.
 */
async function derivedPortfolio(organisationId: string, today: string): Promise<PortfolioTotals> {
  const open = openDatabase({ kind: "postgres", url: benchUrl });
  try {
    const facts = await loadConventionsFacts({ parties: { some: { organisationId } } }, open.prisma);
    // Late obligations and unanswered notices are counted in SQL by the app itself (tested against the domain's
    // obligationStatus): the floor's own counts are what the page is checked against.
    const inputs = facts.map((f) => ({ id: f.id, reference: f.reference, startupName: f.startupName, partner: "", view: conventionStanding(f, today), lateObligations: 0, pendingNotices: 0 }));
    return portfolioTotals(portfolioRows(inputs, today));
  } finally {
    await open.close();
  }
}

async function transactions(admin: pg.Client): Promise<number> {
  const { rows } = await admin.query("SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = $1", [args.database]);
  return Number(rows[0].n);
}

/**
 * PostgreSQL 15 backends flush their statistics when idle, but at most once a second: a backend that
 * flushed less than a second ago holds its counts for up to 10 s (PGSTAT_IDLE_INTERVAL). So wait those
 * 10 s, then until the count stops moving.
 */
async function settledTransactions(admin: pg.Client): Promise<number> {
  await sleep(10_500);
  let last = await transactions(admin);
  for (let i = 0; i < 10; i++) {
    await sleep(1000);
    const now = await transactions(admin);
    if (now === last) return now;
    last = now;
  }
  return last;
}

// ───────────────────────────── The app ─────────────────────────────

function run(command: string, commandArgs: string[], logFile: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    const output: Buffer[] = [];
    child.stdout.on("data", (d: Buffer) => output.push(d));
    child.stderr.on("data", (d: Buffer) => output.push(d));
    child.on("exit", (code) => {
      writeFileSync(logFile, Buffer.concat(output));
      if (code === 0) resolve();
      else reject(new Error(`${command} ${commandArgs.join(" ")} a échoué (code ${code}) ; journal : ${logFile}\n${Buffer.concat(output).toString().slice(-3000)}`));
    });
  });
}

let app: ChildProcess | null = null;

function stopApp() {
  if (app?.pid && app.exitCode === null) {
    try {
      process.kill(-app.pid, "SIGTERM"); // its own process group: npx, tsx, next start
    } catch {
      // already gone
    }
  }
}
process.on("exit", stopApp);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    stopApp();
    process.exit(130);
  });
}

/** The Next.js servers npm start ran (scripts/start.ts prints "(N serveurs)" when more than one). */
let appServers = 1;

async function startApp(logFile: string): Promise<void> {
  const output: Buffer[] = [];
  app = spawn("npx", ["tsx", "--conditions=react-server", "scripts/start.ts", "--no-build"], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: benchUrl,
      AUTH_SECRET: "bench-secret-bench-secret-bench-secret-0123",
      NEXT_TELEMETRY_DISABLED: "1",
      PROCONNECT_ISSUER: "",
      PROCONNECT_CLIENT_ID: "",
      PROCONNECT_CLIENT_SECRET: "",
    },
  });
  app.stdout!.on("data", (d: Buffer) => output.push(d));
  app.stderr!.on("data", (d: Buffer) => output.push(d));
  app.on("exit", () => writeFileSync(logFile, Buffer.concat(output)));
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (app.exitCode !== null) throw new Error(`L'application s'est arrêtée au démarrage :\n${Buffer.concat(output).toString().slice(-3000)}`);
    try {
      const res = await fetch(`${base}${PLAIN_PAGE}`);
      await res.arrayBuffer();
      if (res.ok) {
        // npm start runs one Next.js server per core on PostgreSQL (WEB_CONCURRENCY): the load test's figures are theirs.
        appServers = Number(/\((\d+) serveurs\)/.exec(Buffer.concat(output).toString())?.[1] ?? 1);
        return;
      }
    } catch {
      // not listening yet
    }
    await sleep(500);
  }
  throw new Error(`L'application ne répond pas sur ${base} après 180 s :\n${Buffer.concat(output).toString().slice(-3000)}`);
}

const cookieOf = (setCookies: string[]) => setCookies.map((c) => c.split(";")[0]).join("; ");

/** Signs in through Auth.js's credentials endpoint, as the login form's action does: the session cookie. */
async function signIn(email = DEMO_EMAIL): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieOf(csrf.headers.getSetCookie()) },
    body: new URLSearchParams({ csrfToken, email, password: DEMO_PASSWORD, callbackUrl: `${base}/pilotage` }),
  });
  await res.arrayBuffer();
  const session = res.headers.getSetCookie().filter((c) => c.includes("session-token="));
  if (session.length === 0) throw new Error(`Connexion du compte ${email} refusée (HTTP ${res.status}, ${res.headers.get("location")}).`);
  return cookieOf(session);
}

async function get(path: string, cookie: string): Promise<{ ms: number; status: number; body: string }> {
  const t0 = performance.now();
  const res = await fetch(`${base}${path}`, { headers: { cookie }, redirect: "manual" });
  const body = await res.text();
  return { ms: performance.now() - t0, status: res.status, body };
}

// ───────────────────────────── Pages vs SQL ─────────────────────────────

/** Which target a page answers to: the portfolio against its SQL floor, the others against SQL + static page. */
type PageKind = "portfolio" | "convention" | "public" | "api";

interface PageResult {
  page: string;
  path: string;
  kind: PageKind;
  runs: number;
  pageMs: Stats;
  sqlMs: Stats;
  ratio: Stats;
  /** The static page of the same layout, measured in the same runs, signed in or not as the page is. */
  renderFloor: { path: string; signedIn: boolean; ms: Stats };
  /** Page / (SQL floor + static page), run by run (issue 18's rule for every page but the portfolio). */
  ratioToFloors: Stats;
  /** Page time minus the plain page's (the render floor of the app). */
  pageOverPlainMs: number;
  dbTransactions: number;
  htmlKiB: number;
  check: string;
  target: number;
  ok: boolean;
}

async function measurePage(kind: PageKind, name: string, path: string, floor: Floor<unknown>, cookie: string, sql: pg.Client, admin: pg.Client, plainMs: number): Promise<PageResult> {
  const pageTimes: number[] = [];
  const sqlTimes: number[] = [];
  const staticTimes: number[] = [];
  const ratios: number[] = [];
  const floorRatios: number[] = [];
  let body = "";
  let result: unknown;
  // A page slower than 5 s is measured fewer times (1 warm-up, 3 runs), to keep the run within minutes.
  let [pageWarmup, pageRuns] = [warmup, runs];
  for (let i = 0; i < pageWarmup + pageRuns; i++) {
    const page = await get(path, cookie);
    if (page.status !== 200) throw new Error(`${path} : HTTP ${page.status}\n${page.body.slice(0, 500)}`);
    const t0 = performance.now();
    result = await floor.run(sql);
    const sqlMs = performance.now() - t0;
    // The static page of the same layout, as the page is asked (signed in or anonymously), in the same run.
    const plain = await get(PLAIN_PAGE, cookie);
    body = page.body;
    if (i === 0 && page.ms > 5000 && runs > 3) [pageWarmup, pageRuns] = [1, 3];
    if (i < pageWarmup) continue;
    pageTimes.push(page.ms);
    sqlTimes.push(sqlMs);
    staticTimes.push(plain.ms);
    ratios.push(page.ms / sqlMs);
    floorRatios.push(page.ms / (sqlMs + plain.ms));
  }
  const check = floor.check(body, result) ?? "ok";
  // One more request, alone, to count its database round trips (transactions, as autocommit reads are).
  const before = await settledTransactions(admin);
  await get(path, cookie);
  const dbTransactions = (await settledTransactions(admin)) - before;
  // Rounded as results.json writes them: the verdict here and targets.ts's read the same figure.
  const ratio = roundStats(stats(ratios));
  const ratioToFloors = roundStats(stats(floorRatios), 2);
  const pageMs = stats(pageTimes);
  const staticMs = stats(staticTimes);
  const target = kind === "portfolio" ? LIMITS.portfolioVsSql : LIMITS.pageVsFloors;
  const judged = kind === "portfolio" ? ratio.median : ratioToFloors.median;
  log(
    `${name.padEnd(28)} page ${pageMs.median.toFixed(1)} ms, SQL ${stats(sqlTimes).median.toFixed(1)} ms, page statique ${staticMs.median.toFixed(1)} ms, ` +
      `×${ratio.median.toFixed(1)} du SQL, ×${ratioToFloors.median.toFixed(2)} de SQL + page statique, ${dbTransactions} transactions, contrôle : ${check}`,
  );
  return {
    page: name,
    path,
    kind,
    runs: pageRuns,
    pageMs: roundStats(pageMs),
    sqlMs: roundStats(stats(sqlTimes), 2),
    ratio,
    renderFloor: { path: PLAIN_PAGE, signedIn: cookie !== "", ms: roundStats(staticMs) },
    ratioToFloors,
    pageOverPlainMs: round(pageMs.median - plainMs),
    dbTransactions,
    htmlKiB: round(Buffer.byteLength(body) / 1024),
    check,
    target,
    ok: judged <= target && check === "ok",
  };
}

// ───────────────────────────── First-load JS ─────────────────────────────

interface JsResult {
  page: string;
  path: string;
  scripts: number;
  jsGzipKiB: number;
  htmlGzipKiB: number;
  vsPlain: number;
  target: number;
  ok: boolean;
}

const gzipCache = new Map<string, number>();
async function firstLoadJs(path: string, cookie: string): Promise<{ scripts: number; jsGzip: number; htmlGzip: number }> {
  const { body } = await get(path, cookie);
  const sources = [...new Set([...body.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]!.replaceAll("&amp;", "&")))];
  let jsGzip = 0;
  for (const src of sources) {
    if (!gzipCache.has(src)) {
      const res = await fetch(new URL(src, base));
      gzipCache.set(src, gzipSync(Buffer.from(await res.arrayBuffer())).length);
    }
    jsGzip += gzipCache.get(src)!;
  }
  return { scripts: sources.length, jsGzip, htmlGzip: gzipSync(Buffer.from(body)).length };
}

// ───────────────────────────── Chorus import ─────────────────────────────

interface WorkerResult {
  ms: number;
  peakRssMiB: number;
  rows?: number;
  [key: string]: unknown;
}

/**
 * The import workers run as plain Node on an esbuild bundle of import-worker.ts (its code and the app's, the
 * packages left in node_modules), as a built server runs compiled code: under tsx a worker also holds tsx's
 * loader and esbuild's transforms (~65 MiB more at rest, measured: baseline 200 vs 266 MiB), and tsx's
 * keepNames wrappers cost CPU time. The baseline is measured both ways; --import-tsx runs every worker under
 * tsx as before. esbuild is tsx's own dependency.
 */
let workerBundle: string | null = null;

async function bundleWorker(): Promise<string> {
  // Inside the project, for the bundle's packages to resolve from its node_modules.
  const dir = join(process.cwd(), "node_modules", ".cache", "suivi-fast-bench-worker");
  mkdirSync(dir, { recursive: true });
  const { build } = await import("esbuild");
  // Built as the app's import process is (its options: packages external, react-server, no embedded database).
  await build(importProcessBuildOptions("scripts/bench/import-worker.ts", join(dir, "import-worker.mjs")));
  // The bundle holds generate-extract.ts, whose main() runs when its module is the program: a wrapper is.
  writeFileSync(join(dir, "run.mjs"), 'await import("./import-worker.mjs");\n');
  return join(dir, "run.mjs");
}


function worker(mode: string, file: string, conventionId?: string, bundle = workerBundle, nodeFlags: readonly string[] = []): Promise<WorkerResult> {
  const program = bundle ? ["--conditions=react-server", bundle] : ["--import", "tsx", "--conditions=react-server", "scripts/bench/import-worker.ts"];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeFlags, ...program, mode, file, ...(conventionId ? [conventionId] : [])], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, DATABASE_URL: benchUrl, NODE_ENV: "production" },
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("exit", (code) => {
      const line = out.split("\n").find((l) => l.startsWith("BENCH_RESULT "));
      if (code !== 0 || !line) reject(new Error(`import-worker ${mode} a échoué (code ${code}) :\n${err.slice(-3000)}`));
      else resolve(JSON.parse(line.slice("BENCH_RESULT ".length)) as WorkerResult);
    });
  });
}

/** "100k", "1000k": the key of an extract size in the results. */
const sizeKey = (lines: number) => (lines % 1000 === 0 ? `${lines / 1000}k` : String(lines));

/**
 * The import against COPY (time, at the first size of --import-lines) and the import's peak memory at every
 * size, for the CSV extract and the same extract saved as .xlsx. Each measure is one worker process.
 */
async function measureImport() {
  const dir = join(tmpdir(), "suivi-fast-bench");
  mkdirSync(dir, { recursive: true });
  const [lines, ...larger] = importSizes;
  const sizes = [lines!, ...larger];
  const files: Record<number, string> = {};
  const xlsx: Record<number, string> = {};
  for (const n of sizes) {
    files[n] = join(dir, `inf-bud-53-${n}.csv`);
    xlsx[n] = join(dir, `inf-bud-53-${n}.xlsx`);
    if (!existsSync(files[n]!)) {
      log(`génération de l'extrait CSV de ${n} lignes…`);
      await writeExtract(files[n]!, { lines: n, seed: 14 });
    }
    if (!existsSync(xlsx[n]!)) {
      log(`génération de l'extrait .xlsx de ${n} lignes…`);
      await writeExtractXlsx(xlsx[n]!, { lines: n, seed: 14 });
    }
  }
  workerBundle = args["import-tsx"] ? null : await bundleWorker();
  const baseline = await worker("baseline", files[lines!]!);
  const baselineTsx = workerBundle ? await worker("baseline", files[lines!]!, undefined, null) : baseline;
  const repeat = async (mode: string, n: number, times: number, target?: () => Promise<string>, kind: "csv" | "xlsx" = "csv", nodeFlags: readonly string[] = mode === "import" ? IMPORT_PROCESS_NODE_FLAGS : []) => {
    const results: WorkerResult[] = [];
    const file = (kind === "xlsx" ? xlsx : files)[n]!;
    for (let i = 0; i < times; i++) results.push(await worker(mode, file, target ? await target() : undefined, workerBundle, nodeFlags));
    const how = nodeFlags.length > 0 ? ` (${nodeFlags.join(" ")})` : "";
    log(`import ${mode.padEnd(6)} ${kind.padEnd(4)} ${String(n).padStart(7)} lignes${how} : ${results.map((r) => `${(r.ms / 1000).toFixed(2)} s`).join(", ")} ; pic ${Math.max(...results.map((r) => r.peakRssMiB)).toFixed(0)} Mio`);
    return results;
  };
  let targets = 0;
  const newTarget = () => withClient(benchUrl, (c) => createImportTarget(c, `BENCH-IMPORT-${Date.now()}-${++targets}`));
  const copyRuns = Number(args["copy-runs"]);
  const importRuns = Number(args["import-runs"]);
  const copy = await repeat("copy", lines!, copyRuns);
  const parse = await repeat("parse", lines!, copyRuns);
  const imported = await repeat("import", lines!, importRuns, newTarget);
  // The same extract as an .xlsx workbook (Chorus restitutions are downloaded as often in Excel).
  const importedXlsx = await repeat("import", lines!, importRuns, newTarget, "xlsx");
  const serverHeapCsv = await repeat("import", lines!, 1, newTarget, "csv", []);
  const serverHeapXlsx = await repeat("import", lines!, 1, newTarget, "xlsx", []);
  const ms = (list: WorkerResult[]) => roundStats(stats(list.map((r) => r.ms)), 0);
  const peak = (list: WorkerResult[]) => round(Math.max(...list.map((r) => r.peakRssMiB)), 0);
  const written = (r: WorkerResult) => ({ newEjs: r.newEjs, newMovements: r.newMovements, refused: r.refused, otherConventions: r.otherConventions });
  const fileMiB = (path: string) => round(Number(execFileSync("stat", ["-c", "%s", path]).toString()) / 1024 / 1024);
  const copyMs = stats(copy.map((r) => r.ms)).median;
  const importMs = stats(imported.map((r) => r.ms)).median;
  const parseMs = stats(parse.map((r) => r.ms)).median;
  const importRatio = importMs / copyMs;
  const writeFloorMs = stats(imported.map((r) => Number(r.writeFloorMs))).median;
  /** Peak RSS per extract (CSV and .xlsx) and size: the memory target holds at every size. */
  const peaks: Record<string, number> = { [`csv${sizeKey(lines!)}`]: peak(imported), [`xlsx${sizeKey(lines!)}`]: peak(importedXlsx) };
  const bySize: Record<string, { lines: number; csv: { ms: number; peakRssMiB: number; fileMiB: number }; xlsx: { ms: number; peakRssMiB: number; fileMiB: number }; copyMs: number }> = {};
  for (const n of larger) {
    const [copyLarge] = await repeat("copy", n, 1);
    const [csvLarge] = await repeat("import", n, 1, newTarget);
    const [xlsxLarge] = await repeat("import", n, 1, newTarget, "xlsx");
    peaks[`csv${sizeKey(n)}`] = peak([csvLarge!]);
    peaks[`xlsx${sizeKey(n)}`] = peak([xlsxLarge!]);
    bySize[sizeKey(n)] = {
      lines: n,
      copyMs: round(copyLarge!.ms, 0),
      csv: { ms: round(csvLarge!.ms, 0), peakRssMiB: peak([csvLarge!]), fileMiB: fileMiB(files[n]!) },
      xlsx: { ms: round(xlsxLarge!.ms, 0), peakRssMiB: peak([xlsxLarge!]), fileMiB: fileMiB(xlsx[n]!) },
    };
  }
  const maxPeak = Math.max(...Object.values(peaks));
  const ratioOk = importRatio <= TARGETS.importVsCopy;
  const memoryOk = maxPeak <= TARGETS.importPeakRssMiB;
  return {
    lines,
    sizes,
    fileMiB: fileMiB(files[lines!]!),
    /** How the workers ran: an esbuild bundle on plain Node (default) or under tsx (--import-tsx). */
    runtime: workerBundle ? "bundle" : "tsx",
    baselinePeakRssMiB: round(baseline.peakRssMiB, 0),
    baselineTsxPeakRssMiB: round(baselineTsx.peakRssMiB, 0),
    copy: { ms: ms(copy), peakRssMiB: peak(copy) },
    parse: { ms: ms(parse), peakRssMiB: peak(parse), vsCopy: round(parseMs / copyMs) },
    import: {
      ms: ms(imported),
      readMs: round(stats(imported.map((r) => Number(r.readMs))).median, 0),
      applyMs: round(stats(imported.map((r) => Number(r.applyMs))).median, 0),
      peakRssMiB: peak(imported),
      written: written(imported[0]!),
      vsCopy: round(importRatio),
      /** The same EJ and movements written again by PostgreSQL alone into the real tables (import-worker.ts). */
      writeFloorMs: round(writeFloorMs, 0),
      writeFloorVsCopy: round(writeFloorMs / copyMs),
      vsWriteFloor: round(importMs / writeFloorMs),
    },
    importXlsx: {
      ms: ms(importedXlsx),
      peakRssMiB: peak(importedXlsx),
      fileMiB: fileMiB(xlsx[lines!]!),
      written: written(importedXlsx[0]!),
      vsCopy: round(stats(importedXlsx.map((r) => r.ms)).median / copyMs),
    },
    /** The larger extracts (a national one): one import of each, for its time and peak memory. */
    bySize,
    /** The Node options of the import process, with which the imports above are measured. */
    nodeFlags: IMPORT_PROCESS_NODE_FLAGS,
    /** Information: the same imports with Node's default heap (a server's: the import on the embedded database). */
    serverHeap: {
      csv: { ms: round(serverHeapCsv[0]!.ms, 0), peakRssMiB: peak(serverHeapCsv), vsCopy: round(serverHeapCsv[0]!.ms / copyMs) },
      xlsx: { ms: round(serverHeapXlsx[0]!.ms, 0), peakRssMiB: peak(serverHeapXlsx), vsCopy: round(serverHeapXlsx[0]!.ms / copyMs) },
    },
    /** Target 1: the CSV import of the first size against COPY of the same rows. */
    [`csv${sizeKey(lines!)}`]: { ms: round(importMs, 0), copyMs: round(copyMs, 0), ratioToCopy: round(importRatio, 2), target: TARGETS.importVsCopy, ok: ratioOk },
    /** Target 2: peak RSS of the import process, CSV and .xlsx, at every size. */
    peakRssMiB: { ...peaks, max: maxPeak, target: TARGETS.importPeakRssMiB, ok: memoryOk },
    target: TARGETS.importVsCopy,
    ok: ratioOk && memoryOk,
  };
}

type ImportResults = Awaited<ReturnType<typeof measureImport>>;

function printImport(chorus: ImportResults) {
  const first = sizeKey(chorus.lines!);
  const rows: (string | number)[][] = [
    ["COPY PostgreSQL", `${chorus.copy.ms.median} (${chorus.copy.ms.min}–${chorus.copy.ms.max})`, "×1", chorus.copy.peakRssMiB],
    ["Lecture + analyse (app)", `${chorus.parse.ms.median} (${chorus.parse.ms.min}–${chorus.parse.ms.max})`, `×${chorus.parse.vsCopy}`, chorus.parse.peakRssMiB],
    [`Import complet CSV ${first} (processus d'import)`, `${chorus.import.ms.median} (lecture ${chorus.import.readMs}, plan et écriture ${chorus.import.applyMs})`, `×${chorus.import.vsCopy}`, chorus.import.peakRssMiB],
    [`Écriture seule des mêmes EJ et mouvements dans les vraies tables (INSERT … SELECT)`, chorus.import.writeFloorMs, `×${chorus.import.writeFloorVsCopy}`, ""],
    [`Import complet .xlsx ${first} (${chorus.importXlsx.fileMiB} Mio)`, `${chorus.importXlsx.ms.median} (${chorus.importXlsx.ms.min}–${chorus.importXlsx.ms.max})`, `×${chorus.importXlsx.vsCopy}`, chorus.importXlsx.peakRssMiB],
  ];
  const serverHeap = chorus.serverHeap;
  rows.push([`Import CSV ${first}, tas par défaut (dans un serveur)`, serverHeap.csv.ms, `×${serverHeap.csv.vsCopy}`, serverHeap.csv.peakRssMiB]);
  rows.push([`Import .xlsx ${first}, tas par défaut (dans un serveur)`, serverHeap.xlsx.ms, `×${serverHeap.xlsx.vsCopy}`, serverHeap.xlsx.peakRssMiB]);
  for (const [key, s] of Object.entries(chorus.bySize)) {
    rows.push([`COPY PostgreSQL ${key}`, s.copyMs, "", ""]);
    rows.push([`Import complet CSV ${key} (${s.csv.fileMiB} Mio)`, s.csv.ms, `×${round(s.csv.ms / s.copyMs)}`, s.csv.peakRssMiB]);
    rows.push([`Import complet .xlsx ${key} (${s.xlsx.fileMiB} Mio)`, s.xlsx.ms, `×${round(s.xlsx.ms / s.copyMs)}`, s.xlsx.peakRssMiB]);
  }
  console.log(`\n${table(["Import Chorus", "Temps (ms)", "Ratio / COPY", "Pic RSS (Mio)"], rows)}`);
  const ratio = chorus[`csv${first}`] as { ratioToCopy: number; ok: boolean };
  console.log(
    `${chorus.lines} lignes (${chorus.fileMiB} Mio) ; processus à vide : ${chorus.baselinePeakRssMiB} Mio (workers ${chorus.runtime === "bundle" ? "en bundle esbuild" : "sous tsx"} ; sous tsx : ${chorus.baselineTsxPeakRssMiB} Mio) ; écrit : ${chorus.import.written.newEjs} EJ, ${chorus.import.written.newMovements} mouvements, ` +
      `${chorus.import.written.refused} refusées, ${chorus.import.written.otherConventions} d'autres conventions.\n` +
      `Les imports sont mesurés comme l'application les fait sur PostgreSQL : dans leur propre processus, options ${chorus.nodeFlags.join(" ")} (ADR 0008). Les lignes « tas par défaut » sont une information : l'import dans un serveur (base embarquée).\n` +
      `L'écriture seule des lignes importées dans les vraies tables coûte à PostgreSQL ×${chorus.import.writeFloorVsCopy} le COPY ; l'import entier en est ×${chorus.import.vsWriteFloor}.\n` +
      `Cible import ${first} ≤ ${TARGETS.importVsCopy}× COPY : ×${ratio.ratioToCopy} ${verdict(ratio.ok)} ; cible pic RSS ≤ ${TARGETS.importPeakRssMiB} Mio (${chorus.sizes.map(sizeKey).join(", ")}, CSV et .xlsx) : ${chorus.peakRssMiB.max} Mio ${verdict(chorus.peakRssMiB.ok)}.`,
  );
}

/** --import-only: the bench database prepared (or kept), the import measured, nothing else (no build, no app). */
async function importOnly() {
  const generation = await prepareDatabase();
  const chorus = await measureImport();
  const report = { date: new Date().toISOString(), machine: { cpus: cpus().length, node: process.version, loadAverage1m: { start: round(loadAtStart), end: round(loadavg()[0]!) } }, generation, chorusImport: chorus };
  mkdirSync("bench", { recursive: true });
  writeFileSync(args.out!, `${JSON.stringify(report, null, 2)}\n`);
  printImport(chorus);
  console.log(`\nRésultats : ${args.out}`);
}

// ───────────────────────────── Report ─────────────────────────────

function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(headers), `| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`, ...cells.slice(1).map(line)].join("\n");
}

const verdict = (ok: boolean) => (ok ? "oui" : "NON");

async function main() {
  for (const [name, value] of Object.entries({ conventions, runs, port, importLines })) {
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} : entier positif attendu`);
  }
  if (importSizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error("--import-lines : entiers positifs séparés par des virgules attendus");
  if (args["import-only"]) return importOnly();
  log(`PostgreSQL : ${adminUrl.replace(/:[^:@/]*@/, ":***@")} → base ${args.database}`);
  // Other work on the machine may restart the shared server: such a run's figures are not comparable.
  const serverStart = () => withClient(adminUrl, async (c) => String((await c.query("SELECT pg_postmaster_start_time()::text AS t")).rows[0].t));
  const serverStartedAt = await serverStart();
  const generation = await prepareDatabase();

  if (!args["skip-build"]) {
    log("construction de l'application (npm run build)…");
    await run("npm", ["run", "build"], join(tmpdir(), "suivi-fast-bench-build.log"));
  } else if (!existsSync(".next/BUILD_ID")) {
    throw new Error("--skip-build : aucune construction dans .next (lancez npm run build).");
  }
  log(`démarrage de l'application sur ${base}`);
  await startApp(join(tmpdir(), "suivi-fast-bench-app.log"));
  const cookie = await signIn();
  log(`connecté en tant que ${DEMO_EMAIL}`);

  const today = todayInParis();
  const results = await withClient(benchUrl, async (sql) =>
    withClient(adminUrl, async (admin) => {
      const { rows: users } = await sql.query<{ organisation_id: string }>("SELECT organisation_id FROM app_user WHERE email = $1", [DEMO_EMAIL]);
      const organisationId = users[0]!.organisation_id;
      // A typical convention: generated, with two years of credits, in force today, the most lines.
      const { rows: picked } = await sql.query<{ id: string; reference: string }>(
        `SELECT c.id, c.reference FROM convention c
         WHERE c.reference LIKE '${BENCH_REFERENCE_PREFIX}%' AND c.ends_on >= $1::date
           AND (SELECT count(*) FROM credit_allocation x WHERE x.convention_id = c.id) = 2
         ORDER BY (SELECT count(*) FROM engagement_juridique e WHERE e.convention_id = c.id) DESC, c.reference LIMIT 1`,
        [today],
      );
      const { rows: fallback } = await sql.query<{ id: string; reference: string }>(`SELECT id, reference FROM convention WHERE reference LIKE '${BENCH_REFERENCE_PREFIX}%' ORDER BY reference LIMIT 1`);
      const target = picked[0] ?? fallback[0]!;
      const { rows: slugs } = await sql.query<{ startup_slug: string }>(
        `SELECT c.startup_slug FROM convention c WHERE c.published AND c.reference LIKE '${BENCH_REFERENCE_PREFIX}%'
         ORDER BY (SELECT count(*) FROM investment_committee k WHERE k.convention_id = c.id) DESC, c.reference LIMIT 1`,
      );
      log(`convention mesurée : ${target.reference} ; startup publique : ${slugs[0]?.startup_slug ?? "—"}`);

      // The render floor: the static page of the same layout (no data), signed in and anonymously, and a static
      // file of the same server (no layout, no proxy), warmed up like the others.
      const timesOf = async (path: string, as: string) => {
        for (let i = 0; i < warmup + 3; i++) await get(path, as);
        const times: number[] = [];
        for (let i = 0; i < runs; i++) times.push((await get(path, as)).ms);
        return roundStats(stats(times));
      };
      const plain = await timesOf(PLAIN_PAGE, cookie);
      const plainAnonymous = await timesOf(PLAIN_PAGE, "");
      const staticFile = await timesOf(STATIC_FILE, "");
      log(`page statique ${PLAIN_PAGE} : ${plain.median} ms connecté, ${plainAnonymous.median} ms anonyme ; fichier statique ${STATIC_FILE} : ${staticFile.median} ms`);

      const pages: [PageKind, string, string, Floor<unknown>][] = [
        ["portfolio", "Portefeuille /pilotage", "/pilotage", portfolioFloor(organisationId, today, await derivedPortfolio(organisationId, today)) as Floor<unknown>],
        ["convention", "Convention", `/conventions/${target.id}`, conventionFloor(target.id) as Floor<unknown>],
        ["convention", "Tranches", `/conventions/${target.id}/tranches`, tranchesFloor(target.id, today) as Floor<unknown>],
        ["convention", "Dépenses", `/conventions/${target.id}/depenses`, expendituresFloor(target.id, today) as Floor<unknown>],
        ["public", "Conventions publiées /publiques/conventions", "/publiques/conventions", publishedConventionsFloor() as Floor<unknown>],
      ];
      const notes: string[] = [];
      if (slugs[0]) pages.push(["public", "Impact public /publiques/startups/[slug]", `/publiques/startups/${slugs[0].startup_slug}`, startupImpactFloor(slugs[0].startup_slug) as Floor<unknown>]);
      const statsProbe = slugs[0] ? await fetch(`${base}/api/stats/${slugs[0].startup_slug}`) : null;
      if (statsProbe) await statsProbe.arrayBuffer();
      if (statsProbe && statsProbe.status !== 404 && statsProbe.headers.get("content-type")?.includes("json")) {
        pages.push(["api", "API publique /api/stats", `/api/stats/${slugs[0]!.startup_slug}`, statsFloor(slugs[0]!.startup_slug) as Floor<unknown>]);
      } else {
        notes.push("API publique /api/stats/[slug] absente : non mesurée.");
      }
      const pageResults: PageResult[] = [];
      // The public pages and the API are asked anonymously, as the public asks them.
      for (const [kind, name, path, floor] of pages) {
        const as = kind === "public" || kind === "api" ? "" : cookie;
        pageResults.push(await measurePage(kind, name, path, floor, as, sql, admin, as ? plain.median : plainAnonymous.median));
      }

      const plainJs = await firstLoadJs(PLAIN_PAGE, cookie);
      const js: JsResult[] = [];
      for (const [name, path] of [["Page simple (référence)", PLAIN_PAGE] as const, ...pages.filter(([, , p]) => !p.startsWith("/api/")).map(([, n, p]) => [n, p] as const)]) {
        const r = await firstLoadJs(path, cookie);
        const vsPlain = r.jsGzip / plainJs.jsGzip;
        js.push({
          page: name,
          path,
          scripts: r.scripts,
          jsGzipKiB: round(r.jsGzip / 1024),
          htmlGzipKiB: round(r.htmlGzip / 1024),
          vsPlain: round(vsPlain, 2),
          target: TARGETS.jsVsPlain,
          ok: vsPlain <= TARGETS.jsVsPlain,
        });
      }
      let load: { servers: number; http: LoadResult[]; race: RaceResult } | null = null;
      if (!args["skip-load"]) {
        const seconds = Number(args["load-seconds"]);
        const connections = Number(args["load-connections"]);
        const targets: LoadTarget[] = [
          { name: "Portefeuille /pilotage", path: "/pilotage", cookie },
          { name: "Convention", path: `/conventions/${target.id}`, cookie },
          ...(slugs[0] ? [{ name: "API publique /api/stats", path: `/api/stats/${slugs[0].startup_slug}` }] : []),
        ];
        const http: LoadResult[] = [];
        for (const t of targets) {
          http.push(await loadTest(base, t, seconds, connections));
          log(`charge ${t.name} : ${http.at(-1)!.requestsPerSecond} req/s, p50 ${http.at(-1)!.latencyMs.p50} ms, p99 ${http.at(-1)!.latencyMs.p99} ms`);
        }
        const { rows: raced } = await sql.query<{ id: string; reference: string }>("SELECT id, reference FROM convention WHERE reference = $1", [RACE_CONVENTION]);
        const race = await raceEngagements(base, sql, raced[0]!, await signIn(RACE_EMAIL), today);
        log(`course : ${race.accepted} acceptés, ${race.refused} refusés, dépassement ${race.overspendCents} c, perdus ${race.lost}`);
        load = { servers: appServers, http, race };
      }
      return { target, plain, plainAnonymous, staticFile, pageResults, js, notes, load };
    }),
  );
  stopApp();

  let chorus: ImportResults | null = null;
  if (!args["skip-import"]) {
    log(`import Chorus : extrait INF-BUD-53 de ${importLines} lignes…`);
    chorus = await measureImport();
  }

  const restarted = (await serverStart()) !== serverStartedAt;
  if (restarted) results.notes.push("ATTENTION : PostgreSQL a redémarré pendant la mesure ; ces chiffres ne sont pas comparables, relancez.");
  const wallSeconds = round((performance.now() - started) / 1000, 0);
  const gitCommit = (() => {
    try {
      return execFileSync("git", ["rev-parse", "--short", "HEAD"], { stdio: ["ignore", "pipe", "ignore"] }).toString().trim();
    } catch {
      return null;
    }
  })();
  const postgres = await withClient(adminUrl, async (c) => (await c.query("SHOW server_version")).rows[0].server_version as string);
  const report = {
    date: new Date().toISOString(),
    today,
    machine: { cpus: cpus().length, memoryGiB: round(totalmem() / 1024 ** 3), node: process.version, postgres, loadAverage1m: { start: round(loadAtStart), end: round(loadavg()[0]!) } },
    postgresRestartedDuringRun: restarted,
    gitCommit,
    conventions,
    runs,
    warmup,
    wallSeconds,
    generation,
    measuredConvention: results.target.reference,
    plainPageMs: results.plain,
    /** The static page of the same layout, anonymously, and a static file of the same server (no layout, no proxy). */
    plainPageAnonymousMs: results.plainAnonymous,
    staticFileMs: results.staticFile,
    pages: results.pageResults,
    chorusImport: chorus,
    firstLoadJs: results.js,
    load: results.load,
    notes: [
      ...results.notes,
      ...(chorus ? [] : ["Import Chorus non mesuré (--skip-import)."]),
      "Page : temps HTTP jusqu'au dernier octet du HTML rendu (next start, connecté en pilote DINUM). SQL : requête(s) du plancher écrites à la main (scripts/bench/floors.ts), même base, même exécution, en alternance.",
      "Transactions : variation de xact_commit + xact_rollback (pg_stat_database) pendant une requête isolée ; une lecture Prisma hors transaction en est une.",
      "JS : scripts <script src> du HTML, compressés en gzip (niveau par défaut), comparés à la page simple " + PLAIN_PAGE + ".",
    ],
  };
  // Issue 18's targets, each with its figure, limit and verdict (scripts/bench/targets.ts).
  const targets = benchTargets(report);
  mkdirSync("bench", { recursive: true });
  writeFileSync(args.out!, `${JSON.stringify({ ...report, targets }, null, 2)}\n`);

  console.log(`\nSuivi FAST — banc d'essai : ${conventions} conventions, PostgreSQL ${postgres}, médiane de ${runs} mesures (min–max), ${today}\n`);
  console.log(
    table(
      ["Lecture", "Page (ms)", "SQL plancher (ms)", "Page statique (ms)", "Ratio page/SQL", "Ratio page/(SQL + statique)", "Cible ≤ 2×", "Page − page simple (ms)", "Transactions", "Contrôle"],
      results.pageResults.map((p) => [
        p.page,
        `${p.pageMs.median} (${p.pageMs.min}–${p.pageMs.max})${p.runs !== runs ? ` n=${p.runs}` : ""}`,
        `${p.sqlMs.median} (${p.sqlMs.min}–${p.sqlMs.max})`,
        `${p.renderFloor.ms.median}${p.renderFloor.signedIn ? "" : " anonyme"}`,
        `×${p.ratio.median} (${p.ratio.min}–${p.ratio.max})`,
        `×${p.ratioToFloors.median} (${p.ratioToFloors.min}–${p.ratioToFloors.max})`,
        verdict(p.ok),
        p.pageOverPlainMs,
        p.dbTransactions,
        p.check,
      ]),
    ),
  );
  console.log(
    `Page statique ${PLAIN_PAGE} (même gabarit, sans données) : ${results.plain.median} ms connecté (${results.plain.min}–${results.plain.max}), ` +
      `${results.plainAnonymous.median} ms anonyme ; fichier statique ${STATIC_FILE} (sans gabarit ni proxy) : ${results.staticFile.median} ms. ` +
      "Cible : /pilotage ≤ 2× son SQL ; les autres pages ≤ 2× (SQL + page statique).",
  );
  if (chorus) printImport(chorus);
  console.log(
    `\n${table(
      ["Premier chargement JS", "Scripts", "JS gzip (Kio)", "/ page simple", "Cible ≤ +30 %", "HTML gzip (Kio)"],
      results.js.map((j) => [j.page, j.scripts, j.jsGzipKiB, `×${j.vsPlain}`, verdict(j.ok), j.htmlGzipKiB]),
    )}`,
  );
  if (results.load) {
    console.log(
      `\n${table(
        ["Charge (autocannon)", "Durée (s)", "Connexions", "Requêtes", "Req/s", "p50 (ms)", "p99 (ms)", "Erreurs", "Non 2xx"],
        results.load.http.map((l) => [l.name, l.seconds, l.connections, l.requests, l.requestsPerSecond, l.latencyMs.p50, l.latencyMs.p99, l.errors + l.timeouts, l.non2xx]),
      )}`,
    );
    const r = results.load.race;
    console.log(
      `Course de ${r.attempts} engagements de ${r.amountCents} c sur ${r.convention} (AE ${r.year}, reste avant : ${r.leftBeforeCents} c), postés en même temps par le formulaire : ` +
        `${r.accepted} acceptés, ${r.refused} refusés (« Reste à engager »), ${r.otherAnswers} autres réponses ; ${r.written} écrits ; dépassement ${r.overspendCents} c ; perdus ${r.lost} ; ${r.ms} ms. ${verdict(r.ok)}.`,
    );
  }
  for (const note of report.notes.slice(0, results.notes.length)) console.log(note);
  console.log(`\nCibles de l'issue 18 (${targets.filter((t) => t.pass === true).length} tenues, ${targets.filter((t) => t.pass === false).length} manquées, ${targets.filter((t) => t.pass === null).length} non mesurées) :`);
  console.log(table(["Cible", "Mesure", "Limite", "Tenue", "Détail"], targetRows(targets)));
  console.log(`\nDurée totale : ${wallSeconds} s ; charge de la machine (1 min) : ${report.machine.loadAverage1m.start} au début, ${report.machine.loadAverage1m.end} à la fin, pour ${report.machine.cpus} cœurs. Résultats : ${args.out}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    stopApp();
    process.exit(1);
  },
);
