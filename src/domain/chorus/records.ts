// What reading a Chorus extract produces, whatever its layout: AE lines (an EJ poste's amount), CP lines (a
// payment request's item) and the rejected lines with their reason in French. Parsers receive rows already
// split into fields (the reader does the quoting and the encoding, on the server) and answer one outcome per row.
import type { IsoDate } from "../dates";
import type { Failure, FailureCode } from "../failures";

/** The imputation columns a layout may carry (codes cleaned: "BG00/" prefixes and "#" removed). */
export type Imputation = {
  programme?: string;
  domaineFonctionnel?: string;
  centreFinancier?: string;
  centreDeCout?: string;
  /** Activité, called "Référentiel de programmation" in Chorus. */
  activite?: string;
};

/**
 * One line of an EJ poste as an extract states it at its extraction date. A file may hold several lines for one
 * poste (an AIFE file splits a poste's amount; a reduction comes as a negative line): they add up.
 */
export type ChorusAeLine = {
  /** Chorus EJ number: 10 digits. */
  ejNumber: string;
  /** The EJ's poste, 1 to 9999. */
  lineNumber: number;
  /** The EJ's creation (Chorus's "date de réplication", the national file's doc_date), when the layout has it. */
  createdOn: IsoDate | null;
  /** Last change of the EJ ("Date de dernière modif. de l'EJ"; the national file: its extraction date). */
  modifiedOn: IsoDate | null;
  /** AE in cents, signed. */
  amountCents: bigint;
  supplierCode: string | null;
  supplierName: string | null;
  /** 14 digits with a valid key, or null ("Code taxe 1" is not always a SIRET). */
  supplierSiret: string | null;
  imputation: Imputation;
};

/** One item of a payment request (demande de paiement, DP). A DP's items add up. */
export type ChorusCpLine = {
  /** DP number without its leading zeros ("0100083815" and "100083815" are one DP). */
  dpNumber: string;
  /** The DP's item (poste DP), when the layout numbers them. */
  dpItem: number | null;
  /** The EJ poste it pays; null when Chorus writes "#" (a payment without EJ). */
  ejNumber: string | null;
  lineNumber: number | null;
  /** "Date de base de la DP": the one date every CP layout carries. */
  paidOn: IsoDate | null;
  /** CP in cents, signed. */
  amountCents: bigint;
  supplierCode: string | null;
  supplierName: string | null;
  imputation: Imputation;
};

/** A line of the file that cannot be imported, with its reason in French ("Ligne 12 : montant illisible « 12,3,4 »."). */
export type LineRejection = {
  /** 1-based line in the file (the first line of the record when a quoted field spans several lines). */
  lineNumber: number;
  /** The catalogue's code of the refusal (a rule of the record, the plan's; or the line's cells, the reader's). */
  code?: FailureCode;
  /** The refusal itself, when the reader made it (what an import refused for this line reports). */
  failure?: Failure;
  reason: string;
};

/** What makes the whole file unreadable as its layout (no header, missing columns, empty): always coded. */
export type FileRejection = LineRejection & { failure: Failure };

/** One row of the file, already split into fields by the reader. */
export type RawRow = {
  /** 1-based line in the file (the spreadsheet's row number for XLSX) where the row starts. */
  lineNumber: number;
  fields: readonly string[];
};

/** Why a row produced nothing, without being an error. */
export type IgnoredRowKind = "title" | "header" | "blank" | "total" | "after-fatal";

export type RowOutcome<T> =
  | { kind: "record"; lineNumber: number; record: T }
  /** A row that cannot be read; `imputation` is what could be read of it, to tell whose line it is. */
  | { kind: "rejected"; rejection: LineRejection; imputation: Imputation }
  | { kind: "ignored"; lineNumber: number; why: IgnoredRowKind }
  /** The file cannot be read at all (header missing columns…): stop, nothing of it may be applied. */
  | { kind: "fatal"; rejection: FileRejection };

/** A layout's parser: feed it the rows in order, then call end() once. */
export interface ChorusRowParser<T> {
  push(row: RawRow): RowOutcome<T>;
  /** A file-level problem found at the end (no header row at all), or null. */
  end(): FileRejection | null;
}

/** Key of an EJ poste ("1300123456/1"). */
export function ejLineKey(ejNumber: string, lineNumber: number): string {
  return `${ejNumber}/${lineNumber}`;
}

/** A DP number compared and stored without its leading zeros (the national file pads it to 10 digits). */
export function canonicalDpNumber(digits: string): string {
  return digits.replace(/^0+(?=\d)/, "");
}
