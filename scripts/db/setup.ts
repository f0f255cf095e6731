// `npm run db:setup`: migrate the database (embedded by default, PostgreSQL with DATABASE_URL); load the demo
// data on the embedded database's first start, or on PostgreSQL only when asked (SEED_DEMO=1, or --demo):
// a production database never receives accounts whose password is published. Prints what it did.
import { parseEnv, type Env } from "../../src/server/env";
import { databaseTarget, openDatabase } from "../../src/server/db/client";
import { setupDatabase } from "./setup-database";
import { DEMO_PASSWORD, DEMO_USERS } from "../../prisma/seed/fast14";
import { OPERATOR_ERRORS, toAppError } from "../../src/server/errors";

/** Whether to load the demo on an empty database: by default on the embedded one only. */
export function demoWanted(env: Env, argv: readonly string[] = []): boolean {
  if (argv.includes("--demo") || env.SEED_DEMO === "1") return true;
  if (env.SEED_DEMO === "0") return false;
  return !env.DATABASE_URL;
}

export async function runSetup(argv: readonly string[] = []): Promise<void> {
  const env = parseEnv(process.env);
  const target = databaseTarget(env);
  const where = target.kind === "postgres" ? "PostgreSQL (DATABASE_URL)" : `base embarquée PGlite (${target.dataDir})`;
  console.log(`Base de données : ${where}`);
  const started = Date.now();
  const open = openDatabase(target);
  try {
    const demo = demoWanted(env, argv);
    const { applied, seeded, demoPresent, standings } = await setupDatabase(target, open, { seed: demo });
    console.log(applied.length ? applied.map((name) => `  migration appliquée : ${name}`).join("\n") : "  aucune migration en attente");
    if (standings > 0) console.log(`  situation dans le portefeuille calculée pour ${standings} convention${standings > 1 ? "s" : ""} (absente ou de règles antérieures)`);
    if (seeded) console.log("  données de démonstration chargées (FAST 14 | France Chaleur Urbaine, convention fictive)");
    else if (demoPresent) console.log("  données de démonstration déjà présentes");
    else console.log(`  aucune donnée de démonstration${demo ? "" : " (base PostgreSQL : SEED_DEMO=1 pour en charger)"}`);
    console.log(`Base prête en ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    if (!seeded && !demoPresent) return;
  } catch (error) {
    const appError = toAppError(error);
    throw new Error(appError.code === "UNEXPECTED" ? appError.message : `${OPERATOR_ERRORS[appError.code] ?? appError.userMessage}\n(${appError.message})`);
  } finally {
    await open.close().catch(() => undefined);
  }
  console.log("\nComptes de démonstration (mot de passe commun : " + DEMO_PASSWORD + ")");
  for (const u of DEMO_USERS) console.log(`  ${u.email.padEnd(36)} ${u.label}`);
  console.log("");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runSetup(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
