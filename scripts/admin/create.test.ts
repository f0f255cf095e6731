// `npm run admin:create`: in process on a copy of the demo database and on an empty one (the first
// administrator of a fresh install, DINUM added to the empty directory), then as a real process on PostgreSQL
// (exit codes 0, 1, 2). The link it prints works once, as an invitation's.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import pg from "pg";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-db";
import { adminUrl, databaseUrl } from "../../tests/support/urls";
import { openDatabase, openPglite, type OpenDatabase } from "../../src/server/db/client";
import { migrate } from "../db/setup-database";
import { createAdminCommand } from "./create";
import { findInvitation } from "../../src/server/repositories/administration";

const NOW = new Date("2026-12-03T10:00:00Z");
const BASE = "https://suivi-fast.example.fr";
const holder = globalThis as unknown as { __suiviFastDb?: OpenDatabase };

async function command(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await createAdminCommand(argv, { out: (l) => out.push(l), err: (l) => err.push(l), now: NOW, baseUrl: BASE });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const tokenOf = (out: string) => /\/invitation\/([A-Za-z0-9_-]{43})$/m.exec(out)?.[1] ?? "";

/** A migrated database without any data: PostgreSQL when DATABASE_URL is set, an in-memory PGlite otherwise. */
async function emptyDatabase(): Promise<OpenDatabase & { url?: string }> {
  const base = process.env.DATABASE_URL;
  if (!base) {
    const open = openPglite(new PGlite());
    await migrate({ kind: "pglite", dataDir: "memory://" }, open);
    return open;
  }
  const name = `suivi_fast_empty_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl(base) });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = databaseUrl(base, name);
  const open = openDatabase({ kind: "postgres", url });
  await migrate({ kind: "postgres", url }, open);
  return {
    ...open,
    url,
    close: async () => {
      await open.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

let demo: TestDatabase;
let empty: OpenDatabase & { url?: string };

beforeAll(async () => {
  demo = await createTestDatabase();
  empty = await emptyDatabase();
});
afterAll(async () => {
  await empty.close();
  await demo.close();
});

describe("npm run admin:create, in process", () => {
  it("on an empty database: adds DINUM, creates the administrator, prints a link that works once for 7 days", async () => {
    holder.__suiviFastDb = empty;
    const result = await command("--email", " Premiere.Admin@Numerique.gouv.fr ", "--name", "Première Administratrice");
    expect(result).toMatchObject({ code: 0, err: "" });
    expect(result.out).toContain("Organisation DINUM ajoutée à l'annuaire (elle était vide).");
    expect(result.out).toContain("Compte administrateur créé pour Première Administratrice <premiere.admin@numerique.gouv.fr> (DINUM).");
    expect(result.out).toContain("il ne fonctionne qu'une fois, jusqu'au 10 décembre 2026 à 11:00");
    const token = tokenOf(result.out);
    expect(result.out).toContain(`${BASE}/invitation/${token}`);
    const user = await empty.prisma.user.findUniqueOrThrow({ where: { email: "premiere.admin@numerique.gouv.fr" }, include: { organisation: true } });
    expect(user).toMatchObject({ role: "ADMIN", active: false, passwordHash: null, organisation: { slug: "dinum", kind: "DELEGANT", siret: "13002526500013" } });
    expect((await findInvitation(token, new Date("2026-12-10T09:59:59Z"))).state).toBe("VALIDE");
    expect((await findInvitation(token, new Date("2026-12-10T10:00:00Z"))).state).toBe("EXPIREE");
    const audit = await empty.prisma.auditEntry.findMany({ orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.kind, a.userId])).toEqual([["organisation.create", null], ["user.invite", null]]);
    expect(JSON.stringify(audit.map((a) => a.after))).not.toContain(token);
  });

  it("refuses an e-mail that has an account (exit 1), writing nothing", async () => {
    holder.__suiviFastDb = empty;
    const before = await empty.prisma.auditEntry.count();
    const result = await command("--email", "premiere.admin@numerique.gouv.fr", "--name", "Encore");
    expect(result).toEqual({ code: 1, out: "", err: "Un compte existe déjà pour premiere.admin@numerique.gouv.fr : retrouvez-le dans la liste des comptes." });
    expect(await empty.prisma.auditEntry.count()).toBe(before);
  });

  it("on the demo database: puts the administrator in the organisation named, or refuses an unknown one", async () => {
    holder.__suiviFastDb = demo;
    const unknown = await command("--email", "x@example.fr", "--name", "X", "--organisation", "nulle-part");
    expect(unknown).toMatchObject({ code: 1, err: "Organisation « nulle-part » introuvable. Organisations connues : ddt-demo, dinum, dnum-mte, drieat, sg-demo." });
    const created = await command("--email", "admin.drieat@example.fr", "--name", "Admin DRIEAT", "--organisation", "drieat");
    expect(created.code).toBe(0);
    expect(created.out).not.toContain("ajoutée à l'annuaire");
    expect(await demo.prisma.user.findUniqueOrThrow({ where: { email: "admin.drieat@example.fr" }, include: { organisation: true } })).toMatchObject({ role: "ADMIN", organisation: { slug: "drieat" } });
    expect(await demo.prisma.organisation.count()).toBe(5);
  });

  it("exits 2 on bad usage, in French", async () => {
    expect(await command()).toMatchObject({ code: 2, err: expect.stringContaining("L'adresse électronique (--email) et le nom (--name) sont obligatoires.") });
    expect(await command("--email", "pas-une-adresse", "--name", "X")).toMatchObject({ code: 2, err: expect.stringContaining("Adresse électronique invalide") });
    expect(await command("--email", "a@b.fr", "--name", "X", "--organisation", "Pas Un Slug")).toMatchObject({ code: 2, err: expect.stringContaining("identifiant court (slug)") });
    expect(await command("--email", "a@b.fr", "--name", "X", "--role", "ADMIN")).toMatchObject({ code: 2, err: expect.stringContaining("Option non reconnue") });
  });
});

const run = promisify(execFile);

async function cli(env: Record<string, string>, ...args: string[]) {
  try {
    const { stdout, stderr } = await run("npm", ["run", "--silent", "admin:create", "--", ...args], { env: { ...process.env, ...env }, timeout: 60_000 });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

describe.runIf(process.env.DATABASE_URL)("npm run admin:create, as a process on PostgreSQL", () => {
  it("creates, refuses a second time, and explains its usage, with exit codes 0, 1 and 2", async () => {
    const env = { DATABASE_URL: empty.url!, AUTH_URL: "https://suivi.numerique.gouv.fr" };
    const created = await cli(env, "--email", "exploitation@numerique.gouv.fr", "--name", "Équipe Exploitation");
    expect(created.code).toBe(0);
    expect(created.out).toMatch(/^https:\/\/suivi\.numerique\.gouv\.fr\/invitation\/[A-Za-z0-9_-]{43}$/m);
    expect(await cli(env, "--email", "exploitation@numerique.gouv.fr", "--name", "Équipe Exploitation")).toEqual({ code: 1, out: expect.stringContaining("Un compte existe déjà") });
    expect(await cli(env, "--name", "Sans adresse")).toEqual({ code: 2, out: expect.stringContaining("Usage : npm run admin:create") });
  });
});
