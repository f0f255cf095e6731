// The layouts of the Chorus extracts a délégataire can bring, read as Chorus and the AIFE write them. Every
// column title below is copied from a public sample of Data État Région, the State's open-source Chorus
// ingestion (repository dataregion/DataEtatRegion-back), whose models list the same columns in the same order
// (FinancialAe.get_columns_files_ae / get_columns_fichier_nat_ae, FinancialCp.get_columns_files_cp /
// get_columns_fichier_nat_cp). No title is guessed: a file whose header differs is refused with the titles
// that were expected. The samples (S1…S7) are cited at each layout:
//   S1 app/tests/data/chorus/chorus_ae.csv                       INF-BUD-53, AE, "," with title rows
//   S2 app/tests/data/chorus/split/chorus_ae.csv                 INF-BUD-53, AE, header without "Date de réplication"
//   S3 app/tests/data/chorus/split/financial_cp.csv              INF-BUD-53, CP
//   S4 app/tests/data/chorus/national/aife_ae.csv (and aife_ae_double_ej.csv)  AIFE AE, every cell quoted, ";"
//   S5 app/tests/data/chorus/national/aife_cp.csv                AIFE CP
//   S6 app/tests/data/chorus/national/nation_ej_1.csv            AIFE AE with label columns, ",", decimal point
//   S7 app/tests/data/chorus/national/ej_data_etat_quot_2024-09-26.csv and
//      tests/data/chorus/national/dp_data_etat_quot_2024-09-26.csv   national daily EJ and DP files, "|", SAP names
import {
  CHORUS_AMOUNT,
  CHORUS_DATES,
  cleanCell,
  cleanCode,
  cleanText,
  normalizeHeader,
  readAmount,
  readDate,
  readDpItem,
  readDpNumber,
  readEjLine,
  readEjNumber,
  rejection,
  rejectionOf,
  RowProblems,
  siretOrNull,
  type CellResult,
} from "./cells";
import { failure, type ChorusDateCell, type Failure } from "../failures";
import type { ChorusAeLine, ChorusCpLine, ChorusRowParser, FileRejection, Imputation, RawRow, RowOutcome } from "./records";

export type ChorusLayoutId = "INF_BUD_53_AE" | "INF_BUD_53_CP" | "AIFE_AE" | "AIFE_CP" | "NATIONAL_EJ" | "NATIONAL_DP";

type Field =
  | "programme"
  | "domaineFonctionnel"
  | "centreFinancier"
  | "centreDeCout"
  | "activite"
  | "ejNumber"
  | "lineNumber"
  | "createdOn"
  | "modifiedOn"
  | "supplierCode"
  | "supplierName"
  | "siret"
  | "amount"
  /** The national DP file splits the amount: bic_cglmfahte (excl. VAT) + bic_cglmtvae (VAT), both in EUR. */
  | "amountTax"
  | "dpNumber"
  | "dpItem"
  | "dpBaseDate";

/** A title as the sample writes it; `occurrence` 2 for the second column of that title (code, then label). */
type Title = { title: string; occurrence?: 1 | 2 };
type Column = { titles: readonly Title[]; required: boolean };

export type ChorusLayout = {
  id: ChorusLayoutId;
  /** French, for the preview and the history. */
  label: string;
  credit: "AE" | "CP";
  /** The samples the titles come from. */
  source: string;
  columns: Partial<Record<Field, Column>>;
  /** Fields whose titles make a header row of this layout. */
  identifying: readonly Field[];
  /** A header holding one of these titles is another layout's (the AE view has no N° DP). */
  excludes?: readonly string[];
};

const t = (title: string, occurrence?: 1 | 2): Title => (occurrence ? { title, occurrence } : { title });
const req = (...titles: Title[]): Column => ({ titles, required: true });
const opt = (...titles: Title[]): Column => ({ titles, required: false });

// INF-BUD-53 "Pilotage de la gestion - Vue détaillée" (S1, S2, S3): codes carry the controlling area
// ("BG00/DREETS0035"), "#" is empty, amounts in the column "EUR", dates dd.mm.yyyy. The two columns titled
// "Fournisseur titulaire principal (EJ)" are the supplier's code, then its name.
const INF_BUD_53_IMPUTATION = {
  programme: opt(t("Programme")),
  domaineFonctionnel: req(t("Domaine fonctionnel")),
  centreDeCout: req(t("Centre de coûts")),
  activite: req(t("Référentiel de programmation")),
} satisfies Partial<Record<Field, Column>>;

// AIFE national files (S4, S5, S6): keyed titles; S6 names the programme "prog".
const AIFE_IMPUTATION = {
  programme: opt(t("Centre financier - Programme (Clé)"), t("prog")),
  domaineFonctionnel: req(t("Domaine fonctionnel - Clé")),
  centreDeCout: req(t("Centre de coûts - Clé (non composée)")),
  activite: req(t("Référentiel de programmation - Clé (non composée)")),
} satisfies Partial<Record<Field, Column>>;

// National daily files (S7): SAP field names.
const NATIONAL_IMPUTATION = {
  programme: opt(t("Code_Programme")),
  domaineFonctionnel: req(t("func_area")),
  centreFinancier: req(t("cfund_ctr")),
  centreDeCout: req(t("costcenter")),
  activite: req(t("cfmrefprg")),
} satisfies Partial<Record<Field, Column>>;

export const CHORUS_LAYOUTS: readonly ChorusLayout[] = [
  {
    id: "INF_BUD_53_AE",
    label: "Restitution INF-BUD-53 « Pilotage de la gestion – Vue détaillée » (AE)",
    credit: "AE",
    source: "S1 chorus_ae.csv, S2 split/chorus_ae.csv",
    columns: {
      ...INF_BUD_53_IMPUTATION,
      ejNumber: req(t("N° EJ")),
      createdOn: opt(t("Date de réplication")),
      lineNumber: req(t("N° poste EJ")),
      modifiedOn: req(t("Date de dernière modif. de l'EJ")),
      supplierCode: opt(t("Fournisseur titulaire principal (EJ)", 1)),
      supplierName: opt(t("Fournisseur titulaire principal (EJ)", 2)),
      siret: opt(t("Code taxe 1")),
      amount: req(t("EUR")),
    },
    identifying: ["ejNumber", "lineNumber", "amount"],
    excludes: ["N° DP"],
  },
  {
    id: "INF_BUD_53_CP",
    label: "Restitution INF-BUD-53 « Pilotage de la gestion – Vue détaillée » (CP, avec N° DP)",
    credit: "CP",
    source: "S3 split/financial_cp.csv",
    columns: {
      ...INF_BUD_53_IMPUTATION,
      ejNumber: req(t("N° EJ")),
      lineNumber: req(t("N° poste EJ")),
      dpNumber: req(t("N° DP")),
      dpBaseDate: req(t("Date de base de la DP")),
      supplierCode: opt(t("Fournisseur payé (DP)", 1)),
      supplierName: opt(t("Fournisseur payé (DP)", 2)),
      amount: req(t("EUR")),
    },
    identifying: ["dpNumber", "amount"],
  },
  {
    id: "AIFE_AE",
    label: "Fichier national AIFE des AE (montant engagé)",
    credit: "AE",
    source: "S4 aife_ae.csv, aife_ae_double_ej.csv, S6 nation_ej_1.csv",
    columns: {
      ...AIFE_IMPUTATION,
      centreFinancier: opt(t("Centre financier - Clé (non composée)")),
      ejNumber: req(t("N° EJ")),
      createdOn: opt(t("N° EJ - Date de réplication (Clé)")),
      lineNumber: req(t("N° poste EJ")),
      modifiedOn: req(t("Date de dernière modif. de l'EJ")),
      supplierCode: opt(t("Fournisseur titulaire principal (EJ) - Clé")),
      supplierName: opt(t("Fournisseur titulaire principal (EJ)")),
      siret: opt(t("Fournisseur titulaire principal (EJ) - Code taxe 1 (Clé)")),
      amount: req(t("Montant engagé (EUR)"), t("Montant engagé - Bascule des EJ non soldés")),
    },
    identifying: ["ejNumber", "lineNumber", "amount"],
  },
  {
    id: "AIFE_CP",
    label: "Fichier national AIFE des CP (montant payé)",
    credit: "CP",
    source: "S5 aife_cp.csv",
    columns: {
      ...AIFE_IMPUTATION,
      ejNumber: req(t("N° EJ")),
      lineNumber: req(t("N° poste EJ")),
      dpNumber: req(t("N° DP - Clé (non composée)")),
      dpItem: opt(t("N° poste DP")),
      dpBaseDate: req(t("Date de base de la DP")),
      supplierCode: opt(t("Fournisseur payé (DP) - Clé")),
      supplierName: opt(t("Fournisseur payé (DP)")),
      amount: req(t("Montant payé (EUR)")),
    },
    identifying: ["dpNumber", "amount"],
  },
  {
    id: "NATIONAL_EJ",
    label: "Fichier national quotidien des EJ (« | », noms SAP)",
    credit: "AE",
    source: "S7 ej_data_etat_quot_2024-09-26.csv",
    columns: {
      ...NATIONAL_IMPUTATION,
      ejNumber: req(t("bbp_po_id")),
      lineNumber: req(t("bbp_poitem")),
      createdOn: req(t("doc_date")),
      // The file has no date of change: a poste whose amount moved is dated at the extraction.
      modifiedOn: req(t("ectr_date")),
      siret: opt(t("tax_numb")),
      amount: req(t("fm_amount1")),
    },
    identifying: ["ejNumber", "lineNumber", "amount"],
  },
  {
    id: "NATIONAL_DP",
    label: "Fichier national quotidien des demandes de paiement (« | », noms SAP)",
    credit: "CP",
    source: "S7 dp_data_etat_quot_2024-09-26.csv",
    columns: {
      ...NATIONAL_IMPUTATION,
      dpNumber: req(t("ac_doc_no")),
      dpItem: req(t("item_num")),
      ejNumber: req(t("oi_ebeln")),
      lineNumber: req(t("oi_ebelp")),
      dpBaseDate: req(t("bline_date")),
      supplierCode: opt(t("vendor")),
      siret: opt(t("tax_numb")),
      amount: req(t("bic_cglmfahte")),
      amountTax: req(t("bic_cglmtvae")),
    },
    identifying: ["dpNumber", "amount", "amountTax"],
  },
];

export const LAYOUT_BY_ID: Record<ChorusLayoutId, ChorusLayout> = Object.fromEntries(CHORUS_LAYOUTS.map((l) => [l.id, l])) as Record<ChorusLayoutId, ChorusLayout>;

/** The imputation columns, in the words of the preview. */
export const IMPUTATION_LABELS: Record<keyof Imputation, string> = {
  programme: "programme",
  domaineFonctionnel: "domaine fonctionnel",
  centreFinancier: "centre financier",
  centreDeCout: "centre de coûts",
  activite: "activité (référentiel de programmation)",
};

/** Which imputation columns a layout carries (the scope of a line is decided on these). */
export function imputationColumns(layout: ChorusLayout): (keyof Imputation)[] {
  return (Object.keys(IMPUTATION_LABELS) as (keyof Imputation)[]).filter((k) => layout.columns[k] !== undefined);
}

// ───────────────────────────── Header ─────────────────────────────

type HeaderIndex = Partial<Record<Field, number>>;

/** Where each field of `layout` stands in a header row, or null when the row is not this layout's header. */
export function matchLayoutHeader(cells: readonly string[], layout: ChorusLayout): { index: HeaderIndex; missing: Field[] } | null {
  const names = cells.map(normalizeHeader);
  if (layout.excludes?.some((title) => names.includes(normalizeHeader(title)))) return null;
  const index: HeaderIndex = {};
  const positions = (title: string) => names.flatMap((name, i) => (name === normalizeHeader(title) ? [i] : []));
  for (const [field, column] of Object.entries(layout.columns) as [Field, Column][]) {
    for (const { title, occurrence = 1 } of column.titles) {
      const at = positions(title)[occurrence - 1];
      if (at !== undefined) {
        index[field] = at;
        break;
      }
    }
  }
  if (!layout.identifying.every((f) => index[f] !== undefined)) return null;
  const missing = (Object.entries(layout.columns) as [Field, Column][]).filter(([f, c]) => c.required && index[f] === undefined).map(([f]) => f);
  return { index, missing };
}

/** "Colonnes attendues" of a layout, as its samples title them. */
export function expectedTitles(layout: ChorusLayout, fields: readonly Field[]): string {
  return fields.map((f) => `« ${layout.columns[f]!.titles.map((x) => x.title).join(" » ou « ")} »`).join(", ");
}

export type Delimiter = "," | ";" | "|";
/**
 * "rfc": RFC 4180 quotes (INF-BUD-53, S6). "none": the SAP flat files, where a quote is a character (S7).
 * "all-quoted": AIFE's files quote every cell and do not double the quotes inside a name
 * (S4: "AGENCE; NATIONALE "DES TITRES"", "XXX ";P BBB""): a cell ends only at `";"`.
 */
export type Quoting = "rfc" | "none" | "all-quoted";

export type LayoutDetection = { layout: ChorusLayout; delimiter: Delimiter; quoting: Quoting; headerLine: number };

/** Header cells of a line cut naively (enough for titles, which hold no separator), quotes removed. */
function headerCells(line: string, delimiter: Delimiter): string[] {
  return line.split(delimiter).map((cell) => cell.trim().replace(/^"(.*)"$/s, "$1"));
}

/**
 * Finds the layout from the first lines of the file (title rows may come first): the first line whose cells,
 * cut on one of the separators, hold a layout's identifying titles.
 */
export function detectLayout(lines: readonly string[], only?: ChorusLayoutId): LayoutDetection | null {
  const candidates = only ? [LAYOUT_BY_ID[only]] : CHORUS_LAYOUTS;
  for (const [i, line] of lines.entries()) {
    for (const delimiter of ["|", ";", ","] as const) {
      if (!line.includes(delimiter)) continue;
      const cells = headerCells(line, delimiter);
      const layout = candidates.find((l) => matchLayoutHeader(cells, l) !== null);
      if (!layout) continue;
      const quoting: Quoting = delimiter === "|" ? "none" : /^"[^"]*"(;"[^"]*")+$/.test(line.trim()) ? "all-quoted" : "rfc";
      return { layout, delimiter, quoting, headerLine: i + 1 };
    }
  }
  return null;
}

// ───────────────────────────── Rows ─────────────────────────────

/** Title rows tolerated before the header (S1 has seven; Infocentre banners can be longer). */
export const MAX_TITLE_ROWS = 40;

export type ChorusLine = { credit: "AE"; line: ChorusAeLine } | { credit: "CP"; line: ChorusCpLine };

/**
 * The exercice a restitution covers, when its title rows say it (S1: a row ",,…,Exercice comptable,<year>").
 * An INF-BUD-53 "Vue détaillée" states the AE consumed in that exercice on each poste, not the poste's whole
 * amount across years: the plan then compares the poste's movements of that year only.
 */
export function exerciceOf(fields: readonly string[]): number | null {
  const at = fields.findIndex((f) => normalizeHeader(f) === "exercice comptable" || normalizeHeader(f) === "exercice");
  if (at < 0) return null;
  const year = fields.slice(at + 1).map((f) => f.trim()).find((f) => f !== "");
  return year && /^(20\d{2})$/.test(year) ? Number(year) : null;
}

/** A layout's parser, plus what its title rows said. */
export interface LayoutParser extends ChorusRowParser<ChorusLine> {
  /** The exercice named in the title rows, or null. */
  readonly exercice: number | null;
}

/** A parser for one file of `layout`: push its rows in order. */
export function createLayoutParser(layout: ChorusLayout): LayoutParser {
  let exercice: number | null = null;
  let header: { index: HeaderIndex; width: number; raw: string } | null = null;
  let rowsBeforeHeader = 0;
  let fatal: FileRejection | null = null;
  let sawContent = false;

  function giveUp(lineNumber: number, refusal: Failure): RowOutcome<ChorusLine> {
    fatal = rejectionOf(lineNumber, refusal);
    return { kind: "fatal", rejection: fatal };
  }

  function locateHeader(row: RawRow): RowOutcome<ChorusLine> {
    const found = matchLayoutHeader(row.fields, layout);
    if (!found) {
      rowsBeforeHeader += 1;
      exercice ??= exerciceOf(row.fields);
      if (rowsBeforeHeader > MAX_TITLE_ROWS) {
        return giveUp(row.lineNumber, failure("CHORUS_HEADER_NOT_FOUND_WITHIN", { lineNumber: row.lineNumber, rows: MAX_TITLE_ROWS, layout: layout.label, columns: expectedTitles(layout, layout.identifying) }));
      }
      return { kind: "ignored", lineNumber: row.lineNumber, why: "title" };
    }
    if (found.missing.length > 0) return giveUp(row.lineNumber, failure("CHORUS_HEADER_COLUMNS_MISSING", { lineNumber: row.lineNumber, layout: layout.label, columns: expectedTitles(layout, found.missing) }));
    header = { index: found.index, width: row.fields.length, raw: row.fields.join("\u0000") };
    return { kind: "ignored", lineNumber: row.lineNumber, why: "header" };
  }

  return {
    get exercice() {
      return exercice;
    },
    push(row) {
      if (fatal) return { kind: "ignored", lineNumber: row.lineNumber, why: "after-fatal" };
      if (row.fields.every((f) => cleanCell(f) === "")) return { kind: "ignored", lineNumber: row.lineNumber, why: "blank" };
      sawContent = true;
      if (!header) return locateHeader(row);
      // Page breaks of Infocentre exports repeat the header row, as it was.
      if (row.fields.join("\u0000") === header.raw) return { kind: "ignored", lineNumber: row.lineNumber, why: "header" };
      const index = rowIndex(layout, header.index, header.width, row.fields.length);
      const cell = (field: Field) => (index[field] === undefined ? "" : cleanCell(row.fields[index[field]!]));
      const text = (field: Field) => (index[field] === undefined ? "" : cleanText(row.fields[index[field]!]));
      const code = (field: Field) => (index[field] === undefined ? "" : cleanCode(row.fields[index[field]!]));
      const key = layout.credit === "AE" ? "ejNumber" : "dpNumber";
      if (cell(key) === "") {
        const first = row.fields.map(cleanCell).find((f) => f !== "") ?? "";
        if (/^(total|sous total|somme|resultat)/.test(normalizeHeader(first))) return { kind: "ignored", lineNumber: row.lineNumber, why: "total" };
      }
      const imputation: Imputation = {};
      for (const k of imputationColumns(layout)) {
        const value = code(k);
        if (value) imputation[k] = value;
      }
      const problems = new RowProblems();
      const line = layout.credit === "AE" ? readAeLine(cell, text, problems, imputation) : readCpLine(layout, cell, text, problems, imputation);
      if (problems.any || !line) return { kind: "rejected", rejection: rejection(row.lineNumber, problems.failures), imputation };
      return { kind: "record", lineNumber: row.lineNumber, record: line };
    },
    end() {
      if (fatal || header) return null;
      if (!sawContent) return rejectionOf(1, failure("CHORUS_FILE_EMPTY"));
      return rejectionOf(1, failure("CHORUS_HEADER_NOT_FOUND", { layout: layout.label, columns: expectedTitles(layout, layout.identifying) }));
    },
  };
}

/**
 * The columns of one row. S2 writes Chorus's compound key "N° EJ" as two cells (the number, then its date
 * de réplication) under one title: its rows hold one cell more than its header. When the header has no
 * "Date de réplication" and a row is exactly one cell wider, that cell is read as the date and the columns
 * after it shift by one.
 */
function rowIndex(layout: ChorusLayout, index: HeaderIndex, headerWidth: number, rowWidth: number): HeaderIndex {
  if (layout.id !== "INF_BUD_53_AE" || index.createdOn !== undefined || rowWidth !== headerWidth + 1) return index;
  const ej = index.ejNumber!;
  const shifted: HeaderIndex = {};
  for (const [field, at] of Object.entries(index) as [Field, number][]) shifted[field] = at > ej ? at + 1 : at;
  shifted.createdOn = ej + 1;
  return shifted;
}

type Cells = (field: Field) => string;

function optionalDate(value: string, problems: RowProblems, date: ChorusDateCell) {
  return value === "" ? null : (problems.take(readDate(value, CHORUS_DATES, date)) ?? null);
}

function readAeLine(cell: Cells, text: Cells, problems: RowProblems, imputation: Imputation): ChorusLine | undefined {
  const ejNumber = problems.take(readEjNumber(cell("ejNumber")));
  const lineNumber = problems.take(readEjLine(cell("lineNumber")));
  const createdOn = optionalDate(cell("createdOn"), problems, "ejCreatedOn");
  const modifiedOn = optionalDate(cell("modifiedOn"), problems, "ejModifiedOn");
  if (createdOn === null && modifiedOn === null && !problems.any) problems.add(failure("CHORUS_CELL_EJ_DATE_MISSING"));
  const amountCents = problems.take(readAmount(cell("amount"), CHORUS_AMOUNT));
  if (problems.any) return undefined;
  return {
    credit: "AE",
    line: {
      ejNumber: ejNumber!,
      lineNumber: lineNumber!,
      createdOn,
      modifiedOn,
      amountCents: amountCents!,
      supplierCode: cell("supplierCode") || null,
      supplierName: text("supplierName") || null,
      supplierSiret: siretOrNull(cell("siret")),
      imputation,
    },
  };
}

function readCpLine(layout: ChorusLayout, cell: Cells, text: Cells, problems: RowProblems, imputation: Imputation): ChorusLine | undefined {
  const dpNumber = problems.take(readDpNumber(cell("dpNumber")));
  const dpItem = problems.take(readDpItem(cell("dpItem"))) ?? null;
  // "#" in both cells: a payment without EJ (S3: "SANS AE").
  const withoutEj = cell("ejNumber") === "" && cell("lineNumber") === "";
  const ejNumber = withoutEj ? null : (problems.take(readEjNumber(cell("ejNumber"))) ?? null);
  const lineNumber = withoutEj ? null : (problems.take(readEjLine(cell("lineNumber"))) ?? null);
  const paidOn = optionalDate(cell("dpBaseDate"), problems, "dpBaseDate");
  const amount = problems.take(readAmount(cell("amount"), CHORUS_AMOUNT));
  const tax: CellResult<bigint> | null = layout.columns.amountTax ? readAmount(cell("amountTax") || "0", CHORUS_AMOUNT) : null;
  const taxCents = tax ? problems.take(tax) : 0n;
  if (problems.any) return undefined;
  return {
    credit: "CP",
    line: {
      dpNumber: dpNumber!,
      dpItem,
      ejNumber,
      lineNumber,
      paidOn,
      amountCents: amount! + taxCents!,
      supplierCode: cell("supplierCode") || null,
      supplierName: text("supplierName") || null,
      imputation,
    },
  };
}

/** The layout whose header is among the first rows of a file already split into cells (an XLSX sheet). */
export function detectLayoutInRows(rows: readonly (readonly string[])[], only?: ChorusLayoutId): ChorusLayout | null {
  const candidates = only ? [LAYOUT_BY_ID[only]] : CHORUS_LAYOUTS;
  for (const cells of rows) {
    const layout = candidates.find((l) => matchLayoutHeader(cells, l) !== null);
    if (layout) return layout;
  }
  return null;
}
