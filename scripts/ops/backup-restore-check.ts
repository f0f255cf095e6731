// `npm run ops:backup-check`: exercises the backup and restore procedure of docs/exploitation.md and
// proves the copy is faithful.
//   PostgreSQL: pg_dump (custom format) of a database, pg_restore into a NEW database, then the row count
//   of every table, the budget totals (credits, releases, AE engaged, CP paid: overall and per convention),
//   the migrations, the audit trail's protections (triggers) and sequences compared with the original.
//   PGlite: the data directory archived with tar while nothing has it open, extracted elsewhere, reopened
//   and compared the same way.
// By default both run on scratch copies of the demo (with some expenditure added): nothing existing is
// touched. To check a real database or directory (read-only on the original):
//   npm run ops:backup-check -- --postgres postgresql://…/suivi_fast   (the restored copy is dropped after)
//   npm run ops:backup-check -- --pglite .data/pglite                 (the application must be stopped)
// Options: --only postgres|pglite, --keep (keep the restored database / directory and the archives),
// --admin-url <url> (maintenance connection used to create and drop databases; default the local server).
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs, promisify } from "node:util";
import pg from "pg";
import { PGlite } from "@electric-sql/pglite";
import { openDatabase, openPglite, type Db } from "../../src/server/db/client";
import { setupDatabase } from "../db/setup-database";
import { newAuditContext, recordAudit } from "../../src/server/db/audit";
import { refreshStanding } from "../../src/server/repositories/standing";
import { today } from "../../src/server/clock";
import { differences, euros, measure, type Measure, type Query } from "./measure";

const run = promisify(execFile);

const { values } = parseArgs({
  options: {
    postgres: { type: "string" },
    pglite: { type: "string" },
    only: { type: "string" },
    keep: { type: "boolean", default: false },
    "admin-url": { type: "string", default: process.env.BACKUP_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres" },
  },
});
if (values.only && values.only !== "postgres" && values.only !== "pglite") {
  console.error("--only attend postgres ou pglite");
  process.exit(2);
}
const adminUrl = values["admin-url"]!;
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);

function urlOf(database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withClient<T>(url: string, body: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await body(client);
  } finally {
    await client.end();
  }
}

const pgQuery =
  (client: pg.Client): Query =>
  async <T>(sql: string, params?: unknown[]) =>
    (await client.query(sql, params)).rows as T[];

const pgliteQuery =
  (db: PGlite): Query =>
  async <T>(sql: string, params?: unknown[]) =>
    (await db.query<T>(sql, params)).rows;

/** Some expenditure on FAST 14 (EJ, movements, payments, with their audit entries), so that the totals are not all zero. */
async function addExpenditure(prisma: Db): Promise<void> {
  const convention = await prisma.convention.findUniqueOrThrow({ where: { reference: "FAST14-FCU" } });
  const user = await prisma.user.findUniqueOrThrow({ where: { email: "gestionnaire@dnum-mte.example.fr" } });
  const audit = newAuditContext({ userId: user.id, organisationId: user.organisationId, role: user.role });
  await prisma.$transaction(async (tx) => {
    for (let i = 1; i <= 3; i++) {
      const ej = await tx.engagementJuridique.create({
        data: {
          conventionId: convention.id,
          chorusNumber: String(2_200_000_000 + i),
          lineNumber: 1,
          orderedOn: new Date(`2024-0${i + 3}-15T00:00:00Z`),
          supplierName: `Prestataire ${i}`,
          object: `Développement, lot ${i}`,
          marche: convention.marche,
          domaineFonctionnel: convention.domaineFonctionnel,
          centreFinancier: convention.centreFinancier,
          activite: convention.activite,
          centreDeCout: convention.centreDeCout,
          source: "SAISIE",
          createdById: user.id,
          movements: {
            create: [
              { kind: "INITIAL", movedOn: new Date(`2024-0${i + 3}-15T00:00:00Z`), amountCents: BigInt(1_234_567 * i), createdById: user.id },
              { kind: "AUGMENTATION", movedOn: new Date(`2024-0${i + 4}-01T00:00:00Z`), amountCents: 50_001n, createdById: user.id },
            ],
          },
        },
      });
      await recordAudit(tx, audit, { kind: "expenditure.ej", conventionId: convention.id, entity: "engagementJuridique", entityId: ej.id });
      const payment = await tx.paymentRequest.create({
        data: { conventionId: convention.id, ejId: ej.id, dpNumber: String(1_000_000_000 + i), paidOn: new Date(`2024-0${i + 5}-10T00:00:00Z`), amountCents: BigInt(987_654 * i), source: "SAISIE", createdById: user.id },
      });
      await recordAudit(tx, audit, { kind: "expenditure.payment", conventionId: convention.id, entity: "paymentRequest", entityId: payment.id });
    }
    // Written around the use cases: the convention's standing in the portfolio is rewritten as the runner does.
    await refreshStanding(tx, convention.id, today());
  });
}

function print(title: string, original: Measure, problems: string[]) {
  const rows = Object.values(original.counts).reduce((a, b) => a + b, 0);
  console.log(`  ${Object.keys(original.counts).length} tables, ${rows} lignes au total, identiques : ${problems.length === 0 ? "oui" : "NON"}`);
  for (const [key, cents] of Object.entries(original.totals)) if (key.endsWith("— total")) console.log(`  ${key.replace(" — total", "").padEnd(24)} ${euros(cents)}`);
  for (const p of problems) console.log(`  ÉCART (${title}) : ${p}`);
}

/** What only PostgreSQL keeps beside the rows: applied migrations, the audit trail's triggers, sequences past their rows. */
async function structure(query: Query): Promise<string[]> {
  const migrations = await query<{ m: string }>(`SELECT migration_name || ':' || checksum AS m FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY 1`);
  const triggers = await query<{ t: string }>(`SELECT tgname AS t FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1`);
  const [seq] = await query<{ ok: boolean }>(`SELECT (SELECT last_value FROM audit_entry_id_seq) >= (SELECT COALESCE(MAX(id), 0) FROM audit_entry) AS ok`);
  return [...migrations.map((r) => `migration ${r.m}`), ...triggers.map((r) => `déclencheur ${r.t}`), `séquence audit_entry_id_seq au-delà des lignes : ${seq!.ok}`];
}

async function auditTrailIsProtected(query: Query): Promise<boolean> {
  try {
    await query(`BEGIN`);
    await query(`UPDATE audit_entry SET kind = kind WHERE id = (SELECT MIN(id) FROM audit_entry)`);
    return false;
  } catch {
    return true;
  } finally {
    await query(`ROLLBACK`).catch(() => undefined);
  }
}

async function checkPostgres(): Promise<string[]> {
  console.log("\nPostgreSQL : pg_dump puis pg_restore dans une nouvelle base");
  let sourceUrl = values.postgres;
  let scratch: string | undefined;
  const problems: string[] = [];
  if (!sourceUrl) {
    scratch = `suivi_fast_backup_src_${stamp}`;
    await withClient(adminUrl, (c) => c.query(`CREATE DATABASE ${scratch}`));
    sourceUrl = urlOf(scratch);
    const open = openDatabase({ kind: "postgres", url: sourceUrl });
    await setupDatabase({ kind: "postgres", url: sourceUrl }, open, { seed: true });
    await addExpenditure(open.prisma);
    await open.close();
    console.log(`  base d'origine : ${scratch} (démonstration + dépenses d'essai)`);
  } else {
    console.log(`  base d'origine : ${new URL(sourceUrl).pathname.slice(1)}`);
  }
  const target = `suivi_fast_restore_check_${stamp}`;
  const work = mkdtempSync(join(tmpdir(), "suivi-fast-backup-"));
  const dump = join(work, "suivi-fast.dump");
  try {
    const started = Date.now();
    await run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", `--file=${dump}`, sourceUrl]);
    const dumpMs = Date.now() - started;
    const original = await withClient(sourceUrl, async (c) => ({ measure: await measure(pgQuery(c)), structure: await structure(pgQuery(c)) }));
    await withClient(adminUrl, (c) => c.query(`CREATE DATABASE ${target}`));
    const restoreStarted = Date.now();
    await run("pg_restore", ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", `--dbname=${urlOf(target)}`, dump]);
    const restoreMs = Date.now() - restoreStarted;
    const copy = await withClient(urlOf(target), async (c) => ({
      measure: await measure(pgQuery(c)),
      structure: await structure(pgQuery(c)),
      protectedTrail: await auditTrailIsProtected(pgQuery(c)),
    }));
    problems.push(...differences(original.measure, copy.measure));
    const lost = original.structure.filter((s) => !copy.structure.includes(s));
    problems.push(...lost.map((s) => `${s} : absent de la copie`));
    if (!copy.protectedTrail) problems.push("le journal d'audit de la copie accepte une modification");
    console.log(`  sauvegarde ${(statSync(dump).size / 1024).toFixed(0)} Kio en ${dumpMs} ms, restauration dans ${target} en ${restoreMs} ms`);
    print("PostgreSQL", original.measure, problems);
  } finally {
    if (!values.keep) {
      await withClient(adminUrl, async (c) => {
        await c.query(`DROP DATABASE IF EXISTS ${target} WITH (FORCE)`);
        if (scratch) await c.query(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`);
      });
      rmSync(work, { recursive: true, force: true });
    } else {
      console.log(`  conservés : base ${target}${scratch ? `, base ${scratch}` : ""}, sauvegarde ${dump}`);
    }
  }
  return problems;
}

async function measurePglite(dir: string): Promise<Measure> {
  const db = new PGlite(dir);
  try {
    return await measure(pgliteQuery(db));
  } finally {
    await db.close();
  }
}

async function checkPglite(): Promise<string[]> {
  console.log("\nPGlite : archive du répertoire de données (application arrêtée), extraction ailleurs, réouverture");
  const work = mkdtempSync(join(tmpdir(), "suivi-fast-pglite-backup-"));
  let source = values.pglite ? resolve(values.pglite) : undefined;
  const problems: string[] = [];
  try {
    if (!source) {
      source = join(work, "origine");
      const open = openPglite(new PGlite(source));
      await setupDatabase({ kind: "pglite", dataDir: source }, open, { seed: true });
      await addExpenditure(open.prisma);
      await open.close();
      console.log("  répertoire d'origine : copie de travail (démonstration + dépenses d'essai)");
    } else {
      console.log(`  répertoire d'origine : ${source}`);
    }
    // Measured and archived while closed: the same state on both sides.
    const original = await measurePglite(source);
    const archive = join(work, "sauvegarde-pglite.tar.gz");
    const restored = join(work, "restaure");
    const started = Date.now();
    await run("tar", ["-C", source, "-czf", archive, "."]);
    const archiveMs = Date.now() - started;
    rmSync(restored, { recursive: true, force: true });
    await run("mkdir", ["-p", restored]);
    await run("tar", ["-C", restored, "-xzf", archive]);
    const reopenStarted = Date.now();
    const copy = await measurePglite(restored);
    const reopenMs = Date.now() - reopenStarted;
    problems.push(...differences(original, copy));
    console.log(`  archive ${(statSync(archive).size / 1024).toFixed(0)} Kio en ${archiveMs} ms, réouverture et mesure en ${reopenMs} ms`);
    print("PGlite", original, problems);
  } finally {
    if (values.keep) console.log(`  conservés : ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
  return problems;
}

async function main(): Promise<number> {
  const problems: string[] = [];
  if (values.only !== "pglite") problems.push(...(await checkPostgres()));
  if (values.only !== "postgres") problems.push(...(await checkPglite()));
  console.log(problems.length === 0 ? "\nSauvegarde et restauration vérifiées : copies identiques." : `\n${problems.length} écart(s) : la copie n'est pas fidèle.`);
  return problems.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const e = error as { message?: string; stderr?: string };
    console.error(`Échec de la vérification : ${e.stderr?.trim() || e.message || String(error)}`);
    process.exit(1);
  },
);
