// Writes an INF-BUD-53-style extract of N data rows, deterministic for a seed: the input of the import
// benchmark and of the streaming tests. Same shape as tests/fixtures/chorus/inf-bud-53-fast14.csv (title rows,
// header, ";"-separated, French amounts with thousands separators, dd.mm.yyyy dates, "#" for empty), FAST 14's
// imputation on most rows and another convention's on the others, some reductions.
//
//   npx tsx scripts/chorus/generate-extract.ts --lines 100000 --out tmp/inf-bud-53-100k.csv [--seed 14] [--encoding utf-8]
//
// Written through a stream: memory stays flat whatever the number of rows.
import { createWriteStream, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import iconv from "iconv-lite";

export type ExtractEncoding = "windows-1252" | "utf-8";

export type ExtractOptions = {
  lines: number;
  seed?: number;
  /** Infocentre writes Windows-1252 (the default); "utf-8" writes no BOM. */
  encoding?: ExtractEncoding;
  /** Every n-th row gets an unreadable amount (0: none, the default). */
  badEvery?: number;
  /** Number of ASCII-only rows written first (no accent before them): tests late encoding detection. */
  asciiFirstRows?: number;
};

export type ExtractTotals = {
  /** Data rows written (rows of the other convention and bad rows included). */
  dataRows: number;
  /** Rows on FAST 14's imputation, and their signed total (cents). */
  conventionRows: number;
  conventionCents: bigint;
  otherConventionRows: number;
  badRows: number;
};

const FAST14 = { df: "0352-01", cf: "0352-CFSE-CFIN", cdc: "SGDFNUM092", activite: "035200010101" };
const OTHER = { df: "0352-02", cf: "0352-CDBT-CFIN", cdc: "SGDFNUM095", activite: "035200020101" };
const SUPPLIERS = [
  { code: "1000872104", name: "Numérique & Produit Associés", siret: "91234567500017" },
  { code: "1000915537", name: "Coopérative Élan Numérique", siret: "88765432500026" },
  { code: "1000733291", name: "Atelier des Territoires Numériques", siret: "80246813200013" },
  { code: "1000640018", name: "Société Coopérative de Conception Ouverte", siret: "#" },
];
const ASCII_SUPPLIER = { code: "1000500001", name: "Open Product Studio", siret: "75123456700004" };
const OBJECTS = [
  "BC : développement, sprint",
  "BC : design et recherche utilisateur ; lot",
  "BC : déploiement et accompagnement, vague",
  "BC : hébergement et exploitation, mois",
];
const HEADER =
  "Programme;Domaine fonctionnel;Centre financier;Centre de coûts;Référentiel de programmation (activité);N° EJ;N° poste EJ;Date de l'EJ;Fournisseur;Fournisseur;SIRET;Compte général;Objet;Montant engagé";
const TITLE = ["Pilotage de la gestion : INF-BUD-53 - Restitution des engagements juridiques (jeu généré)", "Exercice 2024", ""];
const ASCII_TITLE = ["Pilotage de la gestion : INF-BUD-53 (generated)", "Exercice 2024", ""];
const ASCII_HEADER =
  "Programme;Domaine fonctionnel;Centre financier;Centre de couts;Referentiel de programmation (activite);No EJ;No poste EJ;Date EJ;Fournisseur;Fournisseur;SIRET;Compte general;Objet;Montant engage";

/** mulberry32: a tiny deterministic PRNG (quality is irrelevant here, reproducibility is the point). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** "-12 345,67" with the given thousands separator: exact, from integer cents. */
export function frenchAmount(cents: bigint, separator = " "): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const units = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, separator);
  return `${negative ? "-" : ""}${units},${(abs % 100n).toString().padStart(2, "0")}`;
}

const quote = (field: string) => (/[;"\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field);

/** The file's lines (without line breaks); `totals` is filled as they are produced. */
export function* extractLines(options: ExtractOptions, totals: ExtractTotals): Generator<string> {
  const next = random(options.seed ?? 14);
  const asciiFirst = options.asciiFirstRows ?? 0;
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const start = Date.UTC(2024, 2, 1);
  const days = (Date.UTC(2024, 11, 15) - start) / 86_400_000;
  yield* asciiFirst > 0 ? ASCII_TITLE : TITLE;
  yield asciiFirst > 0 ? ASCII_HEADER : HEADER;
  for (let row = 1; row <= options.lines; row++) {
    const ascii = row <= asciiFirst;
    const other = next() < 0.1;
    const imputation = other ? OTHER : FAST14;
    const supplier = ascii ? ASCII_SUPPLIER : SUPPLIERS[int(0, SUPPLIERS.length - 1)]!;
    const ej = String(1_300_000_000 + int(0, 99_999));
    const poste = String(int(1, 12));
    const day = new Date(start + int(0, days) * 86_400_000);
    const date = `${String(day.getUTCDate()).padStart(2, "0")}.${String(day.getUTCMonth() + 1).padStart(2, "0")}.${day.getUTCFullYear()}`;
    const reduction = next() < 0.15;
    const cents = BigInt(int(10_000, 9_999_999)) * (reduction ? -1n : 1n);
    const bad = options.badEvery ? row % options.badEvery === 0 : false;
    const separator = ascii ? " " : [" ", "\u00a0", ""][row % 3]!;
    const amount = bad ? "12,3,4" : frenchAmount(cents, separator);
    const object = ascii ? `Order, item ${row}` : `${OBJECTS[row % OBJECTS.length]} ${row}`;
    totals.dataRows += 1;
    if (bad) totals.badRows += 1;
    else if (other) totals.otherConventionRows += 1;
    else {
      totals.conventionRows += 1;
      totals.conventionCents += cents;
    }
    yield [
      "0352",
      imputation.df,
      imputation.cf,
      imputation.cdc,
      imputation.activite,
      ej,
      poste,
      date,
      supplier.code,
      quote(supplier.name),
      supplier.siret,
      row % 7 === 0 ? "#" : "6113120000",
      quote(object),
      amount,
    ].join(";");
  }
}

/** Writes the extract to `path` (CRLF line breaks, as Windows tools write them) and answers its totals. */
export async function writeExtract(path: string, options: ExtractOptions): Promise<ExtractTotals> {
  const totals: ExtractTotals = { dataRows: 0, conventionRows: 0, conventionCents: 0n, otherConventionRows: 0, badRows: 0 };
  const encoding = options.encoding ?? "windows-1252";
  mkdirSync(dirname(path), { recursive: true });
  async function* chunks() {
    let batch: string[] = [];
    for (const line of extractLines(options, totals)) {
      batch.push(line);
      if (batch.length === 1000) {
        yield iconv.encode(`${batch.join("\r\n")}\r\n`, encoding);
        batch = [];
      }
    }
    if (batch.length > 0) yield iconv.encode(`${batch.join("\r\n")}\r\n`, encoding);
  }
  await pipeline(Readable.from(chunks()), createWriteStream(path));
  return totals;
}

async function main() {
  const { values } = parseArgs({
    options: {
      lines: { type: "string", default: "100000" },
      out: { type: "string" },
      seed: { type: "string", default: "14" },
      encoding: { type: "string", default: "windows-1252" },
      "bad-every": { type: "string", default: "0" },
    },
  });
  const lines = Number(values.lines);
  const encoding = values.encoding as ExtractEncoding;
  if (!Number.isInteger(lines) || lines < 1 || !values.out || (encoding !== "windows-1252" && encoding !== "utf-8")) {
    console.error(
      "Usage : npx tsx scripts/chorus/generate-extract.ts --lines 100000 --out fichier.csv [--seed 14] [--encoding windows-1252|utf-8] [--bad-every 0]",
    );
    process.exit(2);
  }
  const totals = await writeExtract(values.out, { lines, seed: Number(values.seed), encoding, badEvery: Number(values["bad-every"]) });
  console.log(
    `${values.out} : ${totals.dataRows} lignes de données (${totals.conventionRows} de FAST 14 pour ${frenchAmount(totals.conventionCents)} €, ` +
      `${totals.otherConventionRows} d'une autre convention, ${totals.badRows} illisibles).`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
