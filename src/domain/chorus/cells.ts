// What the INF-BUD-53 and national formats share: reading a cell (amount, date, EJ number, SIRET, code),
// finding the header row by its column names, the row-by-row table parser, and the reading of an EJ line.
// Each cell reader answers a value or a reason in French, written to follow "Ligne 12 : " in a rejection.
import { isValidIsoDate, type IsoDate } from "../dates";
import { siretProblem } from "../siret";
import { parseEuros, type AmountSyntax, type Cents } from "../money";
import type { ChorusEjLine, ChorusRowParser, LineRejection, RawRow, RowOutcome } from "./records";

export type CellResult<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): CellResult<T> => ({ ok: true, value });
const fail = <T>(reason: string): CellResult<T> => ({ ok: false, reason });

/** « value » as French typography quotes it, shortened so that a garbled cell does not flood the message. */
export function quoted(value: string): string {
  const short = value.length > 40 ? `${value.slice(0, 39)}…` : value;
  return `« ${short} »`;
}

/**
 * A cell as the parsers see it: trimmed (no-break spaces too), the spreadsheet guard ="0123" unwrapped,
 * and "#" (Chorus Infocentre's "not assigned") read as empty.
 */
export function cleanCell(raw: string | undefined): string {
  if (raw === undefined) return "";
  let value = raw.trim();
  const guarded = /^="(.*)"$/s.exec(value);
  if (guarded) value = (guarded[1] ?? "").trim();
  return value === "#" ? "" : value;
}

/** A free text cell: inner runs of spaces and line breaks become one space. */
export function cleanText(raw: string | undefined): string {
  return cleanCell(raw).replace(/\s+/g, " ");
}

/** Chorus codes (centre financier, activité…) compare upper-cased, without spaces. */
export function cleanCode(raw: string | undefined): string {
  return cleanCell(raw).replace(/\s+/g, "").toUpperCase();
}

export function readAmount(value: string, syntax: AmountSyntax): CellResult<Cents> {
  if (value === "") return fail("montant manquant");
  const parsed = parseEuros(value, syntax);
  if (parsed.ok) return ok(parsed.cents);
  switch (parsed.problem) {
    case "too-many-decimals":
      return fail(`montant illisible ${quoted(value)} : deux décimales au plus`);
    case "too-large":
      return fail(`montant trop élevé ${quoted(value)}`);
    default:
      if (syntax.decimalMark === "," && value.includes(".")) {
        return fail(`montant illisible ${quoted(value)} : écrivez 1 234,56 (virgule pour les centimes, espaces pour les milliers)`);
      }
      return fail(`montant illisible ${quoted(value)}`);
  }
}

export type DateFormat = "dd.mm.yyyy" | "dd/mm/yyyy" | "yyyymmdd" | "yyyy-mm-dd";

const DATE_SHAPES: Record<DateFormat, { pattern: RegExp; toIso: (m: RegExpExecArray) => string; label: string }> = {
  "dd.mm.yyyy": { pattern: /^(\d{2})\.(\d{2})\.(\d{4})$/, toIso: (m) => `${m[3]}-${m[2]}-${m[1]}`, label: "jj.mm.aaaa" },
  "dd/mm/yyyy": { pattern: /^(\d{2})\/(\d{2})\/(\d{4})$/, toIso: (m) => `${m[3]}-${m[2]}-${m[1]}`, label: "jj/mm/aaaa" },
  yyyymmdd: { pattern: /^(\d{4})(\d{2})(\d{2})$/, toIso: (m) => `${m[1]}-${m[2]}-${m[3]}`, label: "aaaammjj" },
  "yyyy-mm-dd": { pattern: /^(\d{4})-(\d{2})-(\d{2})$/, toIso: (m) => `${m[1]}-${m[2]}-${m[3]}`, label: "aaaa-mm-jj" },
};

/** Chorus has no operation before its start nor after this century: anything else is a garbled cell. */
const FIRST_YEAR = 2000;
const LAST_YEAR = 2099;

/** A calendar date in one of `formats`; SAP's "00000000" means no date. */
export function readDate(value: string, formats: readonly DateFormat[], what = "date"): CellResult<IsoDate> {
  if (value === "" || value === "00000000" || value === "00.00.0000") return fail(`${what} manquante`);
  const expected = formats.map((f) => DATE_SHAPES[f].label).join(" ou ");
  for (const format of formats) {
    const shape = DATE_SHAPES[format];
    const match = shape.pattern.exec(value);
    if (!match) continue;
    const iso = shape.toIso(match);
    const year = Number(iso.slice(0, 4));
    if (!isValidIsoDate(iso) || year < FIRST_YEAR || year > LAST_YEAR) return fail(`${what} invalide ${quoted(value)}`);
    return ok(iso);
  }
  return fail(`${what} invalide ${quoted(value)} (format ${expected} attendu)`);
}

/** Chorus EJ number: 10 digits (spaces tolerated, as people group them "1300 123 456"). */
export function readEjNumber(value: string): CellResult<string> {
  if (value === "") return fail("numéro d'EJ manquant");
  const digits = value.replace(/\s+/g, "");
  if (!/^\d{10}$/.test(digits)) return fail(`numéro d'EJ invalide ${quoted(value)} (10 chiffres attendus)`);
  return ok(digits);
}

/** Same bounds as the form (src/domain/fields.ts lineNumberField); SAP pads it with zeros ("00010"). */
const MAX_LINE = 9999;

export function readEjLine(value: string): CellResult<number> {
  if (value === "") return fail("numéro de poste d'EJ manquant");
  if (!/^\d{1,10}$/.test(value)) return fail(`numéro de poste d'EJ invalide ${quoted(value)} (nombre entier attendu)`);
  const line = Number(value);
  if (line < 1 || line > MAX_LINE) return fail(`numéro de poste d'EJ invalide ${quoted(value)} (de 1 à ${MAX_LINE})`);
  return ok(line);
}

/** A Chorus accounting document number (DP): 10 digits. */
export function readDpNumber(value: string): CellResult<string> {
  if (value === "") return fail("numéro de DP manquant");
  const digits = value.replace(/\s+/g, "");
  if (!/^\d{10}$/.test(digits)) return fail(`numéro de DP invalide ${quoted(value)} (10 chiffres attendus)`);
  return ok(digits);
}

/** SIRET: 14 digits with a valid check digit (spaces tolerated), or null when empty. */
export function readSiret(value: string): CellResult<string | null> {
  if (value === "") return ok(null);
  const digits = value.replace(/\s+/g, "");
  const problem = siretProblem(digits);
  if (problem) return fail(`SIRET invalide ${quoted(value)} (${problem})`);
  return ok(digits);
}

export function readRequired(value: string, missing: string): CellResult<string> {
  return value === "" ? fail(missing) : ok(value);
}

/** Collects the reasons of a row, so that one rejection names every problem of its line. */
export class RowProblems {
  readonly reasons: string[] = [];

  take<T>(result: CellResult<T>): T | undefined {
    if (result.ok) return result.value;
    this.reasons.push(result.reason);
    return undefined;
  }

  get any(): boolean {
    return this.reasons.length > 0;
  }
}

export function rejection(lineNumber: number, reasons: readonly string[]): LineRejection {
  return { lineNumber, reason: `Ligne ${lineNumber} : ${reasons.join(" ; ")}.` };
}

// ───────────────────────────── Header row ─────────────────────────────

/** "N° poste EJ" → "n poste ej", "Référentiel de programmation (activité)" → "referentiel de programmation activite". */
export function normalizeHeader(cell: string): string {
  return cell
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

export type ColumnSpec = {
  /** The column's name as the user knows it, for "Colonnes introuvables : …". */
  label: string;
  /** Accepted header names, most specific first (normalised by normalizeHeader when compared). */
  aliases: readonly string[];
  required: boolean;
};

export type ColumnIndex<K extends string> = Partial<Record<K, number>>;

/**
 * Finds each column of `specs` in a header row: for each key, its aliases in order, the first unclaimed
 * cell that matches. Also answers, for each found column, the index of its label column when the next
 * header cell is empty or repeats the same name (Infocentre exports "Fournisseur;Fournisseur": key then label).
 */
export function matchHeader<K extends string>(
  cells: readonly string[],
  specs: Record<K, ColumnSpec>,
): { columns: ColumnIndex<K>; labelColumns: ColumnIndex<K> } {
  const names = cells.map(normalizeHeader);
  const claimed = new Set<number>();
  const columns: ColumnIndex<K> = {};
  const labelColumns: ColumnIndex<K> = {};
  for (const key of Object.keys(specs) as K[]) {
    for (const alias of specs[key].aliases.map(normalizeHeader)) {
      const index = names.findIndex((name, i) => name === alias && !claimed.has(i));
      if (index < 0) continue;
      columns[key] = index;
      claimed.add(index);
      const next = names[index + 1];
      if (next !== undefined && (next === "" || next === names[index]) && !claimed.has(index + 1)) {
        labelColumns[key] = index + 1;
        claimed.add(index + 1);
      }
      break;
    }
  }
  return { columns, labelColumns };
}

export type RowCells<K extends string> = {
  /** The cleaned cell of a column ("" when the column is absent or the row is short). */
  get(key: K): string;
  /** The raw cell (not cleaned), for free texts. */
  raw(key: K): string | undefined;
};

export type TableFormat<K extends string, T> = {
  columns: Record<K, ColumnSpec>;
  /** A row holding all these columns is the header row. */
  identifying: readonly K[];
  /** Title rows tolerated before the header row; beyond, the file is not of this format. */
  maxRowsBeforeHeader: number;
  /** French name of the format, for the file-level messages. */
  formatName: string;
  /** Whether a row without the first identifying cell that says "Total…" is a subtotal to skip. */
  skipTotalRows: boolean;
  /** Adapts the found columns (e.g. a lone "Fournisseur" column is the supplier's name). */
  adjustColumns?: (found: { columns: ColumnIndex<K>; labelColumns: ColumnIndex<K> }) => void;
  build: (cells: RowCells<K>, problems: RowProblems) => T | undefined;
};

function isBlank(fields: readonly string[]): boolean {
  return fields.every((f) => cleanCell(f) === "");
}

/** A parser for a table with title rows, a header row found by its column names, then one record per row. */
export function createTableParser<K extends string, T>(format: TableFormat<K, T>): ChorusRowParser<T> {
  let header: { columns: ColumnIndex<K>; labelColumns: ColumnIndex<K>; raw: string } | null = null;
  let rowsBeforeHeader = 0;
  let fatal: LineRejection | null = null;
  let sawContent = false;
  const labels = (keys: readonly K[]) => keys.map((k) => `« ${format.columns[k].label} »`).join(", ");

  function locateHeader(row: RawRow): RowOutcome<T> {
    const found = matchHeader(row.fields, format.columns);
    if (!format.identifying.every((k) => found.columns[k] !== undefined)) {
      rowsBeforeHeader += 1;
      if (rowsBeforeHeader > format.maxRowsBeforeHeader) {
        return giveUp(
          row.lineNumber,
          `en-tête introuvable dans les ${format.maxRowsBeforeHeader} premières lignes : ce fichier n'est pas un ${format.formatName} (colonnes ${labels(format.identifying)} attendues)`,
        );
      }
      return { kind: "ignored", lineNumber: row.lineNumber, why: "title" };
    }
    format.adjustColumns?.(found);
    const keys = Object.keys(format.columns) as K[];
    const missing = keys.filter((k) => format.columns[k].required && found.columns[k] === undefined);
    if (missing.length > 0) return giveUp(row.lineNumber, `colonnes introuvables dans l'en-tête : ${labels(missing)}`);
    header = { ...found, raw: row.fields.join("\u0000") };
    return { kind: "ignored", lineNumber: row.lineNumber, why: "header" };
  }

  function giveUp(lineNumber: number, reason: string): RowOutcome<T> {
    fatal = rejection(lineNumber, [reason]);
    return { kind: "fatal", rejection: fatal };
  }

  return {
    push(row) {
      if (fatal) return { kind: "ignored", lineNumber: row.lineNumber, why: "after-fatal" };
      if (isBlank(row.fields)) return { kind: "ignored", lineNumber: row.lineNumber, why: "blank" };
      sawContent = true;
      if (!header) return locateHeader(row);
      const { columns, raw } = header;
      // Page breaks of Infocentre exports repeat the header row, as it was.
      if (row.fields.join("\u0000") === raw) return { kind: "ignored", lineNumber: row.lineNumber, why: "header" };
      const pick = (index: number | undefined) => (index === undefined ? undefined : row.fields[index]);
      const cells: RowCells<K> = {
        get: (key) => cleanCell(pick(columns[key])),
        raw: (key) => pick(columns[key]),
      };
      const first = format.identifying[0];
      if (format.skipTotalRows && first !== undefined && cells.get(first) === "") {
        const firstFilled = row.fields.map(cleanCell).find((f) => f !== "") ?? "";
        if (/^(total|sous total|somme|resultat)/.test(normalizeHeader(firstFilled))) {
          return { kind: "ignored", lineNumber: row.lineNumber, why: "total" };
        }
      }
      const problems = new RowProblems();
      const record = format.build(cells, problems);
      if (problems.any || record === undefined) return { kind: "rejected", rejection: rejection(row.lineNumber, problems.reasons) };
      return { kind: "record", lineNumber: row.lineNumber, record };
    },
    end() {
      // A fatal problem was answered by push() already.
      if (fatal || header) return null;
      if (!sawContent) return { lineNumber: 1, reason: "Le fichier est vide." };
      return {
        lineNumber: 1,
        reason: `En-tête introuvable : ce fichier n'est pas un ${format.formatName} (colonnes ${labels(format.identifying)} attendues).`,
      };
    },
  };
}

// ───────────────────────────── EJ lines, whatever the format ─────────────────────────────

export type EjLineColumn =
  | "ejNumber"
  | "lineNumber"
  | "orderedOn"
  | "amount"
  | "programme"
  | "domaineFonctionnel"
  | "centreFinancier"
  | "centreDeCout"
  | "activite"
  | "supplierName"
  | "supplierCode"
  | "supplierSiret"
  | "compteGeneral"
  | "object";

/** Reads an EJ line from its cells; every problem of the row goes to `problems`. */
export function buildEjLine(
  cells: RowCells<EjLineColumn>,
  problems: RowProblems,
  syntax: { dates: readonly DateFormat[]; amount: AmountSyntax },
): ChorusEjLine | undefined {
  const ejNumber = problems.take(readEjNumber(cells.get("ejNumber")));
  const lineNumber = problems.take(readEjLine(cells.get("lineNumber")));
  const orderedOn = problems.take(readDate(cells.get("orderedOn"), syntax.dates));
  const amountCents = problems.take(readAmount(cells.get("amount"), syntax.amount));
  const supplierName = problems.take(readRequired(cleanText(cells.raw("supplierName")), "fournisseur manquant"));
  const supplierSiret = problems.take(readSiret(cells.get("supplierSiret")));
  const domaineFonctionnel = problems.take(readRequired(cleanCode(cells.raw("domaineFonctionnel")), "domaine fonctionnel manquant"));
  const centreFinancier = problems.take(readRequired(cleanCode(cells.raw("centreFinancier")), "centre financier manquant"));
  const activite = problems.take(readRequired(cleanCode(cells.raw("activite")), "activité (référentiel de programmation) manquante"));
  const centreDeCout = problems.take(readRequired(cleanCode(cells.raw("centreDeCout")), "centre de coûts manquant"));
  if (problems.any) return undefined;
  const line: ChorusEjLine = {
    ejNumber: ejNumber!,
    lineNumber: lineNumber!,
    orderedOn: orderedOn!,
    supplierName: supplierName!,
    supplierSiret: supplierSiret ?? null,
    amountCents: amountCents!,
    domaineFonctionnel: domaineFonctionnel!,
    centreFinancier: centreFinancier!,
    activite: activite!,
    centreDeCout: centreDeCout!,
  };
  const supplierCode = cells.get("supplierCode");
  if (supplierCode) line.supplierCode = supplierCode;
  const object = cleanText(cells.raw("object"));
  if (object) line.object = object;
  const programme = cleanCode(cells.raw("programme"));
  if (programme) line.programme = programme;
  const compteGeneral = cleanCode(cells.raw("compteGeneral"));
  if (compteGeneral) line.compteGeneral = compteGeneral;
  return line;
}
