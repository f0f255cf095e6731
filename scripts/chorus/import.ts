// `npm run chorus:import -- --convention FAST14-FCU --as gestionnaire@dnum-mte.example.fr [--format INF_BUD_53_AE] [--apply] <file>`
// The browser's import, for operators: previews by default, applies all or nothing with --apply. The layout
// is recognised from the header (--format forces one). Exits 1 when a line of the convention is refused (every
// problem listed with its line), 2 on bad usage. The account named by --as must be allowed to record the
// convention's expenditure; the import is audited in its name.
// Runs with the react-server condition (see package.json) so that the app's server modules load as in Next, and
// with the heap options of the app's import process (src/server/chorus/import-entry.ts): it only imports.
import { constants, createReadStream } from "node:fs";
import { access, stat } from "node:fs/promises";
import { parseArgs } from "node:util";
import { applyOrRefuse, applyRefusal, CHORUS_FORMATS, discardExtract, ImportRefused, planExtract, readExtract, type ChorusFormat, type ExtractReading, type ImportSummary } from "../../src/server/chorus/import";
import { describePlan } from "../../src/domain/chorus/plan";
import { messageOf } from "../../src/domain/failures";
import { can, type Actor, type ConventionParties } from "../../src/domain/permissions";
import { db } from "../../src/server/db";

const USAGE = `Usage : npm run chorus:import -- --convention <référence> --as <adresse électronique> [--format ${Object.keys(CHORUS_FORMATS).join("|")}] [--apply] <fichier>`;

/** The file's size, or a French sentence saying why it cannot be read. */
async function readable(file: string): Promise<number | string> {
  try {
    await access(file, constants.R_OK);
    const info = await stat(file);
    if (!info.isFile()) return `« ${file} » n'est pas un fichier.`;
    return info.size;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return `Fichier introuvable : « ${file} ».`;
    if (code === "EACCES") return `Fichier illisible (droits insuffisants) : « ${file} ».`;
    return `Fichier illisible : « ${file} ».`;
  }
}

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
  const totalBytes = await readable(file);
  if (typeof totalBytes === "string") {
    console.error(totalBytes);
    return 1;
  }
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
  try {
    return await previewThenApply(convention.id, reading, actor, file, values.apply === true);
  } finally {
    discardExtract(reading);
  }
}

/** "… et 12 autres" when a list was cut to its first lines (the counts are whole). */
const more = (shown: number, count: number) => (count > shown ? [`  … et ${count - shown} autre(s)`] : []);

async function previewThenApply(conventionId: string, reading: ExtractReading, actor: Actor, file: string, apply: boolean): Promise<number> {
  // One plan: the preview's (nothing written), or, with --apply, the one made in the write transaction. A
  // refused import lists the problems (the first 500 of the file and of the plan), then stops.
  const attempt = apply ? await applyOrRefuse(conventionId, reading, actor, file.split("/").pop() ?? file) : null;
  const plan: ImportSummary = attempt?.plan ?? (await planExtract(conventionId, reading));
  console.log(`${CHORUS_FORMATS[reading.format]} (${reading.fileKind.toUpperCase()}, encodage ${reading.encoding}), ${reading.linesRead} lignes de données ; SHA-256 ${reading.fileSha256}.`);
  if (reading.decidedBy.length > 0) console.log(`Lignes de la convention reconnues par : ${reading.decidedBy.join(", ")}.`);
  console.log(`${reading.otherCount} ligne(s) d'autres conventions ignorée(s).`);
  for (const r of [...reading.rejected, ...plan.rejected].sort((a, b) => a.lineNumber - b.lineNumber)) console.log(`  refusée — ${r.reason}`);
  for (const line of more(reading.rejected.length + plan.rejected.length, reading.rejectedCount + plan.counts.rejected)) console.log(line);
  for (const n of plan.notes) console.log(`  note — ${n.reason}`);
  for (const line of more(plan.notes.length, plan.counts.notes)) console.log(line);
  const refusal = attempt ? attempt.refusal : applyRefusal(reading, plan);
  if (refusal) {
    console.error(messageOf(refusal));
    return 1;
  }
  for (const change of plan.changes) console.log(`  ${change}`);
  for (const line of more(plan.changes.length, plan.counts.changes)) console.log(line);
  const described = describePlan({ ...plan, ...plan.counts });
  if (!attempt) console.log(`Prévisualisation (rien n'est écrit ; ajoutez --apply pour importer) : ${described}`);
  else console.log(attempt.importId ? `Importé : ${described}` : `Rien à importer : toutes les lignes de la convention sont déjà enregistrées (${described})`);
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
