// The fault tests' tools: a dedicated PostgreSQL database, the app server as a process group that can be
// killed outright, a pause planted in the database to catch a write in the middle of its transaction,
// and the commands that run the app's own scripts.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import pg from "pg";
import { auditProblems, tableCounts, type Query } from "./consistency";

export const ROOT = resolve(import.meta.dirname, "../..");
const TSX = join(ROOT, "node_modules/.bin/tsx");
/** The server modules the scripts import (use cases, repositories) are "server-only": run them as the server does. */
const REACT_SERVER = "--conditions=react-server";

/** Maintenance connection, only to create and drop the test's own databases (never to read their data). */
export const ADMIN_URL = process.env.FAULTS_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
export const FAULTS_DB = process.env.FAULTS_DATABASE ?? "suivi_fast_faults";
export const PORT = Number(process.env.FAULTS_PORT ?? 3710);
export const BASE_URL = `http://127.0.0.1:${PORT}`;

export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export const queryOf =
  (client: pg.Client): Query =>
  async <T>(sql: string, params?: unknown[]) =>
    (await client.query(sql, params)).rows as T[];

export async function snapshot(url: string) {
  return withClient(url, async (client) => ({ counts: await tableCounts(queryOf(client)), problems: await auditProblems(queryOf(client)) }));
}

export async function recreateDatabase(name = FAULTS_DB): Promise<string> {
  if (!/^suivi_fast_[a-z0-9_]+$/.test(name)) throw new Error(`refusing to recreate ${name}: not a suivi_fast_* test database`);
  await withClient(ADMIN_URL, async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
    // A backend whose client vanished (the killed server) notices within 250 ms even while it waits in the
    // planted pause, and rolls back at once; by default it would notice only when the pause ends.
    await admin.query(`ALTER DATABASE ${name} SET client_connection_check_interval = '250ms'`);
  });
  return databaseUrl(name);
}

/** Runs one of the project's TypeScript scripts to its end; rejects with its output when it fails. */
export function runScript(script: string, args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(TSX, [REACT_SERVER, script, ...args], { cwd: ROOT, env: childEnv(env), stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("exit", (code) => (code === 0 ? resolvePromise(output) : reject(new Error(`${script} exited with ${code}:\n${output}`))));
  });
}

function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  // The start script seeds the demo unless NODE_ENV is production; `next start` sets it for the server.
  const { NODE_ENV: _nodeEnv, ...inherited } = process.env;
  return { ...inherited, NEXT_TELEMETRY_DISABLED: "1", ...env } as unknown as NodeJS.ProcessEnv;
}

/** A process group started by us, that a test can kill outright (SIGKILL to the whole group). */
export class ProcessGroup {
  readonly child: ChildProcess;
  output = "";
  exited: Promise<number | null>;

  constructor(command: string, args: string[], env: Record<string, string>) {
    this.child = spawn(command, args, { cwd: ROOT, env: childEnv(env), detached: true, stdio: ["ignore", "pipe", "pipe"] });
    this.child.stdout!.on("data", (d) => (this.output += d));
    this.child.stderr!.on("data", (d) => (this.output += d));
    this.exited = new Promise((r) => this.child.on("exit", (code) => r(code)));
  }

  get pid(): number {
    return this.child.pid!;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  async waitForOutput(pattern: RegExp, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(this.output)) {
      if (!this.running) throw new Error(`process ended before ${pattern}:\n${this.output}`);
      if (Date.now() > deadline) throw new Error(`no ${pattern} within ${timeoutMs} ms:\n${this.output}`);
      await sleep(50);
    }
  }

  /** SIGKILL to every process of the group (the server and its children): no shutdown, no cleanup. */
  async kill9(): Promise<void> {
    try {
      process.kill(-this.pid, "SIGKILL");
    } catch {
      // already gone
    }
    await this.exited;
    // The group's other members (next start under tsx) die with it; give the kernel a moment to reap them.
    await sleep(200);
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    try {
      process.kill(-this.pid, "SIGTERM");
    } catch {
      return;
    }
    const stopped = await Promise.race([this.exited.then(() => true), sleep(10_000).then(() => false)]);
    if (!stopped) await this.kill9();
  }
}

/** One of the project's TypeScript scripts as a process group (to kill it in the middle). */
export function scriptProcess(script: string, args: string[], env: Record<string, string>): ProcessGroup {
  return new ProcessGroup(TSX, [REACT_SERVER, script, ...args], env);
}

/** The built app, started as `npm start` does (scripts/start.ts: migrations, demo data, `next start`). */
export class AppServer extends ProcessGroup {
  constructor(env: Record<string, string>) {
    super(TSX, [REACT_SERVER, "scripts/start.ts", "--no-build"], {
      PORT: String(PORT),
      AUTH_SECRET: "faults-secret-faults-secret-faults-secret",
      // The fault tests run on PostgreSQL databases of their own: the demo is asked for explicitly.
      SEED_DEMO: "1",
      // No ProConnect here: the login form only.
      PROCONNECT_ISSUER: "",
      PROCONNECT_CLIENT_ID: "",
      PROCONNECT_CLIENT_SECRET: "",
      ...env,
    });
  }

  async waitUntilUp(timeoutMs = 180_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!this.running) throw new Error(`the server stopped:\n${this.output}`);
      try {
        const response = await fetch(`${BASE_URL}/connexion`, { signal: AbortSignal.timeout(5_000) });
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`the server did not answer within ${timeoutMs} ms:\n${this.output}`);
      await sleep(250);
    }
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ─── A pause planted in the database ───
// An AFTER INSERT trigger on the audit trail sleeps when the entry's kind is armed. Each audited write
// records its audit entry after its rows, in the same transaction: paused there, the transaction has
// written everything but has not committed, which is the worst moment to lose the process.

export async function plantPause(url: string): Promise<void> {
  await withClient(url, (client) =>
    client.query(`
      CREATE TABLE IF NOT EXISTS faults_pause (kind text PRIMARY KEY, seconds int NOT NULL);
      CREATE OR REPLACE FUNCTION faults_pause_on_audit() RETURNS trigger AS $$
      DECLARE wait int;
      BEGIN
        SELECT seconds INTO wait FROM faults_pause WHERE kind = NEW.kind;
        IF wait IS NOT NULL THEN PERFORM pg_sleep(wait); END IF;
        RETURN NULL;
      END $$ LANGUAGE plpgsql;
      DROP TRIGGER IF EXISTS faults_pause_on_audit ON audit_entry;
      CREATE TRIGGER faults_pause_on_audit AFTER INSERT ON audit_entry FOR EACH ROW EXECUTE FUNCTION faults_pause_on_audit();
    `),
  );
}

export async function armPause(url: string, kind: string, seconds = 120): Promise<void> {
  await withClient(url, (client) => client.query(`INSERT INTO faults_pause (kind, seconds) VALUES ($1, $2) ON CONFLICT (kind) DO UPDATE SET seconds = $2`, [kind, seconds]));
}

export async function disarmPauses(url: string): Promise<void> {
  await withClient(url, (client) => client.query(`DELETE FROM faults_pause`));
}

/** Waits until a session of the database sleeps in the pause; returns its pid and transaction id. */
export async function waitForPause(url: string, database = FAULTS_DB, timeoutMs = 180_000): Promise<{ pid: number; xid: string | null }> {
  return withClient(url, async (client) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { rows } = await client.query<{ pid: number; xid: string | null }>(
        `SELECT pid, backend_xid::text AS xid FROM pg_stat_activity WHERE datname = $1 AND wait_event = 'PgSleep'`,
        [database],
      );
      if (rows[0]) return rows[0];
      if (Date.now() > deadline) throw new Error("no session reached the pause");
      await sleep(50);
    }
  });
}

/** Waits until PostgreSQL has ended that session (and so rolled its transaction back). */
export async function waitForSessionGone(url: string, pid: number, timeoutMs = 30_000): Promise<void> {
  await withClient(url, async (client) => {
    const deadline = Date.now() + timeoutMs;
    while ((await client.query(`SELECT 1 FROM pg_stat_activity WHERE pid = $1`, [pid])).rowCount) {
      if (Date.now() > deadline) throw new Error(`session ${pid} still there after ${timeoutMs} ms`);
      await sleep(50);
    }
  });
}

/** Waits until the database has no session but ours (a killed client's session has been ended). */
export async function waitForNoOtherSession(url: string, database = FAULTS_DB, timeoutMs = 30_000): Promise<void> {
  await withClient(url, async (client) => {
    const deadline = Date.now() + timeoutMs;
    const others = `SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND backend_type = 'client backend'`;
    while ((await client.query(others, [database])).rowCount) {
      if (Date.now() > deadline) throw new Error(`other sessions still on ${database} after ${timeoutMs} ms`);
      await sleep(50);
    }
  });
}

/** The local cluster's version and the command that restarts it (Debian's postgresql-common). */
export function localCluster(): { version: string; ctl: string } | null {
  const ctl = "/usr/bin/pg_ctlcluster";
  if (!existsSync(ctl) || !existsSync("/etc/postgresql")) return null;
  const version = readdirSync("/etc/postgresql").sort().at(-1);
  return version ? { version, ctl } : null;
}

export function pgCtl(action: "stop" | "start" | "restart"): Promise<string> {
  const cluster = localCluster();
  if (!cluster) throw new Error("no local PostgreSQL cluster");
  return new Promise((resolvePromise, reject) => {
    const args = [cluster.version, "main", action, ...(action === "stop" ? ["-m", "fast"] : [])];
    const child = spawn(cluster.ctl, args, { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("exit", (code) => (code === 0 ? resolvePromise(output) : reject(new Error(`pg_ctlcluster ${args.join(" ")}: ${code}\n${output}`))));
  });
}
