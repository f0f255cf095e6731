// Writes an extract of N data rows in the real INF-BUD-53 layout ("Pilotage de la gestion - Vue détaillée", AE),
// deterministic for a seed: the input of the import benchmark and of the streaming tests. Laid out as the
// public sample of Data État Région (dataregion/DataEtatRegion-back, app/tests/data/chorus/chorus_ae.csv): title
// rows, the same header titles in the same order, codes with their "BG00/" controlling area, "#" and
// "Non affecté" for empty, French amounts, dd.mm.yyyy dates. Each row is its own EJ poste (an extract states
// each poste once), FAST 14's imputation on most rows and another convention's on every tenth; every
// twentieth row is a reduction of the poste just before it (a negative line, as Chorus lists one).
//
//   npx tsx scripts/chorus/generate-extract.ts --lines 100000 --out tmp/inf-bud-53-100k.csv [--seed 14] [--encoding utf-8] [--delimiter ,]
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
  /** A French spreadsheet saves Windows-1252 (the default); "utf-8" writes no BOM. */
  encoding?: ExtractEncoding;
  /** ";" (a French spreadsheet's CSV, the default) or "," (the sample's). */
  delimiter?: ";" | ",";
  /** Every n-th row gets an unreadable amount (0: none, the default). */
  badEvery?: number;
  /** Number of ASCII-only rows written first (no accent in them): tests late encoding detection. */
  asciiFirstRows?: number;
  /** The first EJ number (10 digits); rows use consecutive EJs, four postes each. */
  firstEj?: number;
};

export type ExtractTotals = {
  /** Data rows written (rows of the other convention and bad rows included). */
  dataRows: number;
  /** Rows on FAST 14's imputation, and their signed total (cents). */
  conventionRows: number;
  conventionCents: bigint;
  /** Distinct EJ postes of FAST 14 (a reduction row adds none). */
  conventionPostes: number;
  otherConventionRows: number;
  badRows: number;
};

const FAST14 = { df: "0352-01", cdc: "BG00/SGDFNUM092", activite: "BG00/035200010101" };
const OTHER = { df: "0352-02", cdc: "BG00/SGDFNUM095", activite: "BG00/035200020101" };
const SUPPLIERS = [
  { code: "1000872104", name: "NUMERIQUE & PRODUIT ASSOCIES (DÉMO)", siret: "91234567500017" },
  { code: "1000915537", name: "COOPÉRATIVE ÉLAN NUMÉRIQUE (DÉMO)", siret: "88765432500026" },
  { code: "1000733291", name: "ATELIER DES TERRITOIRES NUMÉRIQUES (DÉMO)", siret: "80246813200013" },
  { code: "1000640018", name: "SOCIÉTÉ COOPÉRATIVE DE CONCEPTION OUVERTE (DÉMO)", siret: "#" },
];
const ASCII_SUPPLIER = { code: "1000500001", name: "OPEN PRODUCT STUDIO (DEMO)", siret: "75123456700004" };
/** S1's header, title for title. */
export const INF_BUD_53_AE_HEADER = [
  "Programme",
  "Domaine fonctionnel",
  "Centre de coûts",
  "Référentiel de programmation",
  "N° EJ",
  "Date de réplication",
  "N° poste EJ",
  "Date de dernière modif. de l'EJ",
  "Fournisseur titulaire principal (EJ)",
  "Fournisseur titulaire principal (EJ)",
  "Code taxe 1",
  "Compte général",
  "Compte budgétaire",
  "Groupe de marchandises",
  "Contrat de projet Etat-Region",
  "Contrat de projet Etat-Region",
  "Localisation interministérielle",
  "EUR",
];
const TITLE = ["INF-BUD-53 : Pilotage de la gestion - Vue détaillée", "Affichage :", "Exercice comptable 2024 (jeu généré)", "Engagement"];

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

/** The file's lines (without line breaks); `totals` is filled as they are produced. */
export function* extractLines(options: ExtractOptions, totals: ExtractTotals): Generator<string> {
  const delimiter = options.delimiter ?? ";";
  const quote = (field: string) => (field.includes(delimiter) || /["\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field);
  for (const row of extractRows(options, totals)) yield row.map(quote).join(delimiter);
}

/** The file's rows as cells (title rows padded to the header's width); `totals` is filled as they are produced. */
export function* extractRows(options: ExtractOptions, totals: ExtractTotals): Generator<string[]> {
  const next = random(options.seed ?? 14);
  const asciiFirst = options.asciiFirstRows ?? 0;
  const firstEj = options.firstEj ?? 1_300_000_000;
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const start = Date.UTC(2024, 2, 1);
  const days = (Date.UTC(2024, 11, 15) - start) / 86_400_000;
  const width = INF_BUD_53_AE_HEADER.length;
  const pad = (cells: string[]) => [...cells, ...Array<string>(width - cells.length).fill("")];
  for (const title of TITLE) yield pad([title]);
  yield [...INF_BUD_53_AE_HEADER];
  let previous: { ej: string; poste: string; date: string; cents: bigint; other: boolean; supplier: (typeof SUPPLIERS)[number] } | null = null;
  for (let row = 1; row <= options.lines; row++) {
    const ascii = row <= asciiFirst;
    const bad = options.badEvery ? row % options.badEvery === 0 : false;
    const reduction = row % 20 === 0 && previous !== null && !bad;
    let ej: string, poste: string, date: string, cents: bigint, other: boolean, supplier: (typeof SUPPLIERS)[number];
    if (reduction && previous) {
      ({ ej, poste, other, supplier } = previous);
      date = previous.date;
      cents = -(previous.cents / 4n);
    } else {
      other = row % 10 === 5;
      supplier = ascii ? ASCII_SUPPLIER : SUPPLIERS[int(0, SUPPLIERS.length - 1)]!;
      ej = String(firstEj + Math.floor(row / 4));
      poste = String((row % 4) + 1);
      const day = new Date(start + int(0, days) * 86_400_000);
      date = `${String(day.getUTCDate()).padStart(2, "0")}.${String(day.getUTCMonth() + 1).padStart(2, "0")}.${day.getUTCFullYear()}`;
      cents = BigInt(int(10_000, 999_999));
    }
    const imputation = other ? OTHER : FAST14;
    const separator = ascii ? " " : [" ", "\u00a0", ""][row % 3]!;
    // The sample writes "22500,12" quoted and "15000" bare.
    const amount = bad ? "12,3,4" : cents % 100n === 0n && cents > 0n ? String(cents / 100n) : frenchAmount(cents, separator);
    totals.dataRows += 1;
    if (bad) totals.badRows += 1;
    else if (other) totals.otherConventionRows += 1;
    else {
      totals.conventionRows += 1;
      totals.conventionCents += cents;
      if (!reduction) totals.conventionPostes += 1;
    }
    if (!reduction) previous = { ej, poste, date, cents, other, supplier };
    yield [
      "0352",
      imputation.df,
      imputation.cdc,
      imputation.activite,
      ej,
      date,
      poste,
      date,
      supplier.code,
      supplier.name,
      supplier.siret,
      row % 7 === 0 ? "#" : "PCE/6113110000",
      ascii ? "Depenses de fonction" : "Dépenses de fonction",
      "36.01.01",
      "#",
      ascii ? "#" : "Non affecté",
      "N1175",
      amount,
    ];
  }
}

/** Writes the extract to `path` (CRLF line breaks, as Windows tools write them) and answers its totals. */
export async function writeExtract(path: string, options: ExtractOptions): Promise<ExtractTotals> {
  const totals: ExtractTotals = { dataRows: 0, conventionRows: 0, conventionCents: 0n, conventionPostes: 0, otherConventionRows: 0, badRows: 0 };
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

/**
 * The same extract saved as an Excel workbook (streamed, one sheet), as a restitution downloaded in .xlsx:
 * amounts as numbers, the rest as text. Amounts are converted for writing only (cents ÷ 100 as a double is
 * the decimal itself for the amounts generated here, far below 15 significant digits); the reader brings
 * them back exactly (src/server/chorus/read-xlsx.ts).
 */
export async function writeExtractXlsx(path: string, options: ExtractOptions): Promise<ExtractTotals> {
  const { default: ExcelJS } = await import("exceljs");
  const totals: ExtractTotals = { dataRows: 0, conventionRows: 0, conventionCents: 0n, conventionPostes: 0, otherConventionRows: 0, badRows: 0 };
  mkdirSync(dirname(path), { recursive: true });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: false });
  const sheet = workbook.addWorksheet("INF-BUD-53");
  const amountColumn = INF_BUD_53_AE_HEADER.length - 1;
  let index = 0;
  for (const row of extractRows(options, totals)) {
    const cells: (string | number)[] = [...row];
    const amount = row[amountColumn]!;
    if (index++ > TITLE.length && /^-?[\d\s\u00a0]+(,\d{1,2})?$/.test(amount)) cells[amountColumn] = Number(amount.replace(/[\s\u00a0]/g, "").replace(",", "."));
    sheet.addRow(cells).commit();
  }
  sheet.commit();
  await workbook.commit();
  return totals;
}

async function main() {
  const { values } = parseArgs({
    options: {
      lines: { type: "string", default: "100000" },
      out: { type: "string" },
      seed: { type: "string", default: "14" },
      encoding: { type: "string", default: "windows-1252" },
      delimiter: { type: "string", default: ";" },
      "bad-every": { type: "string", default: "0" },
    },
  });
  const lines = Number(values.lines);
  const encoding = values.encoding as ExtractEncoding;
  const delimiter = values.delimiter as ";" | ",";
  if (!Number.isInteger(lines) || lines < 1 || !values.out || (encoding !== "windows-1252" && encoding !== "utf-8") || (delimiter !== ";" && delimiter !== ",")) {
    console.error(
      "Usage : npx tsx scripts/chorus/generate-extract.ts --lines 100000 --out fichier.csv [--seed 14] [--encoding windows-1252|utf-8] [--delimiter ;|,] [--bad-every 0]",
    );
    process.exit(2);
  }
  const totals = await writeExtract(values.out, { lines, seed: Number(values.seed), encoding, delimiter, badEvery: Number(values["bad-every"]) });
  console.log(
    `${values.out} : ${totals.dataRows} lignes de données (${totals.conventionRows} de FAST 14 pour ${frenchAmount(totals.conventionCents)} €, ` +
      `${totals.otherConventionRows} d'une autre convention, ${totals.badRows} illisibles).`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
