// Reading one cell of a Chorus extract (amount, date, EJ and DP numbers, SIRET, code), the same for every
// layout. Each reader answers a value or a coded failure (src/domain/failures.ts, CHORUS_CELL_*), whose words
// follow "Ligne 12 : " in a rejection.
// What the cells look like comes from the public samples of Data État Région, the State's Chorus ingestion
// (dataregion/DataEtatRegion-back, app/tests/data/chorus and tests/data/chorus/national): see layouts.ts.
import { isValidIsoDate, type IsoDate } from "../dates";
import { siretProblemCode } from "../siret";
import { parseEuros, type AmountSyntax, type Cents } from "../money";
import { failure, messageOf, type ChorusDateCell, type Failure, type FailureCode, type ParamsArgument } from "../failures";
import type { FileRejection, LineRejection } from "./records";

export type CellResult<T> = { ok: true; value: T } | { ok: false; failure: Failure };

const ok = <T>(value: T): CellResult<T> => ({ ok: true, value });
const fail = <T, C extends FailureCode>(code: C, ...params: ParamsArgument<C>): CellResult<T> => ({ ok: false, failure: failure(code, ...params) });

/**
 * Chorus's ways of saying "nothing here": "#" (INF-BUD-53: `#,#` for a DP without EJ), "Non affecté"
 * (INF-BUD-53 and AIFE: Contrat de projet Etat-Region, Axe ministériel 1) and "N/A" (national files:
 * cfmtrfonc, bic_cfund).
 */
const EMPTY_MARKERS = new Set(["#", "non affecté", "non affecte", "n/a"]);

/**
 * A cell as the parsers see it: trimmed (no-break spaces too), the spreadsheet guard ="0123" unwrapped,
 * and Chorus's empty markers read as empty.
 */
export function cleanCell(raw: string | undefined): string {
  if (raw === undefined) return "";
  let value = raw.trim();
  const guarded = /^="(.*)"$/s.exec(value);
  if (guarded) value = (guarded[1] ?? "").trim();
  return EMPTY_MARKERS.has(value.toLowerCase()) ? "" : value;
}

/** A free text cell: inner runs of spaces and line breaks become one space. */
export function cleanText(raw: string | undefined): string {
  return cleanCell(raw).replace(/\s+/g, " ");
}

/**
 * Chorus codes (centre financier, activité…) compare upper-cased, without spaces and without the controlling
 * area INF-BUD-53 puts before analytic codes: "BG00/DREETS0035" is centre de coûts DREETS0035,
 * "BG00/010300000108" is référentiel de programmation 010300000108 (sample chorus_ae.csv).
 */
export function cleanCode(raw: string | undefined): string {
  return cleanCell(raw)
    .replace(/\s+/g, "")
    .toUpperCase()
    .replace(/^[A-Z0-9]{4}\//, "");
}

/**
 * Amounts as every layout writes them: "22500,12" and "15000" (INF-BUD-53), "138 936 678,56" and "200,0"
 * (AIFE), "12615940.52" (AIFE re-saved with a decimal point), "-0.01" and "250.0" (national files), SAP's
 * trailing minus ("1234.50-"). Two decimals at most keep the decimal mark unambiguous: "1.500" (a thousands
 * point, or one and a half?) is refused, never guessed.
 */
export const CHORUS_AMOUNT: AmountSyntax = { decimalMark: "either", spaces: "thousands", trailingMinus: true };

export function readAmount(value: string, syntax: AmountSyntax): CellResult<Cents> {
  if (value === "") return fail("CHORUS_CELL_AMOUNT_MISSING");
  const parsed = parseEuros(value, syntax);
  if (parsed.ok) return ok(parsed.cents);
  switch (parsed.problem) {
    case "too-many-decimals":
      return fail("CHORUS_CELL_AMOUNT_AMBIGUOUS", { value });
    case "too-large":
      return fail("CHORUS_CELL_AMOUNT_TOO_LARGE", { value });
    default:
      return fail("CHORUS_CELL_AMOUNT_UNREADABLE", { value });
  }
}

export type DateFormat = "dd.mm.yyyy" | "dd/mm/yyyy" | "yyyymmdd" | "yyyy-mm-dd";

const DATE_SHAPES: Record<DateFormat, { pattern: RegExp; toIso: (m: RegExpExecArray) => string; label: string }> = {
  "dd.mm.yyyy": { pattern: /^(\d{2})\.(\d{2})\.(\d{4})$/, toIso: (m) => `${m[3]}-${m[2]}-${m[1]}`, label: "jj.mm.aaaa" },
  "dd/mm/yyyy": { pattern: /^(\d{2})\/(\d{2})\/(\d{4})$/, toIso: (m) => `${m[3]}-${m[2]}-${m[1]}`, label: "jj/mm/aaaa" },
  yyyymmdd: { pattern: /^(\d{4})(\d{2})(\d{2})$/, toIso: (m) => `${m[1]}-${m[2]}-${m[3]}`, label: "aaaammjj" },
  "yyyy-mm-dd": { pattern: /^(\d{4})-(\d{2})-(\d{2})$/, toIso: (m) => `${m[1]}-${m[2]}-${m[3]}`, label: "aaaa-mm-jj" },
};

/**
 * Dates as the layouts write them: dd.mm.yyyy (INF-BUD-53), dd/mm/yyyy (AIFE), yyyy-mm-dd (national files,
 * and the XLSX reader for date cells); yyyymmdd (SAP's DATS). None of them can be read two ways.
 */
export const CHORUS_DATES: readonly DateFormat[] = ["dd.mm.yyyy", "dd/mm/yyyy", "yyyy-mm-dd", "yyyymmdd"];

/** Chorus has no operation before its start nor after this century: anything else is a garbled cell. */
const FIRST_YEAR = 2000;
const LAST_YEAR = 2099;

/** A calendar date in one of `formats`; SAP's "00000000" means no date. */
export function readDate(value: string, formats: readonly DateFormat[], date: ChorusDateCell = "date"): CellResult<IsoDate> {
  if (value === "" || value === "00000000" || value === "00.00.0000") return fail("CHORUS_CELL_DATE_MISSING", { date });
  const expected = formats.map((f) => DATE_SHAPES[f].label).join(" ou ");
  for (const format of formats) {
    const shape = DATE_SHAPES[format];
    const match = shape.pattern.exec(value);
    if (!match) continue;
    const iso = shape.toIso(match);
    const year = Number(iso.slice(0, 4));
    if (!isValidIsoDate(iso) || year < FIRST_YEAR || year > LAST_YEAR) return fail("CHORUS_CELL_DATE_INVALID", { date, value });
    return ok(iso);
  }
  return fail("CHORUS_CELL_DATE_INVALID", { date, value, expected });
}

/** Chorus EJ number: 10 digits (spaces tolerated, as people group them "1300 123 456"). */
export function readEjNumber(value: string): CellResult<string> {
  if (value === "") return fail("CHORUS_CELL_EJ_NUMBER_MISSING");
  const digits = value.replace(/\s+/g, "");
  if (!/^\d{10}$/.test(digits)) return fail("CHORUS_CELL_EJ_NUMBER_INVALID", { value });
  return ok(digits);
}

/** Same bounds as the form (src/domain/fields.ts lineNumberField); SAP pads it with zeros ("00010"). */
const MAX_LINE = 9999;

export function readEjLine(value: string): CellResult<number> {
  if (value === "") return fail("CHORUS_CELL_EJ_LINE_MISSING");
  if (!/^\d{1,10}$/.test(value)) return fail("CHORUS_CELL_EJ_LINE_NOT_INTEGER", { value });
  const line = Number(value);
  if (line < 1 || line > MAX_LINE) return fail("CHORUS_CELL_EJ_LINE_OUT_OF_RANGE", { value, max: MAX_LINE });
  return ok(line);
}

/**
 * A DP number: "500043027" and "100241599" (INF-BUD-53 and AIFE, 9 digits), "0100083815" (national file,
 * padded to 10). Same bounds as the form; the leading zeros are dropped (canonicalDpNumber).
 */
export function readDpNumber(value: string): CellResult<string> {
  if (value === "") return fail("CHORUS_CELL_DP_NUMBER_MISSING");
  const digits = value.replace(/\s+/g, "");
  if (!/^\d{6,12}$/.test(digits)) return fail("CHORUS_CELL_DP_NUMBER_INVALID", { value });
  return ok(digits.replace(/^0+(?=\d)/, ""));
}

/** A DP's item ("002" in the national file, "2" in AIFE's "N° poste DP"). */
export function readDpItem(value: string): CellResult<number | null> {
  if (value === "") return ok(null);
  if (!/^\d{1,6}$/.test(value)) return fail("CHORUS_CELL_DP_ITEM_INVALID", { value });
  return ok(Number(value));
}

/**
 * The supplier's SIRET when "Code taxe 1" holds one: 14 digits with a valid key. Anything else (empty, a
 * foreign supplier's tax number) is not a SIRET and is left aside, never a reason to refuse the line.
 */
export function siretOrNull(value: string): string | null {
  const digits = value.replace(/\s+/g, "");
  return siretProblemCode(digits) === null ? digits : null;
}

/** SIRET typed in a form-like cell: 14 digits with a valid check digit (spaces tolerated), or null when empty. */
export function readSiret(value: string): CellResult<string | null> {
  if (value === "") return ok(null);
  const digits = value.replace(/\s+/g, "");
  const problem = siretProblemCode(digits);
  if (problem) return fail("CHORUS_CELL_SIRET_INVALID", { value, problem });
  return ok(digits);
}

/** Collects the failures of a row, so that one rejection names every problem of its line. */
export class RowProblems {
  readonly failures: Failure[] = [];

  take<T>(result: CellResult<T>): T | undefined {
    if (result.ok) return result.value;
    this.failures.push(result.failure);
    return undefined;
  }

  add(problem: Failure): void {
    this.failures.push(problem);
  }

  get any(): boolean {
    return this.failures.length > 0;
  }
}

/** The rejection of a line for its cells' problems, every one named. */
export function rejection(lineNumber: number, problems: readonly Failure[]): LineRejection {
  return rejectionOf(lineNumber, failure("CHORUS_LINE_UNREADABLE", { lineNumber, problems }));
}

/** A rejection carrying its failure and the failure's words (what the preview lists). */
export function rejectionOf(lineNumber: number, refusal: Failure): FileRejection {
  return { lineNumber, code: refusal.code, failure: refusal, reason: messageOf(refusal) };
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

