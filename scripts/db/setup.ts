// `npm run db:setup`: migrate the database (embedded by default, PostgreSQL with DATABASE_URL) and load the
// demo data on first start. Prints the demo accounts.
import { parseEnv } from "../../src/server/env";
import { databaseTarget, openDatabase } from "../../src/server/db/client";
import { setupDatabase } from "./setup-database";
import { DEMO_PASSWORD, DEMO_USERS } from "../../prisma/seed/fast14";
import { OPERATOR_ERRORS, toAppError } from "../../src/server/errors";

export async function runSetup(): Promise<void> {
  const env = parseEnv(process.env);
  const target = databaseTarget(env);
  const where = target.kind === "postgres" ? "PostgreSQL (DATABASE_URL)" : `base embarquée PGlite (${target.dataDir})`;
  console.log(`Base de données : ${where}`);
  const started = Date.now();
  const open = openDatabase(target);
  try {
    const { applied, seeded } = await setupDatabase(target, open, { seed: env.NODE_ENV !== "production" || !env.DATABASE_URL });
    for (const name of applied) console.log(`  migration appliquée : ${name}`);
    if (seeded) console.log("  données de démonstration chargées (FAST 14 | France Chaleur Urbaine, convention fictive)");
    console.log(`Base prête en ${((Date.now() - started) / 1000).toFixed(1)} s.`);
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
  runSetup().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
