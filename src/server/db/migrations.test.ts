// The migration runner against PGlite (always) and a real PostgreSQL (when DATABASE_URL is set: a throwaway
// database is created next to it and dropped after). Each case uses small fake migrations in a temp dir, and
// checks our bookkeeping with Prisma's own schema engine (diagnoseMigrationHistory), as `prisma migrate status`
// would read it.

import { createHash, randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  applyPendingMigrations,
  FailedMigrationsError,
  getMigrationStatus,
  markMigrationRolledBack,
  MigrationFailedError,
  pgConnection,
  pgliteConnection,
  type MigrationConnection,
} from "./migrations";
import { diagnoseMigrationHistory, pgliteAdapterFactory } from "./schema-engine";

interface TestDb {
  conn: MigrationConnection;
  /** A driver adapter on the same database, for Prisma's schema engine. */
  factory: SqlMigrationAwareDriverAdapterFactory;
  close(): Promise<void>;
}

async function openPglite(): Promise<TestDb> {
  const db = await PGlite.create(); // in memory; one per file: it takes seconds to start
  return { conn: pgliteConnection(db), factory: pgliteAdapterFactory(db), close: () => db.close() };
}

async function openPostgres(adminUrl: string): Promise<TestDb> {
  const name = `suivi_fast_migtest_${randomBytes(6).toString("hex")}`;
  const adminDbUrl = new URL(adminUrl);
  adminDbUrl.pathname = "/postgres";
  const admin = new pg.Client({ connectionString: adminDbUrl.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
  return {
    conn: pgConnection(client),
    factory: new PrismaPg(pool),
    close: async () => {
      await client.end();
      await pool.end();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

const tempDirs: string[] = [];
afterAll(() => Promise.all(tempDirs.map((d) => rm(d, { recursive: true, force: true }))));

/** A migrations directory with the given migration.sql files (name => SQL). */
async function migrationsDir(migrations: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "suivi-fast-migtest-"));
  tempDirs.push(dir);
  for (const [name, sql] of Object.entries(migrations)) await writeMigration(dir, name, sql);
  return dir;
}

async function writeMigration(dir: string, name: string, sql: string): Promise<void> {
  await mkdir(path.join(dir, name), { recursive: true });
  await writeFile(path.join(dir, name, "migration.sql"), sql);
}

interface Row {
  id: string;
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
  applied_steps_count: number;
}

function defineSuite(open: () => Promise<TestDb>) {
  let db: TestDb;
  beforeAll(async () => {
    db = await open();
  }, 60_000);
  afterAll(() => db?.close());
  // Every case starts from an empty database (and no _prisma_migrations).
  beforeEach(() => db.conn.exec("DROP SCHEMA public CASCADE; CREATE SCHEMA public;"));

  const rows = () =>
    db.conn.query<Row>(
      `SELECT id, checksum, finished_at, migration_name, logs, rolled_back_at, applied_steps_count
         FROM _prisma_migrations ORDER BY started_at, migration_name`,
    );
  const tableExists = async (table: string) =>
    (await db.conn.query<{ t: string | null }>(`SELECT to_regclass($1)::text AS t`, [table]))[0]?.t != null;
  const prismaSees = (dir: string) => diagnoseMigrationHistory(db.factory, dir);

  it("applies migrations in order and records them as Prisma does", async () => {
    const dir = await migrationsDir({
      // The second one needs the first: a wrong order would fail.
      "20250102000000_add_column": `ALTER TABLE "thing" ADD COLUMN "label" TEXT;\n`,
      "20250101000000_init": `CREATE TABLE "thing" ("id" SERIAL PRIMARY KEY);\n`,
    });
    const seen: string[] = [];
    const { applied } = await applyPendingMigrations(db.conn, dir, { onApplied: (n) => seen.push(n) });

    expect(applied).toEqual(["20250101000000_init", "20250102000000_add_column"]);
    expect(seen).toEqual(applied);
    const recorded = await rows();
    expect(recorded.map((r) => r.migration_name)).toEqual(applied);
    for (const r of recorded) {
      const bytes = await readFile(path.join(dir, r.migration_name, "migration.sql"));
      expect(r.checksum).toBe(createHash("sha256").update(bytes).digest("hex"));
      expect(r.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(r.finished_at).toBeInstanceOf(Date);
      expect(r.rolled_back_at).toBeNull();
      expect(r.logs).toBeNull();
      expect(r.applied_steps_count).toBe(1);
    }

    // Same table as Prisma's CREATE TABLE _prisma_migrations.
    const columns = await db.conn.query<Record<string, unknown>>(
      `SELECT column_name, data_type, character_maximum_length AS len, is_nullable, column_default
         FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns).toEqual([
      { column_name: "id", data_type: "character varying", len: 36, is_nullable: "NO", column_default: null },
      { column_name: "checksum", data_type: "character varying", len: 64, is_nullable: "NO", column_default: null },
      { column_name: "finished_at", data_type: "timestamp with time zone", len: null, is_nullable: "YES", column_default: null },
      { column_name: "migration_name", data_type: "character varying", len: 255, is_nullable: "NO", column_default: null },
      { column_name: "logs", data_type: "text", len: null, is_nullable: "YES", column_default: null },
      { column_name: "rolled_back_at", data_type: "timestamp with time zone", len: null, is_nullable: "YES", column_default: null },
      { column_name: "started_at", data_type: "timestamp with time zone", len: null, is_nullable: "NO", column_default: "now()" },
      { column_name: "applied_steps_count", data_type: "integer", len: null, is_nullable: "NO", column_default: "0" },
    ]);

    // Prisma reads this history as its own: nothing pending, failed or edited.
    expect(await prismaSees(dir)).toEqual({
      editedMigrationNames: [],
      failedMigrationNames: [],
      hasMigrationsTable: true,
      history: null,
    });
  });

  it("applies nothing on a second run", async () => {
    const dir = await migrationsDir({ "20250101000000_init": `CREATE TABLE "thing" ("id" INT);\n` });
    expect((await applyPendingMigrations(db.conn, dir)).applied).toEqual(["20250101000000_init"]);
    expect((await applyPendingMigrations(db.conn, dir)).applied).toEqual([]);
    expect(await rows()).toHaveLength(1);
  });

  it("applies nothing, and reports nothing, for an empty or missing migrations directory", async () => {
    for (const dir of [await migrationsDir({}), path.join(tmpdir(), `suivi-fast-missing-${Date.now()}`)]) {
      expect((await applyPendingMigrations(db.conn, dir)).applied).toEqual([]);
      expect(await getMigrationStatus(db.conn, dir)).toEqual({ applied: [], pending: [], failed: [], modified: [] });
    }
  });

  it("applies a plpgsql function with a $$ body and a trigger, as one multi-statement script", async () => {
    const dir = await migrationsDir({
      "20250101000000_audit_immutable": `-- The audit trail cannot be changed; semicolons inside the body must not split it.
CREATE TABLE "audit" ("id" INT PRIMARY KEY, "what" TEXT NOT NULL);

CREATE FUNCTION forbid_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit entries are immutable; % refused', TG_OP;
  RETURN NULL;
END;
$$;

CREATE TRIGGER audit_immutable BEFORE UPDATE OR DELETE ON "audit"
  FOR EACH ROW EXECUTE FUNCTION forbid_audit_change();
`,
    });
    expect((await applyPendingMigrations(db.conn, dir)).applied).toEqual(["20250101000000_audit_immutable"]);
    await db.conn.query(`INSERT INTO "audit" VALUES (1, 'created')`);
    await expect(db.conn.query(`UPDATE "audit" SET "what" = 'changed'`)).rejects.toThrow(
      "audit entries are immutable; UPDATE refused",
    );
  });

  it("rolls a failing migration back completely, records it as Prisma does, and refuses to go on until resolved", async () => {
    const dir = await migrationsDir({
      "20250101000000_ok": `CREATE TABLE "before" ("id" INT);\n`,
      "20250102000000_broken": `CREATE TABLE "half_done" ("id" INT);\nALTER TABLE "missing_table" ADD COLUMN "x" INT;\n`,
      "20250103000000_after": `CREATE TABLE "after" ("id" INT);\n`,
    });
    const seen: string[] = [];
    const failure = await applyPendingMigrations(db.conn, dir, { onApplied: (n) => seen.push(n) }).catch((e) => e);

    expect(failure).toBeInstanceOf(MigrationFailedError);
    expect(failure.migrationName).toBe("20250102000000_broken");
    expect(failure.message).toContain("20250102000000_broken");
    expect(failure.message).toContain('relation "missing_table" does not exist');
    expect(seen).toEqual(["20250101000000_ok"]); // committed before the failure
    expect(await tableExists("before")).toBe(true);
    expect(await tableExists("half_done")).toBe(false); // the first statement was rolled back too
    expect(await tableExists("after")).toBe(false);

    // The failed attempt stays in the history, as Prisma leaves it: finished_at NULL, the error in logs.
    const failedRow = (await rows()).find((r) => r.migration_name === "20250102000000_broken");
    expect(failedRow).toMatchObject({ finished_at: null, rolled_back_at: null, applied_steps_count: 0 });
    expect(failedRow?.logs).toContain('relation "missing_table" does not exist');
    expect(await getMigrationStatus(db.conn, dir)).toEqual({
      applied: ["20250101000000_ok"],
      pending: ["20250103000000_after"],
      failed: ["20250102000000_broken"],
      modified: [],
    });
    expect((await prismaSees(dir)).failedMigrationNames).toEqual(["20250102000000_broken"]);

    // Later runs refuse, naming the failed migration, even once the file is fixed...
    await writeMigration(dir, "20250102000000_broken", `CREATE TABLE "half_done" ("id" INT);\n`);
    const refusal = await applyPendingMigrations(db.conn, dir).catch((e) => e);
    expect(refusal).toBeInstanceOf(FailedMigrationsError);
    expect(refusal.failed).toEqual(["20250102000000_broken"]);
    expect(refusal.message).toContain("20250102000000_broken");
    expect(await tableExists("after")).toBe(false);

    // ...until it is marked rolled back (prisma migrate resolve --rolled-back): then it is applied again.
    await expect(markMigrationRolledBack(db.conn, "20250101000000_ok")).rejects.toThrow("not failed");
    await markMigrationRolledBack(db.conn, "20250102000000_broken");
    expect((await applyPendingMigrations(db.conn, dir)).applied).toEqual([
      "20250102000000_broken",
      "20250103000000_after",
    ]);
    expect(await tableExists("half_done")).toBe(true);
    expect(await getMigrationStatus(db.conn, dir)).toEqual({
      applied: ["20250101000000_ok", "20250102000000_broken", "20250103000000_after"],
      pending: [],
      failed: [],
      modified: [],
    });
    expect(await prismaSees(dir)).toMatchObject({ failedMigrationNames: [], history: null });
  });

  it("reports pending and modified migrations like Prisma", async () => {
    const dir = await migrationsDir({ "20250101000000_init": `CREATE TABLE "thing" ("id" INT);\n-- v1\n` });
    await applyPendingMigrations(db.conn, dir);
    await writeMigration(dir, "20250102000000_next", `CREATE TABLE "other" ("id" INT);\n`);
    expect(await getMigrationStatus(db.conn, dir)).toEqual({
      applied: ["20250101000000_init"],
      pending: ["20250102000000_next"],
      failed: [],
      modified: [],
    });
    expect((await prismaSees(dir)).history).toEqual({
      diagnostic: "databaseIsBehind",
      unappliedMigrationNames: ["20250102000000_next"],
    });

    // Line endings changed by a checkout are not a modification (Prisma accepts both)...
    await writeMigration(dir, "20250101000000_init", `CREATE TABLE "thing" ("id" INT);\r\n-- v1\r\n`);
    expect((await getMigrationStatus(db.conn, dir)).modified).toEqual([]);
    expect((await prismaSees(dir)).editedMigrationNames).toEqual([]);

    // ...an edit is.
    await writeMigration(dir, "20250101000000_init", `CREATE TABLE "thing" ("id" INT);\n-- v2\n`);
    expect((await getMigrationStatus(db.conn, dir)).modified).toEqual(["20250101000000_init"]);
    expect((await prismaSees(dir)).editedMigrationNames).toEqual(["20250101000000_init"]);
  });
}

describe("migrations on PGlite", () => defineSuite(openPglite));

const databaseUrl = process.env.DATABASE_URL;
describe.skipIf(!databaseUrl)("migrations on PostgreSQL (DATABASE_URL)", () =>
  defineSuite(() => openPostgres(databaseUrl!)),
);
