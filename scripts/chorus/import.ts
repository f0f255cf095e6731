// `npm run chorus:import -- --convention FAST14-FCU --as gestionnaire@dnum-mte.example.fr [--format INF_BUD_53] [--apply] <file>`
// The browser's import, for operators: previews by default, applies all or nothing with --apply. The
// account named by --as must be allowed to record the convention's expenditure; the import is audited in its name.
// Runs with the react-server condition (see package.json) so that the app's server modules load as in Next.
import { createReadStream, statSync } from "node:fs";
import { parseArgs } from "node:util";
import { applyExtract, CHORUS_FORMATS, ImportRefused, planExtract, readExtract, type ChorusFormat } from "../../src/server/chorus/import";
import { describePlan } from "../../src/domain/chorus/plan";
import { can, type ConventionParties } from "../../src/domain/permissions";
import { db } from "../../src/server/db";

const USAGE = "Usage : npm run chorus:import -- --convention <référence> --as <adresse électronique> [--format INF_BUD_53|NATIONAL_EJ|NATIONAL_DP] [--apply] <fichier>";

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: { convention: { type: "string" }, as: { type: "string" }, format: { type: "string" }, apply: { type: "boolean", default: false } },
    allowPositionals: true,
  });
  const file = positionals[0];
  if (!values.convention || !values.as || !file) {
    console.error(USAGE);
    return 2;
  }
  if (values.format && !(values.format in CHORUS_FORMATS)) {
    console.error(`Format inconnu « ${values.format} ». ${USAGE}`);
    return 2;
  }
  const convention = await db().convention.findUnique({ where: { reference: values.convention }, include: { parties: true } });
  if (!convention) {
    console.error(`Convention « ${values.convention} » introuvable.`);
    return 1;
  }
  const user = await db().user.findUnique({ where: { email: values.as.trim().toLowerCase() } });
  const parties = Object.fromEntries(convention.parties.map((p) => [p.role, p.organisationId])) as ConventionParties;
  const actor = user && user.active ? { userId: user.id, organisationId: user.organisationId, role: user.role } : null;
  if (!actor || !can(actor, "expenditure.record", parties)) {
    console.error(`Le compte « ${values.as} » ne peut pas enregistrer les dépenses de ${convention.reference} (gestionnaire du délégataire uniquement).`);
    return 1;
  }
  const totalBytes = statSync(file).size;
  let lastShown = 0;
  const reading = await readExtract(convention.id, createReadStream(file), {
    format: values.format as ChorusFormat | undefined,
    totalBytes,
    onProgress: ({ bytesRead }) => {
      const percent = Math.floor((bytesRead / totalBytes) * 100);
      if (percent >= lastShown + 10) {
        lastShown = percent;
        process.stderr.write(`lecture : ${percent} %\n`);
      }
    },
  });
  const plan = values.apply ? (await applyExtract(convention.id, reading, actor, file.split("/").pop() ?? file)).plan : await planExtract(convention.id, reading);
  console.log(`${CHORUS_FORMATS[reading.format]}, encodage ${reading.encoding}, ${reading.linesRead + reading.rejected.length} lignes de données.`);
  console.log(`${values.apply ? "Importé" : "Prévisualisation (rien n'est écrit ; ajoutez --apply pour importer)"} : ${describePlan(plan)}`);
  console.log(`${reading.otherCount} ligne(s) d'autres conventions ignorée(s).`);
  for (const r of [...reading.rejected, ...plan.rejected].sort((a, b) => a.lineNumber - b.lineNumber)) console.log(`  refusée — ${r.reason}`);
  return 0;
}

main()
  .then(async (code) => {
    await db().$disconnect();
    process.exit(code);
  })
  .catch(async (error) => {
    console.error(error instanceof ImportRefused ? error.message : `Import impossible : ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
